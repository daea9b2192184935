// The emitter at the edges the reader lets through: a schema nested as deep as any input may nest, in each shape
// that nests, renders; and a chain of 20,000 schemas that only refer to the next is walked without recursion.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../core/model/build.ts';
import { maxNesting, measureNesting } from '../../core/spec/nesting.ts';
import { renderFiles } from '../../generator/emit/render.ts';
import { prepareSchemas } from '../../generator/emit/types.ts';
import { specWith } from '../helpers/hostile-specs.ts';

const shapes: Record<string, (inner: object) => object> = {
  properties: (s) => ({ type: 'object', properties: { next: s } }),
  items: (s) => ({ type: 'array', items: s }),
  additionalProperties: (s) => ({ type: 'object', additionalProperties: s }),
  allOf: (s) => ({ allOf: [s] }),
  anyOf: (s) => ({ anyOf: [s, { type: 'string' }] }),
  not: (s) => ({ type: 'object', not: s }),
};

/** The spec whose Widget nests `wrap` as many times as the nesting limit allows. */
function deepestSpec(wrap: (inner: object) => object): Record<string, unknown> {
  let schema: object = { type: 'string' };
  while (!measureNesting(specWith(wrap(schema)), maxNesting).tooDeep) schema = wrap(schema);
  return specWith(schema);
}

describe('the emitter at the nesting limit', () => {
  for (const [shape, wrap] of Object.entries(shapes)) {
    it(`renders a schema nested through ${shape} to the limit`, () => {
      const files = renderFiles(buildModel([{ file: `${shape}.json`, doc: deepestSpec(wrap) }]), {
        kubegenVersion: '0.0.0',
      });
      assert.ok(files.get('hostile.kubegen.dev/v1.ts')?.includes('export interface Widget'));
    });
  }

  it('walks a chain of 20,000 schemas that are each a reference to the next', () => {
    const schemas: Record<string, unknown> = {};
    const name = (i: number) => `dev.kubegen.hostile.v1.Link${i}`;
    for (let i = 0; i < 20_000; i++) schemas[name(i)] = { allOf: [{ $ref: `#/components/schemas/${name(i + 1)}` }] };
    schemas[name(20_000)] = { type: 'string' };
    const model = buildModel([
      { file: 'chain.json', doc: specWith({ $ref: `#/components/schemas/${name(0)}` }, schemas) },
    ]);
    assert.equal(prepareSchemas(model).schemas.size, 20_004);
  });
});
