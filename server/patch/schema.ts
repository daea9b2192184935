// Walks an object's schema the way patch, apply and validation need it: `$ref` and `allOf` resolved,
// and each node classified as scalar, struct, map, list (with its merge semantics) or untyped.
import type { Schema } from '../../core/model/types.js';
import type { ServedResource } from '../api/registry.js';

export type ListType = 'atomic' | 'set' | 'map';

export type Shape =
  | { kind: 'scalar'; schema: Schema }
  | { kind: 'struct'; schema: Schema; atomic: boolean; fields: Record<string, Schema>; rest?: Schema | 'any' }
  | { kind: 'map'; schema: Schema; atomic: boolean; values: Schema | 'any' }
  | { kind: 'list'; schema: Schema; listType: ListType; keys: string[]; items?: Schema }
  /** No schema says: maps merge granularly, lists are atomic (structured-merge-diff's deduced type). */
  | { kind: 'any'; schema?: Schema };

const objectMetaName = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** Resolves references against one set of named schemas. */
export class SchemaWalker {
  private readonly cache = new WeakMap<Schema, Schema>();

  constructor(private readonly named: Record<string, { schema: Schema }>) {}

  /** The schema with `$ref`s and `allOf`s folded in; the outer schema's own keys win (they carry the extensions). */
  resolve(s: Schema | undefined): Schema | undefined {
    if (!s) return undefined;
    const hit = this.cache.get(s);
    if (hit) return hit;
    let out: Schema = s;
    if (typeof s.$ref === 'string' || Array.isArray(s.allOf)) {
      const parts: Schema[] = [];
      if (typeof s.$ref === 'string') {
        const target = this.named[s.$ref.replace(/^#\/(components\/schemas|definitions)\//, '')]?.schema;
        const resolved = this.resolve(target);
        if (resolved) parts.push(resolved);
      }
      for (const a of s.allOf ?? []) {
        const resolved = this.resolve(a);
        if (resolved) parts.push(resolved);
      }
      const { $ref: _r, allOf: _a, ...own } = s;
      out = Object.assign({}, ...parts, own) as Schema;
    }
    this.cache.set(s, out);
    return out;
  }

  /** The object metadata schema, which every kind (custom ones too) is checked against. */
  objectMeta(): Schema | undefined {
    return this.resolve(this.named[objectMetaName]?.schema);
  }

  shape(raw: Schema | undefined): Shape {
    const s = this.resolve(raw);
    if (!s) return { kind: 'any' };
    if (s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string') return { kind: 'scalar', schema: s };
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    if (type === 'array' || s.items) return { kind: 'list', schema: s, ...listSemantics(s), items: s.items };
    if (type === 'object' || s.properties || s.additionalProperties !== undefined) {
      const atomic = s['x-kubernetes-map-type'] === 'atomic';
      const extra = s.additionalProperties;
      const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
      if (s.properties) {
        const rest = typeof extra === 'object' ? extra : extra === true || preserve ? 'any' : undefined;
        return { kind: 'struct', schema: s, atomic, fields: s.properties, rest };
      }
      if (typeof extra === 'object') return { kind: 'map', schema: s, atomic, values: extra };
      return { kind: 'any', schema: s };
    }
    if (type) return { kind: 'scalar', schema: s };
    if (s.oneOf || s.anyOf) return { kind: 'scalar', schema: s };
    return { kind: 'any', schema: s };
  }

  /** The schema of a field of an object (undefined when the object does not declare it). */
  field(shape: Shape, name: string): Schema | 'any' | undefined {
    if (shape.kind === 'struct') return shape.fields[name] ?? shape.rest;
    if (shape.kind === 'map') return shape.values;
    if (shape.kind === 'any') return 'any';
    return undefined;
  }
}

/**
 * How a list merges: `x-kubernetes-list-type` first; without it, the strategic merge patch strategy of
 * built-in types (merge with a key → map, merge without → set); else atomic, as structured-merge-diff reads them.
 */
function listSemantics(s: Schema): { listType: ListType; keys: string[] } {
  const declared = s['x-kubernetes-list-type'];
  if (declared === 'map')
    return { listType: 'map', keys: (s['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [] };
  if (declared === 'set' || declared === 'atomic') return { listType: declared, keys: [] };
  const strategy = String(s['x-kubernetes-patch-strategy'] ?? '');
  const key = s['x-kubernetes-patch-merge-key'];
  if (strategy.split(',').includes('merge'))
    return typeof key === 'string' ? { listType: 'map', keys: [key] } : { listType: 'set', keys: [] };
  return { listType: 'atomic', keys: [] };
}

/** The walker and root schema of a served resource's kind (undefined root: the kind has no schema). */
export function kindSchema(r: ServedResource): { walker: SchemaWalker; root: Schema | undefined } {
  const walker = walkerFor(r);
  let root = r.schema ? r.schemas[r.schema]?.schema : undefined;
  if (r.custom?.schema) {
    const custom = r.custom.schema;
    root = customRoots.get(custom);
    if (!root) customRoots.set(custom, (root = withObjectMeta(custom, walker)));
  }
  return { walker, root };
}

/** A CRD's openAPIV3Schema says little of metadata; the server checks it as ObjectMeta all the same. */
function withObjectMeta(schema: Schema, walker: SchemaWalker): Schema {
  const meta = walker.objectMeta();
  if (!meta) return schema;
  return {
    ...schema,
    properties: {
      ...(schema.properties ?? {}),
      metadata: meta,
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
    },
  };
}

const walkers = new WeakMap<Record<string, unknown>, SchemaWalker>();
const customRoots = new WeakMap<Schema, Schema>();

/** One walker per set of named schemas (resolution is cached inside it). */
export function walkerFor(r: ServedResource): SchemaWalker {
  let w = walkers.get(r.schemas);
  if (!w) walkers.set(r.schemas, (w = new SchemaWalker(r.schemas)));
  return w;
}
