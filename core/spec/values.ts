// Small helpers every layer needs for JSON values and deterministic output.

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An empty object whose keys will be HTTP status codes. V8 keeps integer-like keys in an array sized by the largest
 * (a `401` reserves room for 600 values, kilobytes per operation); this one keeps them in a dictionary. Keys list,
 * and JSON writes them, in the same order as in any object.
 */
export function statusRecord<T>(): Record<string, T> {
  const record: Record<string, T> = {};
  // The largest array index lies beyond the gap V8 fills in: the elements become a dictionary, and stay one.
  record[MAX_INDEX] = undefined as T;
  delete record[MAX_INDEX];
  return record;
}

const MAX_INDEX = 2 ** 32 - 2;

/** Code-unit order: the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
