// The direct emitter writes exactly what openapi-typescript's conversion and the printer write, wherever it takes a
// schema: the same text, and the same references resolved in the same order (which names a module's imports).
// Random Kubernetes-style schemas, prepared as generation prepares them, and random prepared schemas of any shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Schema } from '../../core/spec/schema.ts';
import { directDeclaration } from '../../generator/emit/direct.ts';
import { extractNested } from '../../generator/emit/nested.ts';
import { prepare, prepareNamed } from '../../generator/emit/schema.ts';
import { sameDeclaration, sameFragment, tally } from '../helpers/direct-compare.ts';
import { NAMED, kubernetesSchema, preparedSchema } from '../helpers/prepared-schemas.ts';
import { projectRoot } from '../helpers/shared.ts';
import { toolchainLoadedBy } from '../helpers/toolchain-loads.ts';

const has = (n: string) => NAMED.includes(n);

describe('the direct emitter against the conversion', () => {
  it('writes random Kubernetes-style declarations and fragments as the conversion does', (t) => {
    const declarations = tally();
    const fragments = tally();
    fc.assert(
      fc.property(kubernetesSchema(), fc.boolean(), (raw: Schema, kind: boolean) => {
        const kinds = kind ? [{ apiVersion: 'example.com/v1', kind: 'Widget' }] : [];
        const root = { type: 'object', properties: { spec: raw, status: raw } } as Schema;
        const key = 'com.example.v1.Widget';
        const { schema, nested } = extractNested(key, prepareNamed(key, root, kinds, { has }, ''));
        sameDeclaration(declarations, { key, id: 'Widget', schema, doc: { ...schema, deprecation: false } });
        for (const n of nested)
          sameDeclaration(declarations, { ...n, id: 'Nested', doc: { description: `The \`${n.field}\` field.` } });
        sameFragment(fragments, prepare(raw, { has }, '#'));
      }),
      { numRuns: 1500 },
    );
    // Kubernetes' shapes all take the direct path: only a rare odd one (a composition of bare objects) may not.
    t.diagnostic(
      `direct: ${declarations.direct} of ${declarations.all} declarations, ${fragments.direct} of ${fragments.all} fragments`,
    );
    assert.ok(declarations.direct / declarations.all > 0.97, `direct ${declarations.direct} of ${declarations.all}`);
    assert.ok(fragments.direct / fragments.all > 0.97, `direct ${fragments.direct} of ${fragments.all}`);
  });

  it('writes random prepared schemas of any shape as the conversion does, or leaves them to it', (t) => {
    const declarations = tally();
    const fragments = tally();
    fc.assert(
      fc.property(preparedSchema(), (schema) => {
        sameDeclaration(declarations, { key: 'Widget', id: 'Widget', schema, doc: schema });
        sameFragment(fragments, schema);
      }),
      { numRuns: 3000 },
    );
    t.diagnostic(
      `direct: ${declarations.direct} of ${declarations.all} declarations, ${fragments.direct} of ${fragments.all} fragments`,
    );
    assert.ok(declarations.direct / declarations.all > 0.6, `direct ${declarations.direct} of ${declarations.all}`);
  });

  it('leaves to the conversion what it does not mirror', () => {
    const resolve = (t: string) => t;
    for (const schema of [
      { type: ['string', 'null'] },
      { const: 'x' },
      { type: 'array', items: [{ type: 'string' }] },
      { type: 'object', patternProperties: { '^a': { type: 'string' } } },
      { type: 'object', properties: { a: true } },
      { type: 'object', enum: [{ a: 1 }] },
      { type: 'string', description: 'a\u2028b' },
    ])
      assert.equal(directDeclaration('W', schema, schema, resolve), undefined, JSON.stringify(schema));
  });
});

describe('a run over common schemas', () => {
  it('never loads the compiler or openapi-typescript', async () => {
    const fixtures = join(projectRoot, 'test', 'fixtures', 'emit');
    for (const spec of ['types.yaml', 'hostile.json', 'deprecated.yaml'])
      assert.deepEqual(await toolchainLoadedBy(['--spec', join(fixtures, spec)]), [], spec);
    assert.deepEqual(await toolchainLoadedBy(['--crd', join(fixtures, 'nested-crd.yaml')]), [], 'nested-crd.yaml');
  });

  it('loads them when a schema needs the conversion', async () => {
    const loaded = await toolchainLoadedBy([
      '--spec',
      join(projectRoot, 'test', 'fixtures', 'emit', 'conversion.json'),
    ]);
    assert.ok(
      loaded.some((f) => /openapi-typescript/.test(f)),
      'openapi-typescript loaded',
    );
  });
});
