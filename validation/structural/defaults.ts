// CRD schema defaults, applied before validation as kube-apiserver applies them on create and update
// (rules then see defaulted fields). Copy-on-write: the input is never changed, unchanged parts are shared.
import type { SchemaNode } from '../schema/node.js';

type Obj = Record<string, unknown>;

const defaulted = new WeakMap<object, boolean>();

/** Whether any schema below `node` declares a default (recursive definitions count once). */
function hasDefaults(node: SchemaNode, depth = 0): boolean {
  if (node.memo.hasDefaults !== undefined) return node.memo.hasDefaults;
  const known = defaulted.get(node.raw);
  if (known !== undefined) return known;
  if (depth > 64) return false;
  defaulted.set(node.raw, false);
  const a = node.additionalProperties;
  const found =
    [...node.properties.values()].some((p) => p.raw.default !== undefined || hasDefaults(p, depth + 1)) ||
    (node.items !== undefined && hasDefaults(node.items, depth + 1)) ||
    (typeof a === 'object' && hasDefaults(a, depth + 1));
  defaulted.set(node.raw, found);
  node.memo.hasDefaults = found;
  return found;
}

/** The properties that have a default or defaults below them: the only ones `withDefaults` visits by name. */
function defaultingProperties(node: SchemaNode): readonly [string, SchemaNode][] {
  return (node.memo.defaulting ??= [...node.properties].filter(
    ([, p]) => p.raw.default !== undefined || hasDefaults(p),
  ));
}

export function withDefaults(node: SchemaNode, v: unknown): unknown {
  return defaulterOf(node)(v);
}

/** The defaulting of values at one node: the input itself when nothing below it has a default. */
type Defaulter = (v: unknown) => unknown;
interface Slot {
  run: Defaulter;
}

const same: Defaulter = (v) => v;
const defaulters = new WeakMap<SchemaNode, Defaulter>();

function defaulterOf(node: SchemaNode): Defaulter {
  let d = defaulters.get(node);
  if (!d) defaulters.set(node, (d = hasDefaults(node) ? compile(node) : same));
  return d;
}

/** A child's defaulting, compiled on first use (recursive definitions unfold only as deep as a value goes). */
function slot(node: SchemaNode): Slot {
  const s: Slot = { run: (v) => (s.run = defaulterOf(node))(v) };
  return s;
}

function compile(node: SchemaNode): Defaulter {
  const items = node.items ? slot(node.items) : undefined;
  const properties = defaultingProperties(node).map(([k, p]) => ({
    k,
    value: p.raw.default,
    nullable: p.raw.nullable === true,
    below: slot(p),
  }));
  const a = node.additionalProperties;
  const values = typeof a === 'object' && hasDefaults(a) ? slot(a) : undefined;
  return (v) => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return items ? list(v, items) : v;
    const o = v as Obj;
    let out: Obj | undefined;
    for (const { k, value, nullable, below } of properties) {
      const cur = o[k];
      if ((cur === undefined || (cur === null && !nullable)) && value !== undefined) {
        (out ??= { ...o })[k] = below.run(copy(value));
      } else if (cur !== undefined) {
        const d = below.run(cur);
        if (d !== cur) (out ??= { ...o })[k] = d;
      }
    }
    if (values) {
      for (const k of Object.keys(o)) {
        if (node.properties.has(k)) continue;
        const d = values.run(o[k]);
        if (d !== o[k]) (out ??= { ...o })[k] = d;
      }
    }
    return out ?? o;
  };
}

function list(v: unknown[], items: Slot): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < v.length; i++) {
    const d = items.run(v[i]);
    if (d !== v[i]) (out ??= [...v])[i] = d;
  }
  return out ?? v;
}

/** A default's own copy, made per object: a plain tree copied by hand (structuredClone takes anything else). */
function copy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copy);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Obj = {};
  for (const k of Object.keys(v)) {
    // `__proto__` stays a field of its own, as structuredClone keeps it.
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: copy((v as Obj)[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = copy((v as Obj)[k]);
  }
  return out;
}
