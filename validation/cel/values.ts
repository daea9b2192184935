// Decoded JSON to CEL values as kube-apiserver types them from the schema: integers as int, numbers as
// double, date-time strings as timestamps, duration strings as durations, byte strings as bytes, and
// declared property names escaped (`x-foo` → `x__dash__foo`, `namespace` → `__namespace__`).
import type { SchemaNode } from '../schema/node.js';
import { celEnvironment } from './env.js';
import { escapeProperty } from './names.js';

export { escapeProperty };

type Obj = Record<string, unknown>;

let durationOf: ((ctx: { s: string }) => unknown) | undefined;

function toDuration(s: string): unknown {
  durationOf ??= celEnvironment().parse('duration(s)') as unknown as (ctx: { s: string }) => unknown;
  try {
    return durationOf({ s });
  } catch {
    return s;
  }
}

/** Converts `v` (decoded JSON) to what rules see, typed by `node` (undefined: untyped, as unknown fields). */
export function toCel(v: unknown, node: SchemaNode | undefined): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return node?.type === 'number' || !Number.isInteger(v) ? v : int(v);
    case 'string':
      return node ? stringValue(v, node) : v;
    case 'boolean':
      return v;
  }
  if (Array.isArray(v)) return listValue(v, node && typingOf(node));
  return objectValue(v as Obj, node && typingOf(node));
}

// Small integers (counts, sizes, well-known ports) are most of a manifest's: one bigint each, made once.
const smallInts = Array.from({ length: 1024 }, (_, i) => BigInt(i));

function int(v: number): bigint {
  return v >= 0 && v < 1024 ? smallInts[v]! : BigInt(v);
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

/** Whether strings of a node reach rules as they are (no date-time, duration or byte format to decode). */
function plainStrings(node: SchemaNode | undefined): boolean {
  const format = node?.raw.format;
  return !format || node!.intOrString || (format !== 'date-time' && format !== 'duration' && format !== 'byte');
}

/** A declared property: the name rules see it by (undefined: none), its schema, and whether its strings are plain. */
type Field = readonly [string | undefined, SchemaNode, boolean];

/** How a node types what it holds, read once per node. */
interface Typing {
  /** Declared properties by JSON name. */
  readonly fields: ReadonlyMap<string, Field>;
  /** The schema of other keys' values (additionalProperties), and whether its strings are plain. */
  readonly values: SchemaNode | undefined;
  readonly plainValues: boolean;
  /** The schema of list items, and whether its strings are plain. */
  readonly items: SchemaNode | undefined;
  readonly plainItems: boolean;
}
const typings = new WeakMap<SchemaNode, Typing>();

function typingOf(node: SchemaNode): Typing {
  let typing = typings.get(node);
  if (!typing) {
    const fields = new Map<string, Field>();
    for (const [k, p] of node.properties) fields.set(k, [escapeProperty(k), p, plainStrings(p)]);
    const additional = node.additionalProperties;
    const values = typeof additional === 'object' ? additional : undefined;
    const items = node.items;
    typing = { fields, values, plainValues: plainStrings(values), items, plainItems: plainStrings(items) };
    typings.set(node, typing);
  }
  return typing;
}

// Rules only read values: a list or object whose items convert to themselves is handed over as it is, saving a copy.
function listValue(v: unknown[], typing: Typing | undefined): unknown[] {
  // Another kind of array (a subclass) is copied: the CEL library types values by constructor.
  let out: unknown[] | undefined = v.constructor === Array ? undefined : [];
  const items = typing?.items;
  const plain = typing ? typing.plainItems : true;
  for (let i = 0; i < v.length; i++) {
    const item = v[i];
    // Strings and booleans, the most common leaves, are kept without a call.
    const x = (typeof item === 'string' ? plain : typeof item === 'boolean') ? item : toCel(item, items);
    if (!out && x !== v[i]) out = v.slice(0, i);
    out?.push(x);
  }
  return out ?? v;
}

function objectValue(o: Obj, typing: Typing | undefined): Obj {
  const proto = Object.getPrototypeOf(o);
  let out: Obj | undefined = proto === Object.prototype || proto === null ? undefined : {};
  const fields = typing?.fields;
  const values = typing?.values;
  const plainValues = typing ? typing.plainValues : true;
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const field = fields?.get(k);
    const name = field ? field[0] : k;
    const value = o[k];
    const plain = field ? field[2] : plainValues;
    const x =
      name === undefined
        ? undefined
        : (typeof value === 'string' ? plain : typeof value === 'boolean')
          ? value
          : toCel(value, field ? field[1] : values);
    if (!out && (name !== k || x !== value)) out = copyOf(o, keys, i);
    if (out && name !== undefined) out[name] = x;
  }
  return out ?? o;
}

/** The first `n` fields of `o`, unchanged. */
function copyOf(o: Obj, keys: string[], n: number): Obj {
  const out: Obj = {};
  for (let i = 0; i < n; i++) out[keys[i]!] = o[keys[i]!];
  return out;
}
