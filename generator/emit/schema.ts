// Kubernetes' schema dialect → plain OpenAPI that openapi-typescript converts. Pure: a new object comes out,
// the model's schema is never touched. `$ref`s become markers that the type emitter resolves to named types.
import type { Schema } from '../../core/model/types.js';
import { plainText } from './jsdoc.js';

/** Marks a reference: `{ type: REF_TYPE, [REF_KEY]: schemaName }` (a type openapi-typescript hands to our hook). */
export const REF_TYPE = 'x-kubegen-ref';
export const REF_KEY = 'x-kubegen-target';
/** The reference an embedded resource gets: a Kubernetes object type declared in the shared support module. */
export const EMBEDDED_OBJECT = '#embedded-object';

const REF_PREFIXES = ['#/components/schemas/', '#/definitions/'];

/** Why a schema could not be converted, and where. */
export class SchemaError extends Error {
  constructor(
    message: string,
    readonly pointer: string,
  ) {
    super(message);
  }
}

/** Marks `Quantity`'s type: the support module's brand, which lets request bodies send a number in its place. */
export const QUANTITY_BRAND = '#quantity-brand';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
/** The references that name a type of the support module rather than a schema; each starts with `#`. */
export const SUPPORT_TYPES: Record<string, string> = {
  [EMBEDDED_OBJECT]: '$KubernetesObject',
  [QUANTITY_BRAND]: '$QuantityBrand',
};

/**
 * apiextensions' JSON schema types have hand-written JSON marshalling in Go, so specs publish them without a type:
 * each is typed as its Go marshaller reads it (unless a spec types it itself), recursively through JSONSchemaProps.
 */
const JSON_SCHEMA_PACKAGE = /^io\.k8s\.apiextensions-apiserver\.pkg\.apis\.apiextensions\.v1(beta1)?$/;
const JSON_SCHEMA_TYPES: Record<string, (props: Schema, json: Schema) => Schema> = {
  // Any JSON value, null included.
  JSON: (_, json) => ({
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: json },
      { type: 'object', additionalProperties: json },
    ],
    nullable: true,
  }),
  JSONSchemaPropsOrArray: (props) => ({ oneOf: [props, { type: 'array', items: props }] }),
  JSONSchemaPropsOrBool: (props) => ({ oneOf: [props, { type: 'boolean' }] }),
  JSONSchemaPropsOrStringArray: (props) => ({ oneOf: [props, { type: 'array', items: { type: 'string' } }] }),
};

function jsonSchemaType(name: string, s: Schema, ctx: PrepareContext): Schema | undefined {
  const dot = name.lastIndexOf('.');
  const [pkg, last] = [name.slice(0, dot), name.slice(dot + 1)];
  const shape = Object.hasOwn(JSON_SCHEMA_TYPES, last) ? JSON_SCHEMA_TYPES[last] : undefined;
  if (!shape || !JSON_SCHEMA_PACKAGE.test(pkg) || hasType(s)) return undefined;
  const [props, json] = [`${pkg}.JSONSchemaProps`, `${pkg}.JSON`];
  if (!ctx.has(props) || !ctx.has(json)) return undefined;
  const ref = (n: string): Schema => ({ $ref: `#/components/schemas/${escapePointer(n)}` });
  return { ...shape(ref(props), ref(json)), ...(s.description === undefined ? {} : { description: s.description }) };
}

function hasType(s: Schema): boolean {
  return ['type', 'properties', 'items', '$ref', 'oneOf', 'anyOf', 'allOf', 'enum'].some((k) => s[k] !== undefined);
}

export interface PrepareContext {
  /** Whether a schema name exists, to catch dangling references. */
  has(name: string): boolean;
}

/** Prepares a named schema; `kinds` are the `apiVersion`/`kind` pairs to pin as literals. */
export function prepareNamed(
  name: string,
  schema: Schema,
  kinds: { apiVersion: string; kind: string }[],
  ctx: PrepareContext,
  pointer: string,
): Record<string, unknown> {
  // Published as string-or-number: requests may send either, but the API server always answers a string.
  if (name === QUANTITY)
    return { allOf: [{ type: 'string' }, { type: REF_TYPE, [REF_KEY]: QUANTITY_BRAND }], ...docFields(schema) };
  const fixed = jsonSchemaType(name, schema, ctx) ?? schema;
  const out = prepare(fixed, ctx, pointer);
  if (kinds.length && isObjectSchema(fixed)) {
    const props = Object.fromEntries(Object.entries((out.properties as Record<string, unknown> | undefined) ?? {}));
    const uniq = (xs: string[]) => [...new Set(xs)].sort();
    props.apiVersion = { ...(props.apiVersion as object), type: 'string', enum: uniq(kinds.map((k) => k.apiVersion)) };
    props.kind = { ...(props.kind as object), type: 'string', enum: uniq(kinds.map((k) => k.kind)) };
    out.properties = props;
  }
  return out;
}

