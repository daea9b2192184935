// Request bodies out, response bodies in: JSON unless the body is already text or bytes; responses decompressed
// when the server compressed them (we offer gzip, as client-go does), read whole within the client's size limit
// for JSON calls, streamed for logs and watches.
import { pipeline, type Readable, type Transform } from 'node:stream';
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
 * The whole body, decompressed, as one buffer of at most `limit` bytes (compressed or not). The chunks are kept
 * as they come and joined once: no text is decoded here, so a large list is decoded exactly once, by the caller.
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
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      res.body.destroy();
      throw new OverLimit(limit);
    }
    chunks.push(chunk);
  }
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  if (!decode) return raw;
  try {
    return await decode(raw, { maxOutputLength: limit });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new OverLimit(limit);
    throw err;
  }
}

/** A body's text: UTF-8, a leading byte-order mark dropped, invalid bytes as U+FFFD (as undici's `text()`). */
export function bodyText(bytes: Buffer): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return (bom ? bytes.subarray(3) : bytes).toString('utf8');
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
