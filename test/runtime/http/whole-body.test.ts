// A JSON answer read whole comes out exactly as sent however the socket splits it: characters of two, three and four
// bytes cut across chunks, with the length declared (read into one buffer) or chunked (joined at the end), a
// leading byte-order mark dropped.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Client, noCredentials } from '@kubegen/runtime';
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
      const client = new Client(
        { server: wire.url, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
        { retry: false, onWarning: false },
      );
      try {
        assert.deepEqual(await client.request({ verb: 'get', method: 'GET', path }), object);
      } finally {
        await client.close();
      }
    });
  }
});
