// The fast paths of compiled checks. A leaf is a scalar schema whose valid values a type test alone
// recognises (a plain string, an int32, a quantity…): a parent runs the test inline and calls the child's check
// only when it fails, so that the complete check, which alone words errors, runs for the bad values only.
import type { SchemaNode } from '../schema/node.js';
import { quantityPattern, stringFormatOk } from './formats.js';
import type { Check } from './walk.js';

export const Leaf = {
  none: 0,
  string: 1,
  integer: 2,
  int32: 3,
  int64: 4,
  number: 5,
  boolean: 6,
  intOrString: 7,
  quantity: 8,
} as const;
export type Leaf = (typeof Leaf)[keyof typeof Leaf];

/** A child's check, compiled on its first use (schemas are recursive, and most of a spec is never used). */
export interface Slot {
  check: Check;
  /** The child's leaf shape, which the parent tests inline before calling `check`. */
  readonly leaf: Leaf;
}

/** The node's leaf shape: Leaf.none when a value needs more than its type tested (enum, bounds, format, combinators). */
export function leafOf(node: SchemaNode): Leaf {
  const s = node.raw;
  if (node.hasCombinators || s.enum) return Leaf.none;
  const bounded =
    s.maxLength !== undefined ||
    s.minLength !== undefined ||
    s.pattern !== undefined ||
    s.multipleOf !== undefined ||
    s.maximum !== undefined ||
    s.minimum !== undefined;
  if (bounded) return Leaf.none;
  if (node.special === 'quantity') return Leaf.quantity;
  if (node.intOrString) return Leaf.intOrString;
  switch (node.type) {
    case 'string':
      return s.format ? Leaf.none : Leaf.string;
    case 'integer':
      return s.format === 'int32' ? Leaf.int32 : s.format === 'int64' ? Leaf.int64 : Leaf.integer;
    case 'number':
      return s.format === 'int32' || s.format === 'int64' ? Leaf.none : Leaf.number;
    case 'boolean':
      return Leaf.boolean;
    default:
      return Leaf.none;
  }
}

/** Whether `v` is a valid value of a leaf (always false for Leaf.none). */
export function passes(leaf: Leaf, v: unknown): boolean {
  switch (leaf) {
    case Leaf.string:
      return typeof v === 'string';
    case Leaf.integer:
      return Number.isInteger(v);
    case Leaf.int32:
      return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
    case Leaf.int64:
      return Number.isSafeInteger(v);
    case Leaf.number:
      return typeof v === 'number';
    case Leaf.boolean:
      return typeof v === 'boolean';
    case Leaf.intOrString:
      return typeof v === 'string' || Number.isInteger(v);
    case Leaf.quantity:
      return typeof v === 'number' || (typeof v === 'string' && quantityPattern.test(v));
    default:
      return false;
  }
}

/**
 * The check of a node with a cheap valid shape, else undefined: a leaf's test, or for the strings of an enum or a
 * format (which only their members or the format pass), those tests.
 */
export function scalarPath(node: SchemaNode, complete: Check): Check | undefined {
  const leaf = leafOf(node);
  if (leaf !== Leaf.none)
    return (v, w) => {
      if (!passes(leaf, v)) complete(v, w);
    };
  const s = node.raw;
  if (node.hasCombinators || node.type !== 'string' || node.special || node.intOrString) return undefined;
  if (s.maxLength !== undefined || s.minLength !== undefined || s.pattern !== undefined) return undefined;
  const set = node.enumSet;
  const format = s.format;
  return (v, w) => {
    if (!(typeof v === 'string' && (!set || set.has(v)) && (!format || stringFormatOk(format, v)))) complete(v, w);
  };
}
