// Random inputs for the generator's property tests: an OpenAPI v3 spec or a CRD manifest for one kind, with
// hostile names (reserved words, quotes, comment ends, unicode, path-like groups and versions) and random schemas
// (nesting, composition, enums, int-or-string, and recursion through named schemas).
import fc from 'fast-check';
import { crdOperations } from '../../core/source/crd/paths.ts';
import { builtinMetaSchemas, metaSchemaNames } from '../../core/source/meta-schemas.ts';
import type { Schema } from '../../core/spec/schema.ts';

export interface RandomCase {
  /** `spec` files are written as JSON, `crd` manifests as JSON too (YAML's superset). */
  source: 'spec' | 'crd';
  document: object;
}

/** Text that has broken code generators: comment ends, template syntax, quotes, escapes, line separators. */
const HOSTILE_TEXT = [
  '*/ export const pwned = 1; /*',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax a generator must never evaluate
  '${globalThis.pwned = 1}',
  '`',
  "'",
  '"',
  '\\',
  '\\u002a/',
  '\u2028',
  '\u2029',
  '\r\n',
  '<script>',
  '@param x',
  '{@link x}',
  '// comment',
  '\u0000',
  '\uFEFF',
  '🚀',
  'ü',
  '\u202Eevil',
  '',
];

const RESERVED = [
  'class',
  'default',
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'hasOwnProperty',
  'then',
  'Record',
  'Promise',
  'Object',
  'Array',
  'Error',
  'String',
  'import',
  'export',
  'function',
  'await',
  'enum',
  'interface',
  'type',
  'null',
  'undefined',
  'Symbol',
  'globalThis',
  '$',
  '_',
  '$Apply',
  '$NotServedError',
];

export const text = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.array(fc.constantFrom(...HOSTILE_TEXT), { maxLength: 3 }).map((parts) => parts.join('x')),
);

/** A property, enum value or schema word: reserved, hostile, numeric-looking, or random. */
export const word = fc.oneof(
  fc.constantFrom(...RESERVED),
  fc.constantFrom('a-b', 'a.b', 'a b', 'a"b', "a'b", 'a\\b', '0', '1e3', '-1', 'ünï', '名前', '🚀', 'x*/y'),
  fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,8}$/),
  text,
);

/** Group names as DNS names (some differing only by `-` against `.`), the core group, and path-like names. */
const group = (outside: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.domain({ size: 'xsmall' }) },
    { weight: 2, arbitrary: fc.constantFrom('a-b.example.com', 'a.b.example.com', 'x.k8s.io', 'k8s.io', '') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '../escape',
        '../../escape',
        'a/b',
        '..',
        '.',
        'a..b',
        '-a.com',
        'UPPER.example.com',
        'a\\b',
        outside,
        'x'.repeat(300),
        'ü.example.com',
      ),
    },
  );

const version = (outside: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('v1', 'v1beta1', 'v2alpha3', 'v1beta2', 'v10') },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/) },
    { weight: 1, arbitrary: fc.constantFrom('..', '../v1', 'v1/..', 'v1/x', outside, 'V1', 'v'.repeat(301)) },
  );

const kindName = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,10}$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...RESERVED, 'Widget', 'Status', 'List', 'Patch', 'WatchEvent', 'ObjectMeta'),
  },
  { weight: 1, arbitrary: fc.constantFrom('Ünïcode', 'a-b', 'A B', '123', 'Kind"', 'Kind*/') },
);

const plural = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/) },
  { weight: 1, arbitrary: fc.constantFrom('a/b', '..', 'with space', '{name}', 'status', 'ünï') },
);

const description = fc.option(text, { nil: undefined });

function leaf(): fc.Arbitrary<Schema> {
  return fc.oneof(
    fc.record(
      {
        type: fc.constant('string'),
        enum: fc.uniqueArray(word, { minLength: 1, maxLength: 4 }),
        format: fc.constantFrom('date-time', 'byte', 'int-or-string', 'quantity', 'x"y'),
        default: word,
        description,
      },
      { requiredKeys: ['type'] },
    ),
    fc.record(
      {
        type: fc.constantFrom('integer', 'number'),
        format: fc.constantFrom('int32', 'int64', 'double'),
        enum: fc.uniqueArray(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 3 }),
        minimum: fc.integer(),
        description,
      },
      { requiredKeys: ['type'] },
    ),
    fc.record({ type: fc.constant('boolean'), nullable: fc.boolean(), description }, { requiredKeys: ['type'] }),
    fc.constant<Schema>({ 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }),
    fc.constant<Schema>({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
    fc.constant<Schema>({}),
  );
}

/** Schemas nested a few levels, which may refer to the case's named schemas (`refs`), themselves included. */
function schemaOf(refs: string[]): fc.Arbitrary<Schema> {
  const ref = refs.length
    ? [fc.constantFrom(...refs).map((name): Schema => ({ $ref: `#/components/schemas/${name}` }))]
    : [];
  const { schema } = fc.letrec<{ schema: Schema; object: Schema; array: Schema; map: Schema; composed: Schema }>(
    (tie) => ({
      schema: fc.oneof(
        { depthSize: 'small', maxDepth: 4 },
        leaf(),
        ...ref,
        tie('object'),
        tie('array'),
        tie('map'),
        tie('composed'),
      ),
      object: fc
        .record(
          { properties: fc.dictionary(word, tie('schema'), { maxKeys: 4 }), description },
          { requiredKeys: ['properties'] },
        )
        .chain((o) =>
          fc
            .subarray(Object.keys(o.properties as object))
            .map((required) => ({ type: 'object', ...o, ...(required.length ? { required } : {}) })),
        ),
      array: fc.record(
        { type: fc.constant('array'), items: tie('schema'), description },
        { requiredKeys: ['type', 'items'] },
      ),
      map: fc.record({ type: fc.constant('object'), additionalProperties: tie('schema') }),
      composed: fc
        .tuple(fc.constantFrom('allOf', 'oneOf', 'anyOf'), fc.array(tie('schema'), { minLength: 1, maxLength: 2 }))
        .map(([key, members]) => ({ [key]: members })),
    }),
  );
  return schema;
}

interface Kind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  status: boolean;
  scale: boolean;
}

