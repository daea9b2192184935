// Given/want tables for naming nested objects: which inline objects of a prepared schema become named schemas,
// under which path, and what stays on the property that holds them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractNested } from '../../../generator/emit/nested.ts';
import { EMBEDDED_OBJECT, REF_KEY, REF_TYPE } from '../../../generator/emit/schema.ts';

const ref = (key: string, extra: object = {}) => ({ type: REF_TYPE, [REF_KEY]: key, ...extra });
const obj = (properties: Record<string, unknown>, extra: object = {}) => ({ type: 'object', properties, ...extra });
const str = { type: 'string' };

/** The nested objects found: `path → field`, in pre-order. */
function found(schema: Record<string, unknown>): string[] {
  return extractNested('R', schema).nested.map((n) => `${n.path.join('.')} → ${n.field}`);
}

describe('nested objects', () => {
  it('are found through properties, array items and map values, in pre-order', () => {
    const cases: [given: Record<string, unknown>, want: string[]][] = [
      [obj({ a: str }), []],
      [obj({ spec: obj({ a: str }) }), ['spec → spec']],
      [
        obj({ spec: obj({ keystores: obj({ jks: obj({ a: str }) }) }) }),
        ['spec → spec', 'spec.keystores → spec.keystores', 'spec.keystores.jks → spec.keystores.jks'],
      ],
      [obj({ listeners: { type: 'array', items: obj({ port: str }) } }), ['listeners → listeners[*]']],
      [obj({ m: { type: 'array', items: { type: 'array', items: obj({ c: str }) } } }), ['m → m[*][*]']],
      [obj({ pools: { type: 'object', additionalProperties: obj({ size: str }) } }), ['pools → pools.*']],
      // A map beside declared fields: its values are `…Value`, so they never share their object's name.
      [obj({ x: obj({ mode: str }, { additionalProperties: obj({ level: str }) }) }), ['x → x', 'x.value → x.*']],
      [obj({ a: obj({ b: str }), c: obj({ d: str }) }), ['a → a', 'c → c']],
    ];
    for (const [given, want] of cases) assert.deepEqual(found(given), want, JSON.stringify(given));
  });

  it('are not: maps of scalars, empty objects, references, int-or-string, objects inside allOf/oneOf/anyOf', () => {
    const cases: Record<string, unknown>[] = [
      obj({ labels: { type: 'object', additionalProperties: str } }),
      obj({ open: { type: 'object', additionalProperties: true } }),
      obj({ empty: obj({}) }),
      obj({ meta: ref('io.k8s.ObjectMeta') }),
      obj({ port: { oneOf: [{ type: 'integer' }, { type: 'string' }] } }),
      obj({ either: { oneOf: [obj({ a: str }), obj({ b: str })] } }),
      obj({ both: { allOf: [ref('io.x.Base'), obj({ b: str })] } }),
    ];
    for (const given of cases) assert.deepEqual(found(given), [], JSON.stringify(given));
  });

  it('leave a reference on the property, with its doc fields and nullable; the named schema keeps the rest', () => {
    const given = obj({
      spec: obj(
        { a: str },
        { description: 'What it should be.', default: {}, nullable: true, required: ['a'], additionalProperties: true },
      ),
    });
    const { schema, nested } = extractNested('io.x.v1.Thing', given);
    assert.deepEqual(
      schema,
      obj({
        spec: ref('io.x.v1.Thing#/properties/spec', { description: 'What it should be.', default: {}, nullable: true }),
      }),
    );
    assert.deepEqual(nested, [
      {
        key: 'io.x.v1.Thing#/properties/spec',
        path: ['spec'],
        field: 'spec',
        schema: obj({ a: str }, { required: ['a'], additionalProperties: true }),
      },
    ]);
  });

  it('name an embedded resource with fields of its own, and the objects inside it', () => {
    const embedded = {
      allOf: [ref(EMBEDDED_OBJECT), obj({ spec: obj({ replicas: { type: 'integer' } }) })],
      description: 'The object to stamp out.',
    };
    const { schema, nested } = extractNested('R', obj({ template: embedded }));
    assert.deepEqual(
      schema,
      obj({ template: ref('R#/properties/template', { description: 'The object to stamp out.' }) }),
    );
    assert.deepEqual(
      nested.map((n) => [n.path.join('.'), n.key]),
      [
        ['template', 'R#/properties/template'],
        ['template.spec', 'R#/properties/template/allOf/1/properties/spec'],
      ],
    );
    assert.deepEqual(nested[0]!.schema.allOf, [
      ref(EMBEDDED_OBJECT),
      obj({ spec: ref('R#/properties/template/allOf/1/properties/spec') }),
    ]);
  });

  it('escape property names in keys as JSON pointers', () => {
    const { nested } = extractNested('R', obj({ 'a/b~c': obj({ x: str }) }));
    assert.deepEqual(
      nested.map((n) => [n.key, n.path, n.field]),
      [['R#/properties/a~1b~0c', ['a/b~c'], 'a/b~c']],
    );
  });
});
