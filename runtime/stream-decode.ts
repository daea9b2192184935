// Newline-delimited JSON watch events, decoded as the bytes arrive: events may be split across chunks
// (and a multi-byte character across two chunks); a body that ends mid-line is an error, never an event.
import { isAscii } from 'node:buffer';
import type { WatchEvent, WatchEventType } from './types.js';

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

/**
 * Decodes a watch body into events as they arrive; nothing but the current partial line is buffered.
 * `where` names the request in errors (`watch GET /api/v1/pods`).
 */
export async function* decodeWatch<T>(body: AsyncIterable<Uint8Array>, where = 'watch'): AsyncGenerator<WatchEvent<T>, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // True when the decoder may hold the first bytes of a character split across chunks.
  let carrying = false;
  let pending = '';
  let count = 0;
  for await (const chunk of body) {
    let text: string;
    if (!carrying && isAscii(chunk)) {
      // Nearly all of a watch stream is ASCII: a one-byte copy, several times cheaper than UTF-8 decoding.
      text = latin1(chunk);
    } else {
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch (err) {
        throw new WatchDecodeError(`${where}: the stream is not valid UTF-8 after ${count} events`, false, { cause: err });
      }
      carrying = chunk.length > 0 && chunk[chunk.length - 1]! >= 0x80;
    }
    let nl = text.indexOf('\n');
    if (nl < 0) {
      pending += text;
      continue;
    }
    let start = 0;
    if (pending !== '') {
      const line = pending + text.slice(0, nl);
      pending = '';
      start = nl + 1;
      if (!blank(line)) {
        yield parseEvent<T>(line, where, ++count);
      }
      nl = text.indexOf('\n', start);
    }
    while (nl >= 0) {
      if (nl > start) {
        const line = text.slice(start, nl);
        if (!blank(line)) yield parseEvent<T>(line, where, ++count);
      }
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    pending = text.slice(start);
  }
  let rest: string;
  try {
    rest = pending + decoder.decode();
  } catch (err) {
    throw new WatchDecodeError(`${where}: the stream ended inside a UTF-8 character after ${count} events`, true, { cause: err });
  }
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

function latin1(chunk: Uint8Array): string {
  return (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)).toString('latin1');
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
  if (value === null || typeof value !== 'object' || typeof value.type !== 'string' || !eventTypes.has(value.type) || typeof value.object !== 'object' || value.object === null) {
    throw new WatchDecodeError(`${where}: event ${index} is not a watch event (want {"type": ADDED|MODIFIED|DELETED|BOOKMARK|ERROR, "object": {…}}): ${snippet(line)}`, false);
  }
  return value as WatchEvent<T>;
}

function snippet(line: string): string {
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}
