// Schema features and Kubernetes' extensions become the TypeScript types users expect: int-or-string, Quantity,
// preserve-unknown-fields, embedded resources, date-time, enum, required, nullable, oneOf, maps, defaults as JSDoc.
// Checked by compiling a program against the generated types, with `@ts-expect-error` lines checked both ways.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../generator/pipeline/generate.ts';
import { projectRoot } from '../helpers/shared.ts';
import { expectErrorsBothWays } from '../helpers/expect-errors.ts';

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
// @ts-expect-error a Quantity is always a string
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
`;

describe('types from schemas and Kubernetes extensions, compiled', () => {
  before(async () => {
    rmSync(work, { recursive: true, force: true });
    await generate({ specs: [join(projectRoot, 'test', 'fixtures', 'emit', 'types.yaml')], out: work });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('accept what the API accepts and reject the rest', () => {
    const result = expectErrorsBothWays(work, 'consumer.ts', program);
    assert.deepEqual(result.errors, []);
    assert.equal(result.marked, 12);
    assert.deepEqual(result.loose, [], 'lines that compile without their @ts-expect-error');
  });
});
