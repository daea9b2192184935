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
  return convert(v, node ? slotOf(node) : untyped);
}

/**
 * Where a value sits: a declared property (with the name rules see it by; undefined: none), other keys' values, or
 * list items. Each knows once how its schema types what it holds, so that converting reads no table per value.
 */
interface Slot {
  readonly name: string | undefined;
  readonly node: SchemaNode | undefined;
  /** Whether its strings reach rules as they are (no date-time, duration or byte format to decode). */
  readonly plain: boolean;
  /** Whether its numbers are doubles even when whole (type number). */
  readonly double: boolean;
  /** How its node types what it holds, read on first use. */
  typing?: Typing;
}

interface Typing {
  /** Declared properties by JSON name. */
  readonly fields: ReadonlyMap<string, Slot>;
  /** Other keys' values (additionalProperties), and list items. */
  readonly values: Slot;
  readonly items: Slot;
  /** Whether every declared property keeps its JSON name (none escaped or out of reach). */
  readonly sameNames: boolean;
}

const untyped: Slot = { name: undefined, node: undefined, plain: true, double: false };
const slots = new WeakMap<SchemaNode, Slot>();

function slotOf(node: SchemaNode): Slot {
  let slot = slots.get(node);
  if (!slot) slots.set(node, (slot = makeSlot(node, undefined)));
  return slot;
}

function makeSlot(node: SchemaNode | undefined, name: string | undefined): Slot {
  if (!node) return untyped;
  return { name, node, plain: plainStrings(node), double: node.type === 'number' };
}

function typingOf(node: SchemaNode): Typing {
  const fields = new Map<string, Slot>();
  let sameNames = true;
  for (const [k, p] of node.properties) {
    const name = escapeProperty(k);
    fields.set(k, makeSlot(p, name));
    if (name !== k) sameNames = false;
  }
  const additional = node.additionalProperties;
  return {
    fields,
    sameNames,
    values: makeSlot(typeof additional === 'object' ? additional : undefined, undefined),
    items: makeSlot(node.items, undefined),
  };
}

function convert(v: unknown, slot: Slot): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return slot.double || !Number.isInteger(v) ? v : int(v);
    case 'string':
      return slot.plain ? v : stringValue(v, slot.node!);
    case 'boolean':
      return v;
  }
  const node = slot.node;
  const typing = node ? (slot.typing ??= typingOf(node)) : undefined;
  return Array.isArray(v) ? listValue(v, typing) : objectValue(v as Obj, typing);
}

// Small integers (counts, sizes, well-known ports) are most of a manifest's: one bigint each, made once.
const smallInts = Array.from({ length: 1024 }, (_, i) => BigInt(i));

function int(v: number): bigint {
  return v >= 0 && v < 1024 ? smallInts[v]! : BigInt(v);
}

function stringValue(v: string, node: SchemaNode): unknown {
  const format = node.raw.format;
  if (format === 'date-time') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : d;
  }
  if (format === 'duration') return toDuration(v);
  if (format === 'byte') return new Uint8Array(Buffer.from(v, 'base64'));
  return v;
}

/** Whether strings of a node reach rules as they are (no date-time, duration or byte format to decode). */
function plainStrings(node: SchemaNode): boolean {
  const format = node.raw.format;
  return !format || node.intOrString || (format !== 'date-time' && format !== 'duration' && format !== 'byte');
}

// Rules only read values: a list or object whose items convert to themselves is handed over as it is, saving a copy.
function listValue(v: unknown[], typing: Typing | undefined): unknown[] {
  // Another kind of array (a subclass) is copied: the CEL library types values by constructor.
  let out: unknown[] | undefined = v.constructor === Array ? undefined : [];
  const items = typing ? typing.items : untyped;
  const plain = items.plain;
  for (let i = 0; i < v.length; i++) {
    const item = v[i];
    // Strings and booleans, the most common leaves, are kept without a call.
    const x = (typeof item === 'string' ? plain : typeof item === 'boolean') ? item : convert(item, items);
    if (!out && x !== item) out = v.slice(0, i);
    out?.push(x);
  }
  return out ?? v;
}

function objectValue(o: Obj, typing: Typing | undefined): Obj {
  const proto = Object.getPrototypeOf(o);
  const plainObject = proto === Object.prototype || proto === null;
  if (!plainObject || (typing && !typing.sameNames)) return renamedObject(o, typing, plainObject);
  // Names stay: a copy, when a value changes, is a spread of the object (its own shape) with that value replaced.
  let out: Obj | undefined;
  const fields = typing?.fields;
  const values = typing ? typing.values : untyped;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    const slot = fields?.get(k) ?? values;
    const value = o[k];
    const x = (typeof value === 'string' ? slot.plain : typeof value === 'boolean') ? value : convert(value, slot);
    if (x !== value) (out ??= { ...o })[k] = x;
  }
  return out ?? o;
}

/** An object some of whose keys rules see by another name (or not at all), or of another class: copied in order. */
function renamedObject(o: Obj, typing: Typing | undefined, plainObject: boolean): Obj {
  let out: Obj | undefined = plainObject ? undefined : {};
  const fields = typing?.fields;
  const values = typing ? typing.values : untyped;
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const slot = fields?.get(k) ?? values;
    // Keys other than declared properties keep their JSON name.
    const name = slot === values ? k : slot.name;
    const value = o[k];
    const x =
      name === undefined
        ? undefined
        : (typeof value === 'string' ? slot.plain : typeof value === 'boolean')
          ? value
          : convert(value, slot);
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
