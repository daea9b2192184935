// Given/want tables for schema preparation: Kubernetes' dialect in, plain OpenAPI with reference markers out,
// and every refusal naming its JSON pointer.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Schema } from '../../../core/model/types.ts';
import {
  EMBEDDED_OBJECT,
  QUANTITY_BRAND,
  REF_KEY,
  REF_TYPE,
  SchemaError,
  prepare,
  prepareNamed,
} from '../../../generator/emit/schema.ts';

const ctx = { has: (name: string) => name !== 'io.x.Missing' };
const ref = (target: string, extra: object = {}) => ({ type: REF_TYPE, [REF_KEY]: target, ...extra });

describe('prepare', () => {
  it('turns each construct into what openapi-typescript converts', () => {
    const cases: [given: Schema, want: Record<string, unknown>][] = [
      [{ type: 'string' }, { type: 'string' }],
      [{ $ref: '#/components/schemas/io.x.Pod' }, ref('io.x.Pod')],
      [{ $ref: '#/definitions/io.x.Pod', description: 'the pod' }, ref('io.x.Pod', { description: 'the pod' })],
      [{ $ref: '#/components/schemas/a~1b~0c' }, ref('a/b~c')],
      [
        { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        { oneOf: [{ type: 'integer' }, { type: 'string' }] },
      ],
      [
        { type: 'string', format: 'int-or-string', nullable: true },
        { oneOf: [{ type: 'integer' }, { type: 'string' }], nullable: true },
      ],
      [
        { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
        { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
      ],
      [{ 'x-kubernetes-preserve-unknown-fields': true }, {}],
      [
        { type: 'object', 'x-kubernetes-embedded-resource': true, description: 'any object' },
        { allOf: [ref(EMBEDDED_OBJECT), { type: 'object', description: undefined }], description: 'any object' },
      ],
      [{ type: 'string', not: { enum: [''] } }, { type: 'string' }],
      [
        { type: 'array', items: { $ref: '#/components/schemas/io.x.Pod' } },
        { type: 'array', items: ref('io.x.Pod') },
      ],
      [
        { type: 'object', additionalProperties: { type: 'integer', format: 'int32' } },
        { type: 'object', additionalProperties: { type: 'integer', format: 'int32' } },
      ],
      [
        { type: 'string', title: 'Ignored', default: '', description: 'line 1\r\nline 2 */ end\u0007' },
        { type: 'string', description: 'line 1\nline 2 *\\/ end', default: '' },
      ],
      [
        { type: 'object', properties: JSON.parse('{"__proto__":{"type":"string"}}') },
        { type: 'object', properties: JSON.parse('{"__proto__":{"type":"string"}}') },
      ],
    ];
    for (const [given, want] of cases) assert.deepEqual(prepare(given, ctx, '#/s'), want, JSON.stringify(given));
  });

  it('pins apiVersion and kind of a kind to literals; brands Quantity as a string', () => {
    const kind = prepareNamed(
      'io.x.v1.Pod',
      { type: 'object', properties: { apiVersion: { type: 'string', description: 'v' }, kind: { type: 'string' } } },
      [
        { apiVersion: 'x.io/v1', kind: 'Pod' },
        { apiVersion: 'v1', kind: 'Pod' },
      ],
      ctx,
      '#/s',
    );
    assert.deepEqual(kind.properties, {
      apiVersion: { type: 'string', description: 'v', enum: ['v1', 'x.io/v1'] },
      kind: { type: 'string', enum: ['Pod'] },
    });
    assert.deepEqual(
      prepareNamed('io.k8s.apimachinery.pkg.api.resource.Quantity', { oneOf: [{ type: 'integer' }] }, [], ctx, '#'),
      { allOf: [{ type: 'string' }, ref(QUANTITY_BRAND)] },
    );
  });

  it("types apiextensions' JSON schema helpers recursively, where the spec leaves them untyped", () => {
    const pkg = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
    const props = ref(`${pkg}.JSONSchemaProps`);
    const json = ref(`${pkg}.JSON`);
    const cases: [name: string, given: Schema, want: Record<string, unknown>][] = [
      [
        `${pkg}.JSON`,
        { description: 'any JSON value' },
        {
          oneOf: [
            { type: 'string' },
            { type: 'number' },
            { type: 'boolean' },
            { type: 'array', items: json },
            { type: 'object', additionalProperties: json },
          ],
          nullable: true,
          description: 'any JSON value',
        },
      ],
      [`${pkg}.JSONSchemaPropsOrArray`, {}, { oneOf: [props, { type: 'array', items: props }] }],
      [`${pkg}.JSONSchemaPropsOrBool`, {}, { oneOf: [props, { type: 'boolean' }] }],
      [
        'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrStringArray',
        {},
        {
          oneOf: [
            ref('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps'),
            { type: 'array', items: { type: 'string' } },
          ],
        },
      ],
      // A spec that types one keeps its type; the same names elsewhere are not apiextensions'.
      [`${pkg}.JSONSchemaPropsOrBool`, { type: 'boolean' }, { type: 'boolean' }],
      ['io.x.v1.JSON', {}, {}],
      [`${pkg}.JSONSchemaPropsOrNothing`, {}, {}],
    ];
    for (const [name, given, want] of cases) assert.deepEqual(prepareNamed(name, given, [], ctx, '#'), want, name);
  });

  it('refuses what has no type, naming the pointer', () => {
    const cases: [given: unknown, message: RegExp, pointer: string][] = [
      [{ $ref: '#/components/schemas/io.x.Missing' }, /dangling \$ref/, '#/s'],
      [{ $ref: 'other.json#/Pod' }, /unsupported \$ref/, '#/s'],
      [{ type: 'object', properties: { a: [] } }, /expected a schema object, found an array/, '#/s/properties/a'],
      [{ type: 'array', items: 'x' }, /found string/, '#/s/items'],
      [{ oneOf: { type: 'string' } }, /oneOf must be an array/, '#/s/oneOf'],
    ];
    for (const [given, message, pointer] of cases) {
      assert.throws(
        () => prepare(given as Schema, ctx, '#/s'),
        (err: unknown) => err instanceof SchemaError && message.test(err.message) && err.pointer === pointer,
        JSON.stringify(given),
      );
    }
  });
});
