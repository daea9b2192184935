// The type, format, enum, string and number checks of one schema node, compiled once: each reads the node's
// keywords when it is built, and the value's path only when it reports an error.
import { fieldError } from '../errors.js';
import { goNumber } from '../numbers.js';
import type { SchemaNode } from '../schema/node.js';
import { integerFormatOk, quantityPattern, stringFormatOk } from './formats.js';
import { canonical } from './lists.js';
import type { Walk } from './walk.js';

export function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

export const inBody = (path: string) => `${path} in body`;

/** The type an error names: what the schema declares, in kube-openapi's words. */
export function declaredType(node: SchemaNode): string | undefined {
  if (node.intOrString) return 'integer,string';
  if (node.special === 'quantity') return 'string';
  return node.type;
}

export function typeError(node: SchemaNode, w: Walk, actual: string): void {
  const path = w.path();
  w.errors.push(
    fieldError.typeInvalid(
      path,
      actual,
      `${inBody(path)} must be of type ${declaredType(node)}: ${JSON.stringify(actual)}`,
    ),
  );
}

/** Whether a value (not null) has the node's type and format; reports it when not. */
export type TypeCheck = (v: unknown, w: Walk) => boolean;

export function typeCheck(node: SchemaNode): TypeCheck {
  if (node.special === 'quantity') return quantity;
  if (node.intOrString) {
    return (v, w) => {
      const actual = typeOf(v);
      if (actual === 'integer' || actual === 'string') return true;
      typeError(node, w, actual);
      return false;
    };
  }
  const want = node.type;
  const format = node.raw.format ? formatCheck(node.raw.format) : undefined;
  if (!want) return format ?? (() => true);
  return (v, w) => {
    const actual = typeOf(v);
    if (want === actual || (want === 'number' && actual === 'integer')) return format ? format(v, w) : true;
    typeError(node, w, actual);
    return false;
  };
}

function quantity(v: unknown, w: Walk): boolean {
  if (typeof v === 'number') return true;
  if (typeof v === 'string' && quantityPattern.test(v)) return true;
  const path = w.path();
  const detail =
    typeof v === 'string'
      ? `quantities must match the regular expression '${quantityPattern.source}'`
      : `${inBody(path)} must be of type string: ${JSON.stringify(typeOf(v))}`;
  w.errors.push(fieldError.invalid(path, typeof v === 'string' ? v : typeOf(v), detail));
  return false;
}

function formatCheck(format: string): TypeCheck {
  return (v, w) => {
    const ok =
      typeof v === 'string' ? stringFormatOk(format, v) : typeof v === 'number' ? integerFormatOk(format, v) : true;
    if (!ok) {
      const path = w.path();
      w.errors.push(
        fieldError.typeInvalid(path, v, `${inBody(path)} must be of type ${format}: ${JSON.stringify(String(v))}`),
      );
    }
    return ok;
  };
}

export function enumCheck(node: SchemaNode): ((v: unknown, w: Walk) => void) | undefined {
  const members = node.raw.enum;
  const set = node.enumSet;
  if (!members || !set) return undefined;
  return (v, w) => {
    if (set.has(v)) return;
    if (typeof v === 'object' && members.some((e) => canonical(e) === canonical(v))) return;
    const supported = members.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
    w.errors.push(fieldError.notSupported(w.path(), v, supported));
  };
}

/** maxLength, minLength and pattern; undefined when the node has none. */
export function stringCheck(node: SchemaNode): ((v: string, w: Walk) => void) | undefined {
  const { maxLength, minLength, pattern } = node.raw;
  if (maxLength === undefined && minLength === undefined && pattern === undefined) return undefined;
  const re = node.pattern;
  return (v, w) => {
    // kube-openapi's string validator stops at the first of maxLength, minLength and pattern that fails.
    const length = isAscii(v) ? v.length : [...v].length;
    if (maxLength !== undefined && length > maxLength) w.errors.push(fieldError.tooLong(w.path(), maxLength));
    else if (minLength !== undefined && length < minLength) {
      const path = w.path();
      w.errors.push(fieldError.invalid(path, v, `${inBody(path)} should be at least ${minLength} chars long`));
    } else if (re && !re.test(v)) {
      const path = w.path();
      w.errors.push(fieldError.invalid(path, v, `${inBody(path)} should match '${pattern}'`));
    }
  };
}

/** multipleOf, maximum and minimum; undefined when the node has none. */
export function numberCheck(node: SchemaNode): ((v: number, w: Walk) => void) | undefined {
  const { multipleOf, maximum, minimum } = node.raw;
  if (multipleOf === undefined && maximum === undefined && minimum === undefined) return undefined;
  const exclusiveMax = node.raw.exclusiveMaximum === true;
  const exclusiveMin = node.raw.exclusiveMinimum === true;
  const bound = (w: Walk, v: number, how: string, n: number) => {
    const path = w.path();
    w.errors.push(fieldError.invalid(path, v, `${inBody(path)} should be ${how} ${goNumber(n, Number.isInteger(v))}`));
  };
  return (v, w) => {
    if (multipleOf !== undefined && multipleOf > 0 && !Number.isInteger(v / multipleOf))
      bound(w, v, 'a multiple of', multipleOf);
    if (maximum !== undefined && (exclusiveMax ? v >= maximum : v > maximum))
      bound(w, v, exclusiveMax ? 'less than' : 'less than or equal to', maximum);
    if (minimum !== undefined && (exclusiveMin ? v <= minimum : v < minimum))
      bound(w, v, exclusiveMin ? 'greater than' : 'greater than or equal to', minimum);
  };
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
