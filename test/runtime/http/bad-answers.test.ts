// A 200 answer that is not what a JSON call expects fails with a typed error naming the call: an empty body, JSON
// that does not parse, a text/plain body. An answer larger than the client's limit fails with its own error, early
// and without holding the body in memory — whether the size is announced, streamed, or hidden by gzip.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  InvalidResponseError,
  NetworkError,
  noCredentials,
  ResponseTooLargeError,
  type ClientOptions,
} from '@kubegen/runtime';
import { startWireServer, type WireServer } from '../helpers/wire.ts';

const mib = 1024 * 1024;

describe('bad 200 answers and oversized ones', () => {
  let wire: WireServer;
  before(async () => {
    wire = await startWireServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path === '/empty') return void res.writeHead(200, { 'content-type': 'application/json' }).end();
      if (path === '/malformed')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"kind": "Pod", ');
      if (path === '/text') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      if (path === '/announced') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(3 * mib) });
        return void res.end(`"${'x'.repeat(3 * mib - 2)}"`);
      }
      if (path === '/streamed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('"');
        for (let i = 0; i < 3; i++) res.write('x'.repeat(mib));
        return void res.end('"');
      }
      if (path === '/bomb') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        return void res.end(gzipSync(`"${'x'.repeat(8 * mib)}"`));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"kind":"Fine"}');
    });
  });
  after(() => wire?.close());

  const client = (options: ClientOptions = {}) =>
    new Client(
      { server: wire.url, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
      { retry: false, ...options },
    );
  const get = (c: Client, path: string, accept?: string) =>
    c.request({ verb: 'get', method: 'GET', path, ...(accept ? { accept } : {}) }).catch((e: unknown) => e);

  it('an empty body, malformed JSON and a text/plain body are InvalidResponseErrors naming the call', async () => {
    const c = client();
    try {
      const empty = await get(c, '/empty');
      assert.ok(empty instanceof InvalidResponseError, String(empty));
      assert.equal(empty.message, 'get GET /empty: the server answered 200 with an empty body where JSON was expected');
      assert.equal(empty.status, 200);
      const malformed = await get(c, '/malformed');
      assert.ok(malformed instanceof InvalidResponseError, String(malformed));
      assert.match(
        malformed.message,
        /^get GET \/malformed: the server answered 200 with a body that is not valid JSON/,
      );
      assert.ok(!(malformed instanceof ApiError) && !(malformed instanceof NetworkError));
      const text = await get(c, '/text');
      assert.ok(text instanceof InvalidResponseError, String(text));
      assert.equal(
        text.message,
        'get GET /text: the server answered 200 with content type text/plain where JSON was expected',
      );
      assert.equal(text.contentType, 'text/plain');
      // Asked for text, text is what the call gets.
      assert.equal(await get(c, '/text', 'text/plain'), 'ok');
      assert.deepEqual(await get(c, '/fine'), { kind: 'Fine' });
    } finally {
      await c.close();
    }
  });

  it('an answer over maxResponseBytes fails with ResponseTooLargeError: announced, streamed, or gzipped', async () => {
    const c = client({ maxResponseBytes: mib });
    try {
      for (const path of ['/announced', '/streamed', '/bomb']) {
        const err = await get(c, path);
        assert.ok(err instanceof ResponseTooLargeError, `${path}: ${String(err).slice(0, 200)}`);
        assert.equal(err.limitBytes, mib);
        assert.equal(err.message, `get GET ${path}: the answer is larger than the client's limit of 1048576 bytes`);
      }
      assert.deepEqual(await get(c, '/fine'), { kind: 'Fine' }, 'the client carries on');
    } finally {
      await c.close();
    }
  });

  it('has a default limit a real list fits in, and a JSON string cannot outgrow', async () => {
    const c = client();
    try {
      assert.equal(typeof (await get(c, '/streamed')), 'string', 'a 3 MiB answer is fine by default');
      assert.ok(c.describe().maxResponseBytes >= 256 * mib && c.describe().maxResponseBytes < 512 * mib);
    } finally {
      await c.close();
    }
  });
});
