// What every output format implements, and how an error reads in each of them.
import { type FieldError, formatFieldError, isStrictDecodingError } from '@kubegen/validation/core';
import type { ObjectReport } from './check.js';

export interface Summary {
  files: number;
  objects: number;
  invalid: number;
  errors: number;
}

export interface Reporter {
  object(report: ObjectReport): void;
  end(summary: Summary): void;
}

/** An error as kubectl prints a cause (`field: message`); strict decoding errors name their field already. */
export function errorText(e: { reason: string; field: string; message: string }): string {
  const error = e as FieldError;
  return isStrictDecodingError(error) ? e.message : formatFieldError(error);
}
