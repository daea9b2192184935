// Two documents may both define a (method, path): the same operation is kept once, whichever document comes first;
// a different one is refused, naming where each is defined.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../core/model/build.ts';
import { SpecError } from '../../core/spec/errors.ts';

const widget = { type: 'object', properties: { name: { type: 'string' } } };

function doc(description: string, limit: object = { type: 'integer' }) {
  return {
    openapi: '3.0.0',
    info: { title: 'widgets', version: 'v1.35.0' },
    paths: {
      '/apis/example.com/v1/widgets': {
        get: {
          operationId: 'listExampleComV1Widget',
          description,
          'x-kubernetes-action': 'list',
          parameters: [{ name: 'limit', in: 'query', schema: limit }],
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } },
            },
            '401': { description: 'Unauthorized' },
          },
        },
      },
    },
    components: { schemas: { Widget: widget } },
  };
}

describe('merging operations', () => {
  it('keeps one of two equal definitions, and hashes the same whatever the order', () => {
    const a = { file: 'a.json', doc: doc('list widgets') };
    const b = { file: 'b.json', doc: doc('list widgets') };
    const ab = buildModel([a, b]);
    const ba = buildModel([b, a]);
    assert.equal(ab.operations.length, 1);
    assert.equal(ab.operations[0]!.origin.file, 'a.json');
    assert.equal(ba.operations[0]!.origin.file, 'a.json');
    assert.equal(ab.source.hash, ba.source.hash);
    assert.equal(ab.source.hash, buildModel([a]).source.hash);
  });

  const differing: [string, ReturnType<typeof doc>][] = [
    ['a description', doc('list the widgets')],
    ['a parameter schema', doc('list widgets', { type: 'string' })],
  ];
  for (const [what, other] of differing)
    it(`refuses two definitions that differ in ${what}, naming both`, () => {
      assert.throws(
        () =>
          buildModel([
            { file: 'b.json', doc: other },
            { file: 'a.json', doc: doc('list widgets') },
          ]),
        (err: unknown) => {
          assert.ok(err instanceof SpecError);
          assert.equal(err.file, 'b.json');
          assert.equal(err.pointer, '/paths/~1apis~1example.com~1v1~1widgets/get');
          assert.match(
            err.message,
            /GET \/apis\/example\.com\/v1\/widgets is defined again, differently from a\.json#/,
          );
          return true;
        },
      );
    });
});
