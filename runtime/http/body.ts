// Request bodies out, response bodies in: JSON unless the body is already text or bytes; responses decompressed
// when the server gzipped them (we offer gzip, as client-go does), read whole for JSON calls and streamed for
// logs and watches.
import { createBrotliDecompress, createGunzip, createInflate, brotliDecompress, gunzip, inflate } from 'node:zlib';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { promisify } from 'node:util';
import type { Dispatcher } from 'undici';
import { readBodyText } from '../stream-decode.js';

const decoders: Record<string, (buf: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

const streams: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

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

/** The whole body as text, decompressed. */
export async function readText(res: Dispatcher.ResponseData): Promise<string> {
  const enc = encodingOf(res);
  if (enc === undefined) return readBodyText(res.body);
  const decode = decoders[enc];
  if (!decode) throw new Error(`the server answered with an unsupported content encoding "${enc}"`);
  return (await decode(Buffer.from(await res.body.arrayBuffer()))).toString('utf8');
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
