// The checks of an array against one schema node, compiled once: item counts, each item's check, and
// set/map uniqueness, proven by comparing primitives before any item is rendered as a key.
import { fieldError } from '../errors.js';
import type { SchemaNode } from '../schema/node.js';
import { type Slot, passes } from './fast-paths.js';
import { listUniqueness } from './lists.js';
import { inBody } from './scalars.js';
import type { Check } from './walk.js';

type Obj = Record<string, unknown>;

/** Values that are not arrays go to `otherwise`. */
export function arrayCheck(node: SchemaNode, slot: (n: SchemaNode) => Slot, otherwise: Check): Check {
  const { maxItems, minItems } = node.raw;
  const items = node.items ? slot(node.items) : undefined;
  const unique = uniquenessCheck(node);
  return (value, w) => {
    if (!Array.isArray(value)) return otherwise(value, w);
    const v = value as unknown[];
    if (maxItems !== undefined && v.length > maxItems) w.errors.push(fieldError.tooMany(w.path(), v.length, maxItems));
    if (minItems !== undefined && v.length < minItems) {
      const path = w.path();
      w.errors.push(fieldError.invalid(path, v.length, `${inBody(path)} should have at least ${minItems} items`));
    }
    if (items) {
      const at = w.depth++;
      const leaf = items.leaf;
      for (let i = 0; i < v.length; i++) {
        if (passes(leaf, v[i])) continue;
        w.segments[at] = i;
        items.check(v[i], w);
      }
      w.depth--;
    }
    if (unique && v.length > 1 && !unique(v)) listUniqueness(node, v, w.path(), w.errors);
  };
}

/** A test that is true only when a `set` or `map` list certainly has no duplicates (else the exact check runs). */
function uniquenessCheck(node: SchemaNode): ((list: unknown[]) => boolean) | undefined {
  const listType = node.raw['x-kubernetes-list-type'];
  if (listType === 'set') return (list) => distinct(list, (x) => x);
  if (listType !== 'map') return undefined;
  const keys = node.raw['x-kubernetes-list-map-keys'] ?? [];
  if (keys.length === 1) {
    const k = keys[0]!;
    return (list) => distinct(list, (x) => (isObj(x) ? x[k] : skip));
  }
  return (list) => list.length <= pairwiseMax && distinctTuples(list, keys);
}

const skip = Symbol('not an object: a map list ignores it');
const pairwiseMax = 16;

/** Primitives compare as their canonical form does (NaN aside); anything else is left to the exact check. */
const primitive = (x: unknown) =>
  x === null ||
  x === undefined ||
  typeof x === 'string' ||
  typeof x === 'boolean' ||
  (typeof x === 'number' && !Number.isNaN(x));

function distinct(list: unknown[], id: (x: unknown) => unknown): boolean {
  if (list.length > pairwiseMax) {
    const seen = new Set<unknown>();
    for (const x of list) {
      const v = id(x);
      if (v === skip) continue;
      if (!primitive(v) || seen.has(v)) return false;
      seen.add(v);
    }
    return true;
  }
  for (let i = 0; i < list.length; i++) {
    const a = id(list[i]);
    if (a === skip) continue;
    if (!primitive(a)) return false;
    for (let j = 0; j < i; j++) if (id(list[j]) === a) return false;
  }
  return true;
}

function distinctTuples(list: unknown[], keys: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) {
    const a = list[i];
    if (!isObj(a)) continue;
    for (let j = 0; j < i; j++) {
      const b = list[j];
      if (isObj(b) && !differ(a, b, keys)) return false;
    }
  }
  return true;
}

/** Whether two items certainly differ in a key field. */
function differ(a: Obj, b: Obj, keys: readonly string[]): boolean {
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (x !== y && primitive(x) && primitive(y)) return true;
  }
  return false;
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