const kindOf = (outside: string): fc.Arbitrary<Kind> =>
  fc.record({
    group: group(outside),
    version: version(outside),
    kind: kindName,
    plural,
    namespaced: fc.boolean(),
    status: fc.boolean(),
    scale: fc.boolean(),
  });

/** A spec whose named schemas (hostile names, a package of their own) may refer to each other and to themselves. */
function specCase(outside: string): fc.Arbitrary<RandomCase> {
  const names = fc.uniqueArray(word, { maxLength: 3 });
  return fc
    .tuple(kindOf(outside), fc.constantFrom('io.example.v1', 'com.example.a-b.v1', 'x', 'a b.c'), names)
    .chain(([k, pkg, extra]) => {
      const named = extra.map((n) => `${pkg}.${n}`);
      return fc
        .tuple(schemaOf(named), fc.array(schemaOf(named), { minLength: extra.length, maxLength: extra.length }))
        .map(([spec, extras]) => ({ source: 'spec' as const, document: specDocument(k, pkg, spec, named, extras) }));
    });
}

function specDocument(k: Kind, pkg: string, spec: Schema, named: string[], extras: Schema[]): object {
  const kindRef = `#/components/schemas/${pkg}.${k.kind}`;
  const listRef = `#/components/schemas/${pkg}.${k.kind}List`;
  const gvk = [{ group: k.group, version: k.version, kind: k.kind }];
  const apiVersion = k.group ? `${k.group}/${k.version}` : k.version;
  const typeMeta = { apiVersion: { type: 'string', default: apiVersion }, kind: { type: 'string' } };
  const schemas: Record<string, Schema> = {
    ...builtinMetaSchemas(),
    ...Object.fromEntries(named.map((n, i) => [n, extras[i]!])),
    [`${pkg}.${k.kind}`]: {
      type: 'object',
      properties: { ...typeMeta, metadata: { $ref: `#/components/schemas/${metaSchemaNames.objectMeta}` }, spec },
      'x-kubernetes-group-version-kind': gvk,
    },
    [`${pkg}.${k.kind}List`]: {
      type: 'object',
      required: ['items'],
      properties: {
        ...typeMeta,
        metadata: { $ref: `#/components/schemas/${metaSchemaNames.listMeta}` },
        items: { type: 'array', items: { $ref: kindRef } },
      },
      'x-kubernetes-group-version-kind': [{ ...gvk[0], kind: `${k.kind}List` }],
    },
  };
  return {
    openapi: '3.0.0',
    info: { title: 'random', version: 'unversioned' },
    paths: crdOperations({ ...k, kindRef, listRef }),
    components: { schemas },
  };
}

/** A CRD: its schema inline (CRDs have no references), nested and composed at random. */
function crdCase(outside: string): fc.Arbitrary<RandomCase> {
  return fc.tuple(kindOf(outside), schemaOf([]), description).map(([k, spec, doc]) => ({
    source: 'crd' as const,
    document: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${k.plural}.${k.group}` },
      spec: {
        group: k.group,
        names: { kind: k.kind, plural: k.plural, listKind: `${k.kind}List`, singular: k.plural },
        scope: k.namespaced ? 'Namespaced' : 'Cluster',
        versions: [
          {
            name: k.version,
            served: true,
            storage: true,
            ...(k.status || k.scale
              ? {
                  subresources: {
                    ...(k.status ? { status: {} } : {}),
                    ...(k.scale
                      ? { scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } }
                      : {}),
                  },
                }
              : {}),
            schema: {
              openAPIV3Schema: {
                type: 'object',
                ...(doc !== undefined ? { description: doc } : {}),
                properties: { spec, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
              },
            },
          },
        ],
      },
    },
  }));
}

/** `outside`: an absolute path that must never be written, offered as a group and version name. */
export function randomCase(outside: string): fc.Arbitrary<RandomCase> {
  return fc.oneof({ weight: 3, arbitrary: specCase(outside) }, { weight: 2, arbitrary: crdCase(outside) });
}
