// Random schemas for comparing the direct emitter with the conversion it stands in for: Kubernetes-style schemas
// as specs and CRDs publish them (to prepare as generation does), and prepared schemas of any shape, with hostile
// property names, comments that try to close themselves, and shapes only the conversion writes.
import fc from 'fast-check';
import type { Schema } from '../../core/spec/schema.ts';
import { REF_KEY, REF_TYPE } from '../../generator/emit/schema.ts';
import { text, word } from './random-specs.ts';

/** The named schemas references point at (prepare checks they exist). */
export const NAMED = [
  'io.k8s.api.core.v1.PodSpec',
  'io.k8s.apimachinery.pkg.api.resource.Quantity',
  'com.example.v1.Widget',
];

const name = fc.oneof(
  word,
  fc.constantFrom(
    '__proto__',
    'constructor',
    '1st',
    '42',
    '0',
    '01',
    '1.5',
    '-1',
    'Infinity',
    'NaN',
    'a*/b',
    'x\u2028',
  ),
);

const description = fc.oneof(
  text,
  fc.constantFrom(
    'Deprecated: use v2 instead.',
    'DEPRECATED - This field is ignored.',
    'line one\nline two\n\n    indented code',
    ' lead and trail \t ',
    'ends with a slash */',
    '@deprecated since v1',
    'tab\tin the middle',
  ),
  fc.array(text, { minLength: 2, maxLength: 4 }).map((lines) => lines.join('\n')),
);

const json: fc.Arbitrary<unknown> = fc.oneof(
  word,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(word, { maxLength: 2 }),
  fc.dictionary(word, word, { maxKeys: 2 }),
);

const docs = fc.record(
  {
    description,
    default: json,
    format: fc.constantFrom('int32', 'int64', 'date-time', 'byte', 'x*/y', 'trailing ', ''),
    example: json,
    deprecated: fc.boolean(),
  },
  { requiredKeys: [] },
);

function withDocs(shape: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(shape, fc.option(docs, { nil: undefined, freq: 3 })).map(([s, d]) => (d ? { ...s, ...d } : s));
}

/** Properties built with fromEntries: a property named `__proto__` stays a property. */
function properties(schema: fc.Arbitrary<Record<string, unknown>>) {
  return fc
    .uniqueArray(fc.tuple(name, schema), { selector: ([k]) => k, maxLength: 4 })
    .map((entries) => Object.fromEntries(entries));
}

function withRequired<T extends Record<string, unknown>>(o: T): fc.Arbitrary<T> {
  const names = Object.keys((o.properties as object | undefined) ?? {});
  return fc.subarray([...names, 'absent']).map((required) => (required.length ? { ...o, required } : o));
}

const ENUM_VALUE = fc.oneof(
  word,
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** Prepared schemas (what schema.ts and nested.ts hand the emitter) of every shape. */
export function preparedSchema(): fc.Arbitrary<Record<string, unknown>> {
  const { schema } = fc.letrec<Record<string, Record<string, unknown>>>((tie) => ({
    schema: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      { weight: 8, arbitrary: withDocs(tie('leaf')) },
      { weight: 8, arbitrary: withDocs(tie('object')) },
      { weight: 8, arbitrary: withDocs(tie('array')) },
      { weight: 8, arbitrary: withDocs(tie('composed')) },
      { weight: 1, arbitrary: withDocs(tie('odd')) },
    ),
    leaf: fc.oneof(
      fc.record(
        { type: fc.constantFrom('string', 'integer', 'number', 'boolean', 'null', 'object'), nullable: fc.boolean() },
        { requiredKeys: ['type'] },
      ),
      fc.record(
        {
          type: fc.constantFrom('string', 'integer', 'boolean'),
          enum: fc.array(ENUM_VALUE, { maxLength: 4 }),
          nullable: fc.boolean(),
        },
        { requiredKeys: ['enum'] },
      ),
      fc.record(
        {
          type: fc.constant(REF_TYPE),
          [REF_KEY]: fc.constantFrom(...NAMED),
          nullable: fc.boolean(),
          readOnly: fc.boolean(),
        },
        { requiredKeys: ['type', REF_KEY] },
      ),
      fc.constant({}),
      fc.constant({ oneOf: [{ type: 'integer' }, { type: 'string' }] }),
    ),
    object: fc
      .record(
        {
          type: fc.constant('object'),
          properties: properties(tie('schema')),
          additionalProperties: fc.oneof(tie('schema'), fc.boolean(), fc.constant({})),
          nullable: fc.boolean(),
          readOnly: fc.boolean(),
        },
        { requiredKeys: [] },
      )
      .chain(withRequired),
    array: fc.record(
      { type: fc.constant('array'), items: tie('schema'), nullable: fc.boolean(), minItems: fc.nat(3) },
      { requiredKeys: ['type'] },
    ),
    composed: fc
      .record(
        {
          allOf: fc.array(tie('schema'), { maxLength: 2 }),
          anyOf: fc.array(tie('schema'), { maxLength: 2 }),
          oneOf: fc.array(tie('schema'), { maxLength: 3 }),
          type: fc.constant('object'),
          properties: properties(tie('schema')),
          nullable: fc.boolean(),
        },
        { requiredKeys: [] },
      )
      .chain(withRequired),
    // What the conversion writes in ways the direct emitter does not mirror: it must leave them to the conversion.
    odd: fc.oneof(
      fc.constant({ type: ['string', 'null'] }),
      fc.constant({ const: 'x' }),
      fc.constant({ type: 'array', items: [{ type: 'string' }] }),
      fc.constant({ type: 'array', prefixItems: [{ type: 'string' }] }),
      fc.constant({ type: 'object', patternProperties: { '^a': { type: 'string' } } }),
      fc.constant({ allOf: [{ type: 'object', discriminator: { propertyName: 'kind' } }] }),
      fc.constant({ type: 'object', properties: { a: true } }),
      fc.constant({ type: 'object', additionalProperties: null }),
      fc.constant({ type: 'file' }),
      fc.constant({ type: 'object', enum: ['a'] }),
    ),
  }));
  return schema!;
}

