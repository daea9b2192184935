// The fast paths of compiled checks: for the common shapes (a plain string, an integer, an object, a list), a
// test that lets a valid value through without the complete check, which alone decides what to report.
import type { SchemaNode } from '../schema/node.js';
import { integerFormatOk, quantityPattern, stringFormatOk } from './formats.js';
import type { Check, Walk } from './walk.js';

/** A check that passes the common valid values straight through; undefined when the node has no such shape. */
export function fastPath(node: SchemaNode, parts: Parts): Check | undefined {
  const { complete, array, object } = parts;
  if (node.hasCombinators) return undefined;
  const scalar = parts.bounded ? undefined : scalarPath(node, complete);
  if (scalar) return scalar;
  if (node.raw.enum || node.special || node.intOrString) return undefined;
  if (node.type === 'array') return (v, w) => (Array.isArray(v) ? array(v, w) : complete(v, w));
  if (node.type !== 'object' || node.embeddedResource) return undefined;
  return (v, w) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? object(v as Record<string, unknown>, w) : complete(v, w);
}

export interface Parts {
  complete: Check;
  array: (v: unknown[], w: Walk) => void;
  object: (v: Record<string, unknown>, w: Walk) => void;
  /** Whether strings or numbers have lengths, a pattern or bounds to check. */
  bounded: boolean;
}

/** A check that lets through, without a call, the values the complete check would pass without a word. */
function scalarPath(node: SchemaNode, complete: Check): Check | undefined {
  const set = node.enumSet;
  const format = node.raw.format;
  if (set) return scalarTest(node, (v) => set.has(v), complete);
  if (node.special === 'quantity')
    return (v, w) => {
      if (typeof v !== 'number' && !(typeof v === 'string' && quantityPattern.test(v))) complete(v, w);
    };
  if (node.intOrString)
    return (v, w) => {
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) complete(v, w);
    };
  if (format) return scalarTest(node, () => true, complete);
  switch (node.type) {
    case 'string':
      return (v, w) => {
        if (typeof v !== 'string') complete(v, w);
      };
    case 'integer':
      return (v, w) => {
        if (!Number.isInteger(v)) complete(v, w);
      };
    case 'boolean':
      return (v, w) => {
        if (typeof v !== 'boolean') complete(v, w);
      };
    default:
      return scalarTest(node, () => true, complete);
  }
}

/** The general form of scalarPath: the type, format and enum tested in turn. */
function scalarTest(node: SchemaNode, member: (v: unknown) => boolean, complete: Check): Check | undefined {
  const format = node.raw.format;
  const typed = ((): ((v: unknown) => boolean) | undefined => {
    if (node.special === 'quantity')
      return (v) => typeof v === 'number' || (typeof v === 'string' && quantityPattern.test(v));
    if (node.intOrString) return (v) => typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
    switch (node.type) {
      case 'string':
        return (v) => typeof v === 'string' && (!format || stringFormatOk(format, v));
      case 'integer':
        return (v) => typeof v === 'number' && Number.isInteger(v) && (!format || integerFormatOk(format, v));
      case 'number':
        return (v) => typeof v === 'number' && (!format || integerFormatOk(format, v));
      case 'boolean':
        return (v) => typeof v === 'boolean';
      default:
        return undefined;
    }
  })();
  if (!typed) return undefined;
  return (v, w) => {
    if (!(typed(v) && member(v))) complete(v, w);
  };
}
