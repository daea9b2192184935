// Structural checks of one object against its kind's schema, plus strict unknown fields: the entry point of the
// compiled checks (compile.ts).
import type { FieldError } from '../errors.js';
import type { SchemaNode } from '../schema/node.js';
import { checkOf } from './compile.js';
import { Walk } from './walk.js';

export interface StructuralOptions {
  /** Report fields the schema does not declare, as `fieldValidation=Strict` does. */
  strictFields: boolean;
  /** Report missing `required` fields (false for an apply configuration). */
  required: boolean;
}

/** Appends the field errors of the resource `obj` against its schema `root` to `errors`. */
export function checkStructure(root: SchemaNode, obj: unknown, errors: FieldError[], opts: StructuralOptions): void {
  checkOf(root, true)(obj, new Walk(errors, opts.strictFields, opts.required));
}
