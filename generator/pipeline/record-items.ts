// The text a build's spec hash is taken over (sourceHash: each schema and operation with its sha256, sorted by name),
// kept with its record so that a build which replaces some groups' items hashes the new text without listing the
// items of every other group: their lines are carried over as they were, in runs of bytes.
import { createHash } from 'node:crypto';
import { type SourceItems, sourceLine, sourceLines } from '../../core/model/build.js';
import { sha256 } from '../../core/spec/hash.js';

/** Where the lines of a kept text end: each line's length in bytes, schemas' lines first. */
export interface ItemsLayout {
  /** The sha256 of the text: the spec hash. */
  hash: string;
  lengths: number[];
  /** How many of the lines are schemas'. */
  schemas: number;
}

/** A text to keep, in pieces (written and hashed one after another). */
export interface ItemsText extends ItemsLayout {
  chunks: Uint8Array[];
}

type Kind = 'schema' | 'operation';
/** How long a line's prefix is, before its key: the line of an empty key and hash, less their two NULs. */
const prefixLength = (kind: Kind) => sourceLine(kind, '', '').length - 2;
const wellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** The items' text, or undefined when it does not hash to `specHash` or a name would not read back as written. */
export function itemsText(items: SourceItems, specHash: string): ItemsText | undefined {
  const lines = sourceLines(items);
  const text = lines.join('');
  // A lone surrogate would read back as another character, and sort elsewhere.
  if (!wellFormed(text)) return undefined;
  const bytes = Buffer.from(text);
  if (sha256(bytes) !== specHash) return undefined;
  return {
    hash: specHash,
    chunks: [bytes],
    lengths: lines.map((l) => Buffer.byteLength(l)),
    schemas: items.schemas.size,
  };
}

/** Which items leave the text (by key) and which come in or change (key → hash). */
export interface ItemsChange {
  removed: { schemas: Iterable<string>; operations: Iterable<string> };
  added: SourceItems;
}

/**
 * The kept text `bytes` (laid out as `layout` says) with the change made: what `itemsText` of the changed items gives.
 * Undefined when the layout does not fit the bytes or an item the change removes is not there.
 */
export function changeItems(bytes: Buffer, layout: ItemsLayout, change: ItemsChange): ItemsText | undefined {
  const lines = linesOf(bytes, layout);
  if (!lines) return undefined;
  const count = layout.lengths.length;
  const schemas = section(lines, 'schema', 0, layout.schemas, change.removed.schemas, change.added.schemas);
  const operations = section(
    lines,
    'operation',
    layout.schemas,
    count,
    change.removed.operations,
    change.added.operations,
  );
  if (!schemas || !operations) return undefined;
  const chunks: Uint8Array[] = [];
  const lengths: number[] = [];
  const hash = createHash('sha256');
  for (const edit of [...schemas.edits, ...operations.edits]) {
    const chunk =
      typeof edit === 'string' ? Buffer.from(edit) : bytes.subarray(lines.starts[edit[0]], lines.starts[edit[1]]);
    if (typeof edit === 'string') lengths.push(chunk.length);
    else for (let i = edit[0]; i < edit[1]; i++) lengths.push(layout.lengths[i]!);
    chunks.push(chunk);
    hash.update(chunk);
  }
  return { hash: hash.digest('hex'), chunks, lengths, schemas: schemas.lines };
}

interface Lines {
  bytes: Buffer;
  /** Where each line starts, and the end of the text last. */
  starts: number[];
}

function linesOf(bytes: Buffer, layout: ItemsLayout): Lines | undefined {
  const starts = [0];
  let at = 0;
  for (const length of layout.lengths) starts.push((at += length));
  return at === bytes.length && layout.schemas <= layout.lengths.length ? { bytes, starts } : undefined;
}

/** A section's lines after the change: runs of old lines (`[from, to)`) and new lines, in order, and their count. */
function section(
  lines: Lines,
  kind: Kind,
  first: number,
  end: number,
  removed: Iterable<string>,
  added: ReadonlyMap<string, string>,
): { edits: Array<[number, number] | string>; lines: number } | undefined {
  const dropped = new Set<number>();
  for (const key of removed) {
    const i = lowerBound(lines, kind, first, end, key);
    if (i === end || keyAt(lines, kind, i) !== key) return undefined;
    dropped.add(i);
  }
  // New lines by the old line they go before; one with the key of an old line replaces it.
  const inserted = new Map<number, string[]>();
  for (const key of [...added.keys()].sort()) {
    if (!wellFormed(key)) return undefined;
    const i = lowerBound(lines, kind, first, end, key);
    if (i < end && keyAt(lines, kind, i) === key) dropped.add(i);
    const before = inserted.get(i) ?? [];
    before.push(sourceLine(kind, key, added.get(key)!));
    inserted.set(i, before);
  }
  const edits: Array<[number, number] | string> = [];
  let run = first;
  for (const i of [...new Set([...dropped, ...inserted.keys()])].sort((a, b) => a - b)) {
    if (run < i) edits.push([run, i]);
    edits.push(...(inserted.get(i) ?? []));
    run = dropped.has(i) ? i + 1 : i;
  }
  if (run < end) edits.push([run, end]);
  return { edits, lines: end - first - dropped.size + added.size };
}

/** The first line of the section `[first, end)` whose key is not below `key`, in the order `sort()` gives. */
function lowerBound(lines: Lines, kind: Kind, first: number, end: number, key: string): number {
  let lo = first;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(lines, kind, mid) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The key of line `i`: between its prefix and the NUL before its hash. */
function keyAt({ bytes, starts }: Lines, kind: Kind, i: number): string {
  const start = starts[i]! + prefixLength(kind);
  return bytes.toString('utf8', start, bytes.lastIndexOf(0, starts[i + 1]! - 2));
}
