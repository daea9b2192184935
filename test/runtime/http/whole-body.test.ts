// A JSON answer read whole comes out exactly as sent however the socket splits it: characters of two, three and four
// bytes cut across chunks, with the length declared (read into one buffer) or chunked (joined at the end), a
// leading byte-order mark dropped. Whatever lies beyond ASCII in it (the client writes such characters as escapes
// before parsing, or decodes a body mostly beyond ASCII as it is), it parses to what decoding it as UTF-8 and
// parsing gives: random JSON values, random bytes in strings (invalid UTF-8 among them), and bodies of either kind.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type Client, InvalidResponseError } from '@kubegen/runtime';
import { clientOf } from '../../helpers/generated-client.ts';
import { startWireServer, type WireServer } from '../helpers/wire.ts';

const object = {
  kind: 'ConfigMap',
  metadata: { name: 'greetings', annotations: { team: 'Zahlungsverkehr – Équipe paiements' } },
  data: { ja: 'こんにちは', emoji: '🚀🛰️', math: '∑ᵢ xᵢ²', plain: 'x'.repeat(5000) },
};
const bytes = Buffer.from(JSON.stringify(object));

describe('whole JSON answers split anywhere', () => {
  let wire: WireServer;
  before(async () => {
    wire = await startWireServer(async (req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      const body = path === '/bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (path !== '/chunked') headers['content-length'] = String(body.length);
      res.writeHead(200, headers);
      // Slices of 1 to 7 bytes, each flushed on its own, cut every multi-byte character somewhere.
      const head = body.subarray(0, 400);
      for (let at = 0, n = 1; at < head.length; at += n, n = (n % 7) + 1) {
        res.write(head.subarray(at, at + n));
        await sleep(0);
      }
      res.end(body.subarray(400));
    });
  });
  after(() => wire?.close());

  for (const path of ['/declared', '/chunked', '/bom']) {
    it(`decodes ${path.slice(1)} answers whole`, async () => {
      const client = clientOf(wire);
      try {
        assert.deepEqual(await client.request({ verb: 'get', method: 'GET', path }), object);
      } finally {
        await client.close();
      }
    });
  }
});

describe('JSON answers beyond ASCII', () => {
  // Printable ASCII but for the quote and the backslash, and bytes beyond ASCII: any of them inside a JSON string.
  const stringByte = fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
    .filter((b) => b !== 0x22 && b !== 0x5c);
  const bodies: Buffer[] = [
    ...fc
      .sample(fc.jsonValue({ stringUnit: 'binary' }), { numRuns: 200, seed: 17 })
      .map((v) => Buffer.from(JSON.stringify(v))),
    ...fc
      .sample(fc.array(stringByte, { maxLength: 60 }), { numRuns: 200, seed: 18 })
      .map((bytes) => Buffer.concat([Buffer.from('{"s":"'), Buffer.from(bytes), Buffer.from('","n":1}')])),
    // Mostly beyond ASCII (decoded as it is), a little beyond it in a large body (escaped), and invalid UTF-8: a
    // stray byte, sequences cut short by ASCII and by a string's end.
    Buffer.from(JSON.stringify({ data: { ja: 'こんにちは、世界'.repeat(500) } })),
    Buffer.from(
      JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => ({ i, t: i % 97 ? 'x' : 'Équipe 🚀' })) }),
    ),
    Buffer.from([
      ...Buffer.from('{"a":"x'),
      0xff,
      0xc3,
      0x79,
      0xe2,
      0x82,
      ...Buffer.from('","b":"'),
      0xf0,
      0x9f,
      0x9a,
      ...Buffer.from('"}'),
    ]),
  ];

  let wire: WireServer;
  let client: Client;
  before(async () => {
    wire = await startWireServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      const body = path === '/outside' ? Buffer.from('{"café":1, é:2}') : bodies[Number(path.slice(1))]!;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) }).end(body);
    });
    client = clientOf(wire);
  });
  after(async () => {
    await client?.close();
    await wire?.close();
  });

  it('parse to what decoding them as UTF-8 gives', async () => {
    for (const [i, body] of bodies.entries()) {
      const got = await client.request({ verb: 'get', method: 'GET', path: `/${i}` });
      assert.deepEqual(got, JSON.parse(body.toString('utf8')), `body ${i}: ${body.subarray(0, 80).toString('hex')}`);
    }
  });

  it('are InvalidResponseErrors when a character beyond ASCII stands outside a string', async () => {
    await assert.rejects(client.request({ verb: 'get', method: 'GET', path: '/outside' }), InvalidResponseError);
  });
});
