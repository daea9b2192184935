// Request bodies out, response bodies in: JSON unless the body is already text or bytes; responses decompressed
// when the server compressed them (we offer gzip, as client-go does), read whole within the client's size limit
// for JSON calls, streamed for logs and watches.
import { constants, isAscii } from 'node:buffer';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import {
  brotliDecompress,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  gunzip,
  inflate,
  type ZlibOptions,
} from 'node:zlib';
import type { Dispatcher } from 'undici';

const decoders: Record<string, (buf: Buffer, options: ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress) as (buf: Buffer, options: ZlibOptions) => Promise<Buffer>,
};

const streams: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The answer is larger than the limit; the reader turns this into ResponseTooLargeError naming the call. */
export class OverLimit extends Error {
  constructor(readonly limitBytes: number) {
    super(`the answer is larger than ${limitBytes} bytes`);
  }
}

/** The wire form of a request body: strings and bytes as they are, anything else as JSON (also valid apply YAML). */
export function encodeBody(body: unknown): string | Uint8Array | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  return JSON.stringify(body);
}

function encodingOf(res: Dispatcher.ResponseData): string | undefined {
  const value = res.headers['content-encoding'];
  if (value === undefined) return undefined;
  const enc = (Array.isArray(value) ? value.join(',') : value).trim().toLowerCase();
  return enc === '' || enc === 'identity' ? undefined : enc;
}

/**
 * The whole body, decompressed, as one buffer of at most `limit` bytes (compressed or not). No text is decoded
 * here: the caller decodes the whole buffer once, which also keeps a character split across chunks whole.
 */
export async function readBody(res: Dispatcher.ResponseData, limit: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (declared > limit) {
    res.body.destroy();
    throw new OverLimit(limit);
  }
  const enc = encodingOf(res);
  const decode = enc === undefined ? undefined : decoders[enc];
  if (enc !== undefined && !decode) {
    res.body.destroy();
    throw new Error(`the server answered with an unsupported content encoding "${enc}"`);
  }
  const raw = await collect(res.body, limit, declared);
  if (!decode) return raw;
  try {
    return await decode(raw, { maxOutputLength: limit });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new OverLimit(limit);
    throw err;
  }
}

/**
 * The body as one buffer of at most `limit` bytes. With a declared length, each chunk is copied into a buffer of that
 * size as it arrives and dropped, so the body is held once rather than as chunks and their join; without one, the
 * chunks are joined at the end. Read by 'data' events, not async iteration: the iterator's read() joins whatever is
 * buffered into a new buffer, one more copy of the body.
 */
async function collect(body: Readable, limit: number, declared: number): Promise<Buffer> {
  let into = Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  let over = false;
  body.on('data', (chunk: Buffer) => {
    if (over) return;
    if (total + chunk.length > limit) {
      over = true;
      body.destroy();
      return;
    }
    if (into && total + chunk.length <= into.length) chunk.copy(into, total);
    else {
      // More than declared (undici's parser stops at the declared length; this is only a safeguard).
      if (into) chunks.push(into.subarray(0, total));
      into = undefined;
      chunks.push(chunk);
    }
    total += chunk.length;
  });
  try {
    await finished(body);
  } catch (err) {
    if (!over) throw err;
  }
  if (over) throw new OverLimit(limit);
  if (into) return total === into.length ? into : into.subarray(0, total);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** A body's text: UTF-8, a leading byte-order mark dropped, invalid bytes as U+FFFD (as undici's `text()`). */
export function bodyText(bytes: Buffer): string {
  return withoutBom(bytes).toString('utf8');
}

function withoutBom(bytes: Buffer): Buffer {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bom ? bytes.subarray(3) : bytes;
}

/** Runs of bytes beyond ASCII, in a body read one byte a character. */
const BEYOND_ASCII = /[\x80-\xff]+/g;
/** Thrown out of the escaping when a body has too much beyond ASCII for it to pay. */
const MOSTLY_BEYOND_ASCII = Symbol('mostly beyond ASCII');

/**
 * A JSON body's text for JSON.parse, which parses to what `bodyText` would. Decoding a body with even one character
 * beyond ASCII makes a string of two bytes a character; here such characters are written as `\u` escapes instead
 * (in valid JSON they stand only in strings, where an escape means the same character), so the string keeps one
 * byte a character: half the memory, and quicker to make. Each run of such bytes is decoded on its own, which gives
 * what decoding the whole body does, since no UTF-8 sequence holds an ASCII byte. A body whose escapes would make it
 * more than an eighth longer is decoded as it is.
 */
export function jsonText(bytes: Buffer): string {
  const body = withoutBom(bytes);
  const text = body.toString('latin1');
  if (isAscii(body)) return text;
  // Never past the longest string V8 makes, which the decoded text itself may come close to.
  let budget = Math.min(body.length >> 3, constants.MAX_STRING_LENGTH - body.length);
  try {
    return text.replace(BEYOND_ASCII, (run) => {
      const decoded = Buffer.from(run, 'latin1').toString('utf8');
      let escaped = '';
      for (let i = 0; i < decoded.length; i++) escaped += `\\u${decoded.charCodeAt(i).toString(16).padStart(4, '0')}`;
      budget -= escaped.length - run.length;
      if (budget < 0) throw MOSTLY_BEYOND_ASCII;
      return escaped;
    });
  } catch (err) {
    if (err !== MOSTLY_BEYOND_ASCII) throw err;
    return body.toString('utf8');
  }
}

/** The body as a stream of chunks, decompressed as they arrive. Destroying it releases the socket. */
export function bodyStream(res: Dispatcher.ResponseData): Readable {
  const enc = encodingOf(res);
  if (enc === undefined) return res.body;
  const create = streams[enc];
  if (!create) {
    res.body.destroy();
    throw new Error(`the server answered with an unsupported content encoding "${enc}"`);
  }
  return pipeline(res.body, create(), () => undefined);
}
