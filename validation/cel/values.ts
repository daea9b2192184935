// Decoded JSON to CEL values as kube-apiserver types them from the schema: integers as int, numbers as
// double, date-time strings as timestamps, duration strings as durations, byte strings as bytes, and
// declared property names escaped (`x-foo` → `x__dash__foo`, `namespace` → `__namespace__`).
import type { SchemaNode } from '../schema/node.js';
import { containsRules } from './contains.js';
import { celEnvironment } from './env.js';
import { escapeProperty } from './names.js';

export { escapeProperty };

let durationOf: ((ctx: { s: string }) => unknown) | undefined;

function toDuration(s: string): unknown {
  durationOf ??= celEnvironment().parse('duration(s)') as unknown as (ctx: { s: string }) => unknown;
  try {
    return durationOf({ s });
  } catch {
    return s;
  }
}

/** Conversions of one validation, by JSON object: nested rules reuse what an outer rule converted. */
export type CelCache = Map<object, unknown>;

/** Converts `v` (decoded JSON) to what rules see, typed by `node` (undefined: untyped, as unknown fields). */
export function toCel(v: unknown, node: SchemaNode | undefined, cache?: CelCache): unknown {
  if (cache && v !== null && typeof v === 'object') {
    // Only values of nodes with rules at or below them are looked up again.
    if (!node || !containsRules(node)) return convert(v, node, undefined);
    let out = cache.get(v);
    if (out === undefined) cache.set(v, (out = convert(v, node, cache)));
    return out;
  }
  return convert(v, node, cache);
}

function convert(v: unknown, node: SchemaNode | undefined, cache?: CelCache): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return node?.type === 'number' || !Number.isInteger(v) ? v : BigInt(v);
    case 'string':
      return node ? stringValue(v, node) : v;
    case 'boolean':
      return v;
  }
  if (Array.isArray(v)) {
    const items = node?.items;
    return v.map((x) => toCel(x, items, cache));
  }
  return objectValue(v as Record<string, unknown>, node, cache);
}

function stringValue(v: string, node: SchemaNode): unknown {
  const format = node.raw.format;
  if (!format || node.intOrString) return v;
  if (format === 'date-time') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : d;
  }
  if (format === 'duration') return toDuration(v);
  if (format === 'byte') return new Uint8Array(Buffer.from(v, 'base64'));
  return v;
}

/** A node's declared properties by JSON name: the name rules see (undefined: none) and the schema. */
type Fields = Map<string, readonly [string | undefined, SchemaNode]>;
const fieldTables = new WeakMap<SchemaNode, Fields>();

function fieldsOf(node: SchemaNode): Fields {
  let fields = fieldTables.get(node);
  if (!fields) {
    fields = new Map();
    for (const [k, p] of node.properties) fields.set(k, [escapeProperty(k), p]);
    fieldTables.set(node, fields);
  }
  return fields;
}

function objectValue(
  o: Record<string, unknown>,
  node: SchemaNode | undefined,
  cache?: CelCache,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = node ? fieldsOf(node) : undefined;
  const additional = node?.additionalProperties;
  const values = typeof additional === 'object' ? additional : undefined;
  for (const k of Object.keys(o)) {
    const field = fields?.get(k);
    if (field) {
      if (field[0] !== undefined) out[field[0]] = toCel(o[k], field[1], cache);
    } else out[k] = toCel(o[k], values, cache);
  }
  return out;
}
