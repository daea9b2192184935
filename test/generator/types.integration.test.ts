// Schema features and Kubernetes' extensions become the TypeScript types users expect: int-or-string, Quantity,
// preserve-unknown-fields, embedded resources, date-time, enum, required, nullable, oneOf, maps, defaults as JSDoc,
// apiextensions' JSON schemas; request bodies and watch events typed as the API server reads and writes them.
// Checked by compiling programs against the generated types, with `@ts-expect-error` lines checked both ways.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../generator/pipeline/generate.ts';
import { projectRoot } from '../helpers/shared.ts';
import { expectErrorsBothWays } from '../helpers/expect-errors.ts';
import { strictExtras } from '../helpers/typecheck.ts';

const work = join(projectRoot, 'test', '.work', 'emit-types-compiled');

const program = `
import type { Sample, SampleSpec } from './types.kubegen.dev/v1.js';
import type { Quantity } from './meta.js';

export const full: SampleSpec = {
  mode: 'Fast', port: 8080, size: '500m', config: { known: 'k', anything: { nested: [1, 'two'] } },
  template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } },
  createdAt: '2024-01-01T00:00:00Z', note: null, replicas: 2, choice: 3, labels: { app: 'web' },
};
export const named: SampleSpec = { mode: 'Slow', port: 'http', choice: 'x', note: 'n' };
export const sample: Sample = { apiVersion: 'types.kubegen.dev/v1', kind: 'Sample', metadata: { creationTimestamp: '2024-01-01T00:00:00Z' }, spec: named };
export const quantity: Quantity = '1Gi';
// @ts-expect-error int-or-string is a number or a string, not a boolean
export const c: SampleSpec = { mode: 'Fast', port: true };
// @ts-expect-error a Quantity in the kind's own type (what the API server answers) is a string
export const d: SampleSpec = { mode: 'Fast', size: 1 };
// @ts-expect-error only the enum's values
export const e: SampleSpec = { mode: 'Medium' };
// @ts-expect-error mode is required
export const f: SampleSpec = { port: 1 };
// @ts-expect-error an embedded resource names its apiVersion and kind
export const g: SampleSpec = { mode: 'Fast', template: { apiVersion: 'v1' } };
// @ts-expect-error date-time travels as a string
export const h: SampleSpec = { mode: 'Fast', createdAt: new Date() };
// @ts-expect-error map values keep their type
export const i: SampleSpec = { mode: 'Fast', labels: { a: 1 } };
// @ts-expect-error only nullable fields take null
export const j: SampleSpec = { mode: 'Fast', port: null };
// @ts-expect-error a closed object has no other fields
export const k: SampleSpec = { mode: 'Fast', extra: 1 };
// @ts-expect-error the declared fields of an open object keep their type
export const l: SampleSpec = { mode: 'Fast', config: { known: 1 } };
// @ts-expect-error oneOf: a string or an integer
export const m: SampleSpec = { mode: 'Fast', choice: false };
// @ts-expect-error the kind is a literal
export const n: Sample = { apiVersion: 'types.kubegen.dev/v1', kind: 'Other' };
// A field whose values the spec spells out only in its description stays a string (the spec gives no enum).
export const o: SampleSpec = { mode: 'Fast', restartPolicy: 'Sometimes' };
`;

/**
 * Calls: a request may send a quantity as a number, an answer holds the canonical string; a watch's ERROR event
 * carries a Status. `read` is how the program reads a container's CPU limit (strict extras ask for index access).
 */
