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
  if (v === null || typeof v !== 'object' || !hasDefaults(node)) return v;
  if (Array.isArray(v)) {
    const items = node.items;
    if (!items) return v;
    let out: unknown[] | undefined;
    v.forEach((x, i) => {
      const d = withDefaults(items, x);
      if (d !== x) (out ??= [...v])[i] = d;
    });
    return out ?? v;
  }
  const o = v as Obj;
  let out: Obj | undefined;
  const set = (k: string, value: unknown) => {
    (out ??= { ...o })[k] = value;
  };
  for (const [k, prop] of defaultingProperties(node)) {
    const cur = o[k];
    if ((cur === undefined || (cur === null && !prop.raw.nullable)) && prop.raw.default !== undefined) {
      const d = prop.raw.default;
      set(k, withDefaults(prop, d !== null && typeof d === 'object' ? structuredClone(d) : d));
    } else if (cur !== undefined) {
      const d = withDefaults(prop, cur);
      if (d !== cur) set(k, d);
    }
  }
  const a = node.additionalProperties;
  if (typeof a === 'object') {
    for (const k of Object.keys(o)) {
      if (node.properties.has(k)) continue;
      const d = withDefaults(a, o[k]);
      if (d !== o[k]) set(k, d);
    }
  }
  return out ?? o;
}
