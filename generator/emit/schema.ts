// Kubernetes' schema dialect → plain OpenAPI that openapi-typescript converts. Pure: a new object comes out,
// the model's schema is never touched. `$ref`s become markers that the type emitter resolves to named types.
import type { Schema } from '../../core/model/types.js';
import { plainText } from './jsdoc.js';

/** Marks a reference: `{ type: REF_TYPE, [REF_KEY]: schemaName }` (a type openapi-typescript hands to our hook). */
export const REF_TYPE = 'x-kubegen-ref';
export const REF_KEY = 'x-kubegen-target';
/** The reference an embedded resource gets: a Kubernetes object type declared in the shared meta module. */
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

/** Named schemas whose published shape is not what clients send; each entry says why. */
const FIXUPS: Record<string, (s: Schema) => Schema> = {
  // Quantity is published as string-or-number, but the API server always serializes it as a string.
  'io.k8s.apimachinery.pkg.api.resource.Quantity': (s) => ({ type: 'string', description: s.description }),
};

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
  const fixed = FIXUPS[name]?.(schema) ?? schema;
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

/** One schema, recursively. */
export function prepare(s: Schema, ctx: PrepareContext, pointer: string): Record<string, unknown> {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) {
    throw new SchemaError(`expected a schema object, found ${Array.isArray(s) ? 'an array' : typeof s}`, pointer);
  }
  const doc = docFields(s);
  if (typeof s.$ref === 'string') return { type: REF_TYPE, [REF_KEY]: refTarget(s.$ref, ctx, pointer), ...doc };
  if (s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string') {
    return { oneOf: [{ type: 'integer' }, { type: 'string' }], ...doc, ...(s.nullable ? { nullable: true } : {}) };
  }
  // Built with fromEntries, never by assignment: a property named `__proto__` must stay a property.
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(s).filter(
      ([key]) => !(key.startsWith('x-') || key === 'description' || key === 'default' || key === 'title'),
    ),
  );
  Object.assign(out, doc);
  if (s.properties) {
    out.properties = Object.fromEntries(
      Object.entries(s.properties).map(([k, v]) => [k, prepare(v, ctx, `${pointer}/properties/${escapePointer(k)}`)]),
    );
  }
  if (s.items !== undefined) {
    out.items = Array.isArray(s.items)
      ? s.items.map((v: Schema, i: number) => prepare(v, ctx, `${pointer}/items/${i}`))
      : prepare(s.items, ctx, `${pointer}/items`);
  }
  if (typeof s.additionalProperties === 'object')
    out.additionalProperties = prepare(s.additionalProperties, ctx, `${pointer}/additionalProperties`);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = s[key];
    if (list !== undefined) {
      if (!Array.isArray(list)) throw new SchemaError(`${key} must be an array`, `${pointer}/${key}`);
      out[key] = list.map((v, i) => prepare(v, ctx, `${pointer}/${key}/${i}`));
    }
  }
  delete out.not; // TypeScript has no negation; the value is typed by the rest of the schema.
  if (s['x-kubernetes-preserve-unknown-fields'] === true && (isObjectSchema(s) || s.type === undefined)) {
    if (isObjectSchema(s)) out.additionalProperties = true;
  }
  if (s['x-kubernetes-embedded-resource'] === true) {
    return {
      allOf: [
        { type: REF_TYPE, [REF_KEY]: EMBEDDED_OBJECT },
        { ...out, description: undefined },
      ],
      ...doc,
    };
  }
  return out;
}

/** Description and default, made safe for a comment (openapi-typescript writes them as JSDoc). */
function docFields(s: Schema): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  if (typeof s.description === 'string' && s.description) doc.description = plainText(s.description);
  if (s.default !== undefined) doc.default = s.default;
  return doc;
}

function refTarget(ref: string, ctx: PrepareContext, pointer: string): string {
  const prefix = REF_PREFIXES.find((p) => ref.startsWith(p));
  const name = prefix ? decodePointer(ref.slice(prefix.length)) : undefined;
  if (name === undefined)
    throw new SchemaError(`unsupported $ref ${JSON.stringify(ref)} (only named schemas)`, pointer);
  if (!ctx.has(name))
    throw new SchemaError(`dangling $ref ${JSON.stringify(ref)}: no schema named ${JSON.stringify(name)}`, pointer);
  return name;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