/** Schemas as Kubernetes' specs and CRDs write them: references, extensions, formats, enums of strings, maps. */
export function kubernetesSchema(): fc.Arbitrary<Schema> {
  const { schema } = fc.letrec<Record<string, Schema>>((tie) => ({
    schema: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      withDocs(tie('leaf')),
      withDocs(tie('object')),
      withDocs(tie('array')),
      withDocs(tie('map')),
      withDocs(tie('special')),
    ),
    leaf: fc.oneof(
      fc.record(
        {
          type: fc.constantFrom('string', 'integer', 'number', 'boolean'),
          format: fc.constantFrom('int32', 'int64', 'double', 'date-time', 'byte'),
          nullable: fc.boolean(),
          minimum: fc.integer(),
          pattern: fc.constant('^[a-z]+$'),
          maxLength: fc.nat(),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record(
        {
          type: fc.constant('string'),
          enum: fc.uniqueArray(word, { minLength: 1, maxLength: 4 }),
          nullable: fc.boolean(),
        },
        { requiredKeys: ['type', 'enum'] },
      ),
      fc.constantFrom(...NAMED).map((n) => ({ $ref: `#/definitions/${n}` })),
      fc.constantFrom(...NAMED).map((n) => ({ allOf: [{ $ref: `#/components/schemas/${n}` }] })),
    ),
    object: fc
      .record(
        {
          type: fc.constant('object'),
          properties: properties(tie('schema')),
          nullable: fc.boolean(),
          'x-kubernetes-preserve-unknown-fields': fc.boolean(),
          'x-kubernetes-embedded-resource': fc.boolean(),
          'x-kubernetes-map-type': fc.constantFrom('atomic', 'granular'),
        },
        { requiredKeys: ['type'] },
      )
      .chain(withRequired),
    array: fc.record(
      {
        type: fc.constant('array'),
        items: tie('schema'),
        'x-kubernetes-list-type': fc.constantFrom('atomic', 'set', 'map'),
        'x-kubernetes-list-map-keys': fc.constant(['name']),
        nullable: fc.boolean(),
      },
      { requiredKeys: ['type', 'items'] },
    ),
    map: fc.record({ type: fc.constant('object'), additionalProperties: fc.oneof(tie('schema'), fc.constant(true)) }),
    special: fc.oneof(
      fc.constant<Schema>({ 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }),
      fc.constant<Schema>({ type: 'string', format: 'int-or-string' }),
      fc.constant<Schema>({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
      fc.constant<Schema>({ 'x-kubernetes-preserve-unknown-fields': true }),
      fc.constant<Schema>({
        oneOf: [{ required: ['a'] }, { required: ['b'] }],
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string' } },
      }),
      fc.constant<Schema>({ not: { required: ['x'] }, type: 'object' }),
    ),
  }));
  return schema! as fc.Arbitrary<Schema>;
}