function isObjectSchema(s: Schema): boolean {
  return s.type === 'object' || (s.type === undefined && s.properties !== undefined);
}

/**
 * Where a schema sits: made into a JSON pointer only for an error, as most schemas never need theirs (a large
 * spec's hundreds of thousands of fields would each build one).
 */
class At {
  constructor(
    private readonly parent: At | string,
    private readonly key: string,
    private readonly member?: string | number,
  ) {}
  toString(): string {
    const member = this.member === undefined ? '' : `/${escapePointer(String(this.member))}`;
    return `${String(this.parent)}/${this.key}${member}`;
  }
}

/** One schema, recursively. */
export function prepare(s: Schema, ctx: PrepareContext, pointer: string | At): Record<string, unknown> {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) {
    throw new SchemaError(
      `expected a schema object, found ${Array.isArray(s) ? 'an array' : typeof s}`,
      String(pointer),
    );
  }
  if (typeof s.$ref === 'string')
    return { type: REF_TYPE, [REF_KEY]: refTarget(s.$ref, ctx, pointer), ...docFields(s) };
  if (s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string') {
    return {
      oneOf: [{ type: 'integer' }, { type: 'string' }],
      ...docFields(s),
      ...(s.nullable ? { nullable: true } : {}),
    };
  }
  // Tens of thousands of schemas pass here: their keys are walked in place and their doc fields set directly.
  const out: Record<string, unknown> = {};
  for (const key in s)
    if (!(key.startsWith('x-') || key === 'description' || key === 'default' || key === 'title')) put(out, key, s[key]);
  const description = describe(s);
  if (description !== undefined) out.description = description;
  if (s.default !== undefined) out.default = s.default;
  if (s.properties) {
    const properties: Record<string, unknown> = {};
    for (const k in s.properties) put(properties, k, prepare(s.properties[k], ctx, new At(pointer, 'properties', k)));
    out.properties = properties;
  }
  if (s.items !== undefined) {
    out.items = Array.isArray(s.items)
      ? s.items.map((v: Schema, i: number) => prepare(v, ctx, new At(pointer, 'items', i)))
      : prepare(s.items, ctx, new At(pointer, 'items'));
  }
  if (typeof s.additionalProperties === 'object')
    out.additionalProperties = prepare(s.additionalProperties, ctx, new At(pointer, 'additionalProperties'));
  // Read by name: a key looked up from a list costs a generic lookup on each of tens of thousands of schemas.
  if (s.allOf !== undefined) out.allOf = junction(s.allOf, 'allOf', ctx, pointer);
  if (s.oneOf !== undefined) out.oneOf = junction(s.oneOf, 'oneOf', ctx, pointer);
  if (s.anyOf !== undefined) out.anyOf = junction(s.anyOf, 'anyOf', ctx, pointer);
  if ('not' in out) delete out.not; // TypeScript has no negation; the value is typed by the rest of the schema.
  if (s['x-kubernetes-preserve-unknown-fields'] === true && (isObjectSchema(s) || s.type === undefined)) {
    if (isObjectSchema(s)) out.additionalProperties = true;
  }
  if (s['x-kubernetes-embedded-resource'] === true) {
    return {
      allOf: [
        { type: REF_TYPE, [REF_KEY]: EMBEDDED_OBJECT },
        { ...out, description: undefined },
      ],
      ...docFields(s),
    };
  }
  return out;
}

function junction(
  list: unknown,
  key: 'allOf' | 'oneOf' | 'anyOf',
  ctx: PrepareContext,
  pointer: string | At,
): unknown[] {
  if (!Array.isArray(list)) throw new SchemaError(`${key} must be an array`, `${String(pointer)}/${key}`);
  return list.map((v, i) => prepare(v, ctx, new At(pointer, key, i)));
}

/** Sets a key as its own property, never by assignment: a property named `__proto__` must stay a property. */
export function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Description and default, made safe for a comment (openapi-typescript writes them as JSDoc). */
function docFields(s: Schema): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const description = describe(s);
  if (description !== undefined) doc.description = description;
  if (s.default !== undefined) doc.default = s.default;
  return doc;
}

function describe(s: Schema): string | undefined {
  return typeof s.description === 'string' && s.description ? plainText(s.description) : undefined;
}

function refTarget(ref: string, ctx: PrepareContext, pointer: string | At): string {
  const prefix = REF_PREFIXES.find((p) => ref.startsWith(p));
  const name = prefix ? decodePointer(ref.slice(prefix.length)) : undefined;
  if (name === undefined)
    throw new SchemaError(`unsupported $ref ${JSON.stringify(ref)} (only named schemas)`, String(pointer));
  if (!ctx.has(name))
    throw new SchemaError(
      `dangling $ref ${JSON.stringify(ref)}: no schema named ${JSON.stringify(name)}`,
      String(pointer),
    );
  return name;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
