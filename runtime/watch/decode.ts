// Newline-delimited JSON watch events, decoded as the bytes arrive: events may be split across chunks
// (and a multi-byte character across two chunks); a body that ends mid-line is an error, never an event.
import type { WatchEvent, WatchEventType } from '../types.js';

const eventTypes: ReadonlySet<string> = new Set<WatchEventType>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** A watch body that is not a sequence of whole watch events. */
export class WatchDecodeError extends Error {
  override readonly name = 'WatchDecodeError';
  /** True when the stream stopped part-way through an event (a cut connection): resuming is safe. */
  readonly truncated: boolean;

  constructor(message: string, truncated: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.truncated = truncated;
  }
}

/** The largest event a watch accepts, and the error for one that is larger. */
export interface WatchEventLimit {
  bytes: number;
  error(): Error;
}

/**
 * Decodes a watch body into events as they arrive; nothing but the current partial line is buffered.
 * `where` names the request in errors (`watch GET /api/v1/pods`).
 *
 * Lines are found in the bytes (a newline byte never occurs inside a multi-byte UTF-8 character), so each line
 * is decoded whole, with no decoder state carried between chunks; invalid bytes are an error, never U+FFFD.
 */
export async function* decodeWatch<T>(
  body: AsyncIterable<Uint8Array>,
  where = 'watch',
  limit?: WatchEventLimit,
): AsyncGenerator<WatchEvent<T>, void, undefined> {
  const maxBytes = limit?.bytes ?? Infinity;
  const tooLarge = () =>
    limit?.error() ?? new WatchDecodeError(`${where}: an event is larger than ${maxBytes} bytes`, false);
  // The start of the current line, from earlier chunks (kept as they came: copied once, when the line ends).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let count = 0;
  for await (const piece of body) {
    const chunk = asBuffer(piece);
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl >= 0) {
      let line: Buffer;
      if (pendingBytes > 0) {
        pending.push(chunk.subarray(0, nl));
        line = Buffer.concat(pending, pendingBytes + nl);
        pending = [];
        pendingBytes = 0;
      } else {
        line = chunk.subarray(start, nl);
      }
      if (line.length > maxBytes) throw tooLarge();
      if (line.length > 0) {
        const text = decodeLine(line, where, count, false);
        if (!blank(text)) yield parseEvent<T>(text, where, ++count);
      }
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxBytes) throw tooLarge();
    }
  }
  if (pendingBytes === 0) return;
  const rest = decodeLine(Buffer.concat(pending, pendingBytes), where, count, true);
  if (blank(rest)) return;
  // The last event may lack its newline: accept it only when it is a whole event.
  let last: WatchEvent<T>;
  try {
    last = parseEvent<T>(rest, where, count + 1);
  } catch (err) {
    throw new WatchDecodeError(`${where}: the stream ended part-way through event ${count + 1}`, true, { cause: err });
  }
  yield last;
}

/** One whole line as text; `last` when it is what was left at the end of the stream. */
function decodeLine(line: Buffer, where: string, count: number, last: boolean): string {
  const text = line.toString('utf8');
  // Invalid bytes decode to U+FFFD; only then (or for a real U+FFFD) is the strict decoder needed. An
  // all-ASCII line makes a one-byte string, in which this search ends at once.
  if (!text.includes('\ufffd')) return text;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let strict: string;
  try {
    // In stream mode a character cut short at the very end is held back rather than rejected.
    strict = decoder.decode(line, { stream: last });
  } catch (err) {
    throw new WatchDecodeError(`${where}: the stream is not valid UTF-8 after ${count} events`, false, { cause: err });
  }
  try {
    return strict + decoder.decode();
  } catch (err) {
    throw new WatchDecodeError(`${where}: the stream ended inside a UTF-8 character after ${count} events`, true, {
      cause: err,
    });
  }
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function blank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function parseEvent<T>(line: string, where: string, index: number): WatchEvent<T> {
  let value: { type?: unknown; object?: unknown };
  try {
    value = JSON.parse(line) as { type?: unknown; object?: unknown };
  } catch (err) {
    throw new WatchDecodeError(`${where}: event ${index} is not JSON: ${snippet(line)}`, false, { cause: err });
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof value.type !== 'string' ||
    !eventTypes.has(value.type) ||
    typeof value.object !== 'object' ||
    value.object === null
  ) {
    throw new WatchDecodeError(
      `${where}: event ${index} is not a watch event (want {"type": ADDED|MODIFIED|DELETED|BOOKMARK|ERROR, "object": {…}}): ${snippet(line)}`,
      false,
    );
  }
  return value as WatchEvent<T>;
}

function snippet(line: string): string {
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}
