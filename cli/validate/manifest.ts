// What a manifest file is read into, whichever reader reads it, and the text helpers both readers share.
import { isObject } from '../../core/spec/values.js';

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units as editors count them. */
  column: number;
}

export interface ManifestObject {
  readonly ok: true;
  value: unknown;
  /** 1-based, in the file. */
  document: number;
  /** The index in the `items` of the List it came from. */
  item?: number;
  /** Where the object starts. */
  position: Position;
  /** Where a field is written: its value, or with `key` the key naming it; a missing field's nearest written parent. */
  locate(field: string, key?: boolean): Position;
  /** Fields the object writes twice (the last one counts, as when kube-apiserver decodes it). */
  duplicates(): { field: string; position: Position }[];
  /**
   * The same object read with its syntax tree, where `locate` and `duplicates` place what they find: set by the
   * reader that reads without one (it knows where the object starts, not where its fields are). Undefined should
   * the two readings ever disagree: the errors are then placed where the object starts.
   */
  withTree?(): Promise<ManifestObject | undefined>;
}

/** A document that cannot be read at all. */
export interface ManifestProblem {
  readonly ok: false;
  document: number;
  message: string;
  position: Position;
}

/** `kind: List`, or any `…List` kind with items, as kubectl opens them. */
export function isList(value: unknown): value is { items: unknown[] } {
  return isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
}

export function isJson(name: string, text: string): boolean {
  return name.endsWith('.json') || (!/\.ya?ml$/.test(name) && /^\s*[{[]/.test(text));
}

/** Offsets to lines and columns, the line table built on first use (most files have no error to place). */
export function positions(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** The [start, end) of each top-level value of a JSON text (one value, or a stream as kubectl accepts). */
export function jsonValues(text: string): [number, number][] {
  const out: [number, number][] = [];
  let i = skipSpace(text, 0);
  while (i < text.length) {
    const start = i;
    let depth = 0;
    do {
      const c = text[i];
      if (c === '"') i = stringEnd(text, i);
      else {
        if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
        i++;
      }
    } while (i < text.length && (depth > 0 || !/[\s{["]/.test(text[i]!)));
    out.push([start, i]);
    i = skipSpace(text, i);
  }
  return out;
}

function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
