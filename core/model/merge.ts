// Merges normalized documents into one API: kube-apiserver's v3 documents each carry a copy of every schema
// they reference, so the same name appears many times. Rules (also in the README):
// - a schema name defined twice must have the same body, except the apimachinery meta schemas
//   (`io.k8s.apimachinery.*`), where copies may come from different releases (a cluster's spec and CRD files)
//   and the fuller copy wins (longer JSON, then the smaller text), whatever the order of the inputs;
// - a (method, path) defined twice must be the same operation; it is then kept once.
import { SpecError } from '../spec/errors.js';
import { sha256 } from '../spec/hash.js';
import type { SourceDocument, SourceOperation, SourceSchema } from './source-types.js';
import { compareStrings } from '../spec/values.js';

export interface MergedSchema extends SourceSchema {
  /** The sha256 of the schema as JSON text. The text itself is not kept: megabytes the collector would carry along. */
  hash: string;
}

export interface MergedApi {
  schemas: Map<string, MergedSchema>;
  operations: SourceOperation[];
}

const sharedMetaPrefix = 'io.k8s.apimachinery.';

/** Merges documents one at a time, so that each can be let go (with its copies of shared schemas) once added. */
export function documentMerger(): { add(doc: SourceDocument): void; merged(): MergedApi } {
  const schemas = new Map<string, MergedSchema>();
  const operations = new Map<string, SourceOperation>();
  return {
    add(doc) {
      for (const s of doc.schemas) mergeSchema(schemas, s);
      for (const op of doc.operations) mergeOperation(operations, op);
    },
    merged: () => ({ schemas, operations: [...operations.values()] }),
  };
}

function mergeSchema(schemas: Map<string, MergedSchema>, source: SourceSchema): void {
  const seen = schemas.get(source.name);
  // Most copies are the same as the first: compared as they are, not written out again.
  if (seen && sameJson(seen.schema, source.schema)) {
    if (compareOrigins(source, seen) < 0) schemas.set(source.name, { ...source, hash: seen.hash });
    return;
  }
  const json = jsonOf(source.schema, source.origin.file, source.origin.pointer);
  const next = { ...source, hash: sha256(json) };
  if (!seen) {
    schemas.set(next.name, next);
    return;
  }
  // Copies that differ are few (apimachinery's, from different releases): the first one's text is written again.
  const seenJson = jsonOf(seen.schema, seen.origin.file, seen.origin.pointer);
  if (seenJson === json) {
    if (compareOrigins(next, seen) < 0) schemas.set(next.name, next);
    return;
  }
  if (!next.name.startsWith(sharedMetaPrefix)) {
    const [first, second] = compareOrigins(seen, next) < 0 ? [seen, next] : [next, seen];
    throw new SpecError(
      second.origin.file,
      second.origin.pointer,
      `schema "${next.name}" differs from the one defined at ${first.origin.file}#${first.origin.pointer}`,
    );
  }
  const fuller = json.length !== seenJson.length ? json.length > seenJson.length : json < seenJson;
  if (fuller) schemas.set(next.name, next);
}

// Operations are written as JSON only to be hashed (megabytes of text) and where two documents define the same one.
function mergeOperation(operations: Map<string, SourceOperation>, op: SourceOperation): void {
  const key = `${op.method} ${op.path}`;
  const seen = operations.get(key);
  if (!seen) {
    operations.set(key, op);
    return;
  }
  const [first, second] = compareOrigins(seen, op) < 0 ? [seen, op] : [op, seen];
  if (
    !sameJson({ ...seen, origin: undefined }, { ...op, origin: undefined }) &&
    operationJson(seen) !== operationJson(op)
  ) {
    throw new SpecError(
      second.origin.file,
      second.origin.pointer,
      `${key} is defined again, differently from ${first.origin.file}#${first.origin.pointer}`,
    );
  }
  operations.set(key, first);
}

/** The operation without its origin, as JSON text: what two definitions are compared by, and what is hashed. */
export function operationJson(op: SourceOperation): string {
  return jsonOf({ ...op, origin: undefined }, op.origin.file, op.origin.pointer);
}

/** Which of two identical definitions names the origin: the smaller file, so that input order does not matter. */
function compareOrigins(
  a: { origin: { file: string; pointer: string } },
  b: { origin: { file: string; pointer: string } },
): number {
  return compareStrings(a.origin.file, b.origin.file) || compareStrings(a.origin.pointer, b.origin.pointer);
}

function jsonOf(value: unknown, file: string, pointer: string): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    // Only YAML aliases that point at their own ancestors can make a document circular.
    throw new SpecError(file, pointer, `cannot be represented as JSON: ${(err as Error).message.split('\n')[0]}`);
  }
}

/**
 * Whether two values would be written as the same JSON, found without writing them: true only when sure (the same
 * keys in the same order, equal values); anything unusual (a Date, NaN, a key left out) says false.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  // One list of keys, not two: a plain object inherits no enumerable key, so `in` walks its own in their order.
  const keys = Object.keys(b);
  let i = 0;
  for (const key in a) if (key !== keys[i++] || !sameJson(a[key], b[key])) return false;
  return i === keys.length;
}

function isPlain(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return (
    (proto === Object.prototype || proto === null) &&
    !Array.isArray(value) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}