const calls = (read: string) => `
import type { Transport } from '@kubegen/runtime';
import { typesKubegenDevV1, type Sample } from './types.kubegen.dev/v1.js';
import type { JSONSchemaProps, Status } from './meta.js';

export async function calls(t: Transport): Promise<void> {
  const api = typesKubegenDevV1(t);
  const pod = await api.samples.create({
    apiVersion: 'types.kubegen.dev/v1',
    kind: 'Sample',
    spec: { mode: 'Fast', size: 1, containers: [{ name: 'app', resources: { limits: { cpu: 1, memory: '1Gi' } } }] },
  });
  const s: string = ${read};
  await api.samples.update('web', pod);
  await api.samples.update('web', { apiVersion: 'types.kubegen.dev/v1', kind: 'Sample', spec: { mode: 'Slow', size: 0.5 } });
  await api.samples.patch('web', { spec: { containers: [{ name: 'app', resources: { limits: { cpu: 2 } } }] } }, { type: 'merge' });
  await api.samples.patch('web', { apiVersion: 'types.kubegen.dev/v1', kind: 'Sample', spec: { size: 3 } }, { type: 'apply', fieldManager: 'me' });
  for await (const event of api.samples.watch()) {
    if (event.type === 'ERROR') {
      const status: Status = event.object;
      const code: number | undefined = event.object.code;
      void [status, code];
    } else {
      const mode: 'Fast' | 'Slow' | undefined = event.object.spec?.mode;
      void mode;
    }
  }
  void s;

  // @ts-expect-error a quantity in an answer is a string, never a number
  const n: number = ${read};
  // @ts-expect-error a quantity in a request is a number or a string
  await api.samples.create({ apiVersion: 'types.kubegen.dev/v1', kind: 'Sample', spec: { mode: 'Fast', size: true } });
  // @ts-expect-error the other fields of a request keep their types
  await api.samples.create({ apiVersion: 'types.kubegen.dev/v1', kind: 'Sample', spec: { mode: 'Medium' } });
  // @ts-expect-error a merge patch keeps the other fields' types
  await api.samples.patch('web', { spec: { replicas: '2' } }, { type: 'merge' });
  // @ts-expect-error a watch's ERROR event carries a Status, not the resource
  for await (const event of api.samples.watch()) if (event.type === 'ERROR') void event.object.spec;
  // @ts-expect-error an object read back is not a number-quantity request in disguise: the kind's type is unchanged
  const answered: Sample = { apiVersion: 'types.kubegen.dev/v1', kind: 'Sample', spec: { mode: 'Fast', size: 1 } };
  void [n, answered];
}

// apiextensions' JSON schemas are typed all the way down.
export const schema: JSONSchemaProps = {
  type: 'object',
  properties: { ports: { type: 'array', items: { type: 'integer' } }, name: { type: 'string', default: 'web' } },
  additionalProperties: false,
  dependencies: { a: ['b'], c: { type: 'object' } },
  enum: [1, 'two', null, [true], { three: 3 }],
};
// @ts-expect-error a property's schema is a JSONSchemaProps
export const notSchema: JSONSchemaProps = { properties: { name: 'string' } };
// @ts-expect-error additionalProperties is a schema or a boolean
export const notBool: JSONSchemaProps = { additionalProperties: 'no' };
// @ts-expect-error a JSON value is not undefined or a function
export const notJson: JSONSchemaProps = { default: () => 1 };
`;

describe('types from schemas and Kubernetes extensions, compiled', () => {
  before(async () => {
    rmSync(work, { recursive: true, force: true });
    await generate({ specs: [join(projectRoot, 'test', 'fixtures', 'emit', 'types.yaml')], out: work });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('accept what the API accepts and reject the rest', () => {
    const result = expectErrorsBothWays(work, 'consumer.ts', program);
    rmSync(join(work, 'consumer.ts'));
    assert.deepEqual(result.errors, []);
    assert.equal(result.marked, 12);
    assert.deepEqual(result.loose, [], 'lines that compile without their @ts-expect-error');
  });

  it('type request bodies as the API server reads them and answers as it writes them, under every strict option', () => {
    const programs: [name: string, program: string, options: typeof strictExtras][] = [
      ['calls.ts', calls('pod.spec!.containers![0]!.resources.limits.cpu'), {}],
      ['calls-extras.ts', calls("pod.spec?.containers?.[0]?.resources.limits['cpu'] ?? ''"), strictExtras],
    ];
    for (const [name, program, options] of programs) {
      const result = expectErrorsBothWays(work, name, program, options);
      rmSync(join(work, name));
      assert.deepEqual(result.errors, [], name);
      assert.equal(result.marked, 9, name);
      assert.deepEqual(result.loose, [], `${name}: lines that compile without their @ts-expect-error`);
    }
  });
});
