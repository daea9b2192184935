// One kind's validator, as generated code uses it: built from the kind's schema on first use, checking objects
// as kube-apiserver checks them on create and update, and throwing its 422 message from `assertValid`.
import { type FieldError, fieldError, formatFieldError } from './errors.js';
import { type KindDefinition, type KindEntry, kindOfDefinition } from './schema/documents.js';
import type { GroupVersionKind } from './schema/types.js';
import { type ValidateOptions, type ValidationResult, validateEntry } from './validator.js';

/** An object `assertValid` refused; the message is kube-apiserver's 422 message for it. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly gvk: GroupVersionKind;
  readonly errors: readonly FieldError[];
  constructor(gvk: GroupVersionKind, objectName: string, errors: readonly FieldError[]) {
    const what = gvk.group ? `${gvk.kind}.${gvk.group}` : gvk.kind;
    const listed = errors.map(formatFieldError);
    super(`${what} "${objectName}" is invalid: ${listed.length === 1 ? listed[0] : `[${listed.join(', ')}]`}`);
    this.gvk = gvk;
    this.errors = errors;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export class KindValidator<T = unknown> {
  private entry: KindEntry | undefined;
  private readonly define: () => KindDefinition;

  /** `define` is called on the first check, so that creating a validator costs nothing. */
  constructor(define: () => KindDefinition) {
    this.define = define;
  }

  get gvk(): GroupVersionKind {
    return this.kind().gvk;
  }

  /**
   * Checks `obj` as an object of this kind. A missing `apiVersion` or `kind` is taken as this kind's (as
   * kube-apiserver takes them from the request's path); another kind's is an error.
   */
  validate(obj: unknown, opts: ValidateOptions = {}): ValidationResult {
    const entry = this.kind();
    const { gvk } = entry;
    if (!isObj(obj)) return { valid: false, errors: [fieldError.typeInvalid('', typeOfValue(obj), notObject)], gvk };
    const mismatch = typeMetaErrors(gvk, obj);
    if (mismatch.length) return { valid: false, errors: mismatch, gvk };
    // typeMetaErrors has checked the ones given: a copy is needed only to fill one in.
    const filled =
      obj.apiVersion !== undefined && obj.kind !== undefined
        ? obj
        : { ...obj, apiVersion: apiVersionOf(gvk), kind: gvk.kind };
    const errors = validateEntry(entry, filled, opts);
    return { valid: errors.length === 0, errors, gvk };
  }

  /** Throws a `ValidationError` unless `obj` is valid. */
  assertValid(obj: unknown, opts: ValidateOptions = {}): asserts obj is T {
    const result = this.validate(obj, opts);
    if (!result.valid) throw new ValidationError(result.gvk, objectName(obj), result.errors);
  }

  private kind(): KindEntry {
    if (this.entry) return this.entry;
    const def = this.define();
    return (this.entry = kindOfDefinition(def, `${apiVersionOf(def)} ${def.kind}`));
  }
}

const notObject = 'must be of type object';

function typeMetaErrors(gvk: GroupVersionKind, obj: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const apiVersion = apiVersionOf(gvk);
  if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion)
    errors.push(fieldError.invalid('apiVersion', obj.apiVersion, `must be ${JSON.stringify(apiVersion)}`));
  if (obj.kind !== undefined && obj.kind !== gvk.kind)
    errors.push(fieldError.invalid('kind', obj.kind, `must be ${JSON.stringify(gvk.kind)}`));
  return errors;
}

function apiVersionOf(g: { group: string; version: string }): string {
  return g.group ? `${g.group}/${g.version}` : g.version;
}

function objectName(obj: unknown): string {
  const meta = isObj(obj) && isObj(obj.metadata) ? obj.metadata : {};
  const name =
    typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '';
  return name;
}

function typeOfValue(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}
