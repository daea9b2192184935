// Field errors as kube-apiserver words them (k8s.io/apimachinery field.Error): the reason a Status cause
// carries, the path, the bad value, and the detail, rendered exactly as `kubectl` prints them.

/** The `reason` of a Status cause, one per kind of field error. */
export type FieldErrorReason =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueUnknown'
  | 'FieldValueDuplicateField'
  | 'InternalError';

/** One field error: `field: message`, where message is what a Status cause carries. */
export interface FieldError {
  readonly reason: FieldErrorReason;
  /** The field path as kube-apiserver prints it: `spec.containers[0].ports[1]`, `metadata.labels[app]`. */
  readonly field: string;
  /** The error without the path, e.g. `Invalid value: "string": spec.replicas in body must be of type integer: "string"`. */
  readonly message: string;
}

import { goFloat } from './numbers.js';

const omit = Symbol('omit');
type BadValue = unknown | typeof omit;

const titles: Record<FieldErrorReason, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueUnknown: 'Unknown field',
  FieldValueDuplicateField: 'Duplicate field',
  InternalError: 'Internal error',
};

/** Renders a bad value as Go's field.Error does: numbers and booleans bare, strings quoted, the rest as Go syntax. */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return goSyntax(value);
}

/** Go's %#v of decoded JSON: map[string]interface {}{"k":"v"}, []interface {}{…}. */
function goSyntax(value: unknown): string {
  if (Array.isArray(value)) return `[]interface {}{${value.map(goInner).join(', ')}}`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const inner = keys.map((k) => `${JSON.stringify(k)}:${goInner((value as Record<string, unknown>)[k])}`);
    return `map[string]interface {}{${inner.join(', ')}}`;
  }
  return String(value);
}

function goInner(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'number') return Number.isInteger(value) ? `${value}` : `${value}`;
  return renderValue(value);
}

function make(reason: FieldErrorReason, field: string, value: BadValue, detail: string): FieldError {
  const bare =
    reason === 'FieldValueRequired' ||
    reason === 'FieldValueForbidden' ||
    reason === 'FieldValueTooLong' ||
    reason === 'InternalError' ||
    value === omit;
  let message = bare ? titles[reason] : `${titles[reason]}: ${renderValue(value)}`;
  if (detail) message += `: ${detail}`;
  return { reason, field, message };
}

export const fieldError = {
  required: (field: string, detail = '') => make('FieldValueRequired', field, omit, detail),
  invalid: (field: string, value: unknown, detail: string) => make('FieldValueInvalid', field, value, detail),
  typeInvalid: (field: string, value: unknown, detail: string) => make('FieldValueTypeInvalid', field, value, detail),
  notSupported: (field: string, value: unknown, supported: readonly string[]) =>
    make(
      'FieldValueNotSupported',
      field,
      value,
      supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '',
    ),
  duplicate: (field: string, value: unknown) => make('FieldValueDuplicate', field, value, ''),
  forbidden: (field: string, detail: string) => make('FieldValueForbidden', field, omit, detail),
  tooLong: (field: string, max: number) =>
    make('FieldValueTooLong', field, omit, max >= 0 ? `may not be more than ${max} bytes` : 'value is too long'),
  tooMany: (field: string, actual: number, max: number) =>
    make(
      'FieldValueTooMany',
      field,
      actual >= 0 ? actual : omit,
      max >= 0 ? `must have at most ${max} items` : 'has too many items',
    ),
  internal: (field: string, detail: string) => make('InternalError', field, omit, detail),
  /** `fieldValidation=Strict`: kube-apiserver answers `unknown field "spec.foo"` in a strict decoding error. */
  unknown: (field: string): FieldError => ({
    reason: 'FieldValueUnknown',
    field,
    message: `unknown field ${JSON.stringify(field)}`,
  }),
  duplicateField: (field: string): FieldError => ({
    reason: 'FieldValueDuplicateField',
    field,
    message: `duplicate field ${JSON.stringify(field)}`,
  }),
};

/** `field: message`, the line kubectl prints for each cause. */
export function formatFieldError(e: FieldError): string {
  return e.field ? `${e.field}: ${e.message}` : e.message;
}

/** Strict-decoding errors come back from kube-apiserver as one 400, not as causes of a 422. */
export function isStrictDecodingError(e: FieldError): boolean {
  return e.reason === 'FieldValueUnknown' || e.reason === 'FieldValueDuplicateField';
}
