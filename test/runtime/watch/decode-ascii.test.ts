// The watch decoder finds lines in the bytes and decodes each whole line the fast, lenient way, checking strictly
// only when a replacement character shows up: these check that no invalid UTF-8 gets through that way, that a
// real U+FFFD survives, and that characters split between chunks of any kind still decode.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, decodeWatch, noCredentials, WatchDecodeError, type WatchEvent } from '@kubegen/runtime';

type Obj = { metadata: { name: string; resourceVersion: string } };

async function* from(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const line = (name: string, rv: number) =>
  `${JSON.stringify({ type: 'MODIFIED', object: { metadata: { name, resourceVersion: String(rv) } } })}\n`;

describe('decodeWatch over ASCII and non-ASCII lines', () => {
  it('decodes ASCII chunks, multi-byte chunks and characters split at a chunk edge, in any order', async () => {
    const names = ['plain-a', 'café-ü', 'plain-b', 'x'.repeat(300), '日本語-名前', 'plain-c'];
    const wire = Buffer.from(names.map((n, i) => line(n, i + 1)).join(''));
    const want = names.map((name, i) => ({
      type: 'MODIFIED',
      object: { metadata: { name, resourceVersion: String(i + 1) } },
    }));
    for (const size of [1, 2, 3, 5, 16, 64, 333, wire.length]) {
      const chunks: Uint8Array[] = [];
      // Uint8Arrays as well as Buffers: both are valid chunks.
      for (let i = 0; i < wire.length; i += size)
        chunks.push(i % 2 ? new Uint8Array(wire.subarray(i, i + size)) : wire.subarray(i, i + size));
      assert.deepEqual(await collect(decodeWatch<Obj>(from(chunks))), want, `chunks of ${size} bytes`);
    }
  });

  it('rejects a character cut short by the next chunk', async () => {
    const head = Buffer.concat([
      Buffer.from(line('a', 1)),
      Buffer.from('{"type":"ADDED","object":{"n":"'),
      Buffer.from([0xc3]),
    ]);
    const tail = Buffer.from('x"}}\n');
    const seen: WatchEvent<Obj>[] = [];
    await assert.rejects(
      async () => {
        for await (const e of decodeWatch<Obj>(from([head, tail]))) seen.push(e);
      },
      (err: unknown) => err instanceof WatchDecodeError && /not valid UTF-8 after 1 events/.test(err.message),
    );
    assert.equal(seen.length, 1);
  });

  it('rejects Latin-1 bytes rather than reading them as characters', async () => {
    const bytes = Buffer.from('{"type":"ADDED","object":{"n":"caf\xe9"}}\n', 'latin1');
    await assert.rejects(collect(decodeWatch<Obj>(from([bytes]))), /not valid UTF-8/);
  });

  it('keeps a real U+FFFD in the data, and rejects invalid bytes next to one', async () => {
    const text = line('replacement-\ufffd-char', 1);
    assert.deepEqual(await collect(decodeWatch<Obj>(from([Buffer.from(text)]))), [JSON.parse(text)]);
    const bad = Buffer.concat([
      Buffer.from('{"type":"ADDED","object":{"n":"\ufffd'),
      Buffer.from([0xff]),
      Buffer.from('"}}\n'),
    ]);
    await assert.rejects(
      collect(decodeWatch<Obj>(from([bad]))),
      (err: unknown) =>
        err instanceof WatchDecodeError && !err.truncated && /not valid UTF-8 after 0 events/.test(err.message),
    );
  });

  it('rejects invalid bytes in a last line without its newline as invalid, not as a cut', async () => {
    const bad = Buffer.concat([
      Buffer.from(line('a', 1)),
      Buffer.from('{"type":"ADDED","object":{"n":"'),
      Buffer.from([0xff]),
      Buffer.from('"}}'),
    ]);
    await assert.rejects(
      collect(decodeWatch<Obj>(from([bad]))),
      (err: unknown) => err instanceof WatchDecodeError && !err.truncated && /not valid UTF-8/.test(err.message),
    );
  });

  it('reports a stream ending after the first byte of a character as a truncation', async () => {
    const bytes = Buffer.concat([
      Buffer.from(line('a', 1)),
      Buffer.from('{"type":"ADDED","object":{"n":"'),
      Buffer.from([0xe6, 0x97]),
    ]);
    await assert.rejects(
      collect(decodeWatch<Obj>(from([bytes]))),
      (err: unknown) => err instanceof WatchDecodeError && err.truncated,
    );
  });
});

describe('a JSON answer decoded as it arrives', () => {
  it('reads a body split inside characters, with a byte-order mark, as one JSON value', async () => {
    const value = {
      kind: 'ConfigMap',
      data: { greeting: 'こんにちは 🌍', plain: 'x'.repeat(70_000), accents: 'café – Ü' },
    };
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(value))]);
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      void (async () => {
        // Pieces of 1, 2 and 3 bytes around the characters, and large ones in between.
        for (let i = 0; i < bytes.length; ) {
          const n = bytes[i]! >= 0x80 || i < 8 ? 1 + (i % 3) : 4096;
          res.write(bytes.subarray(i, i + n));
          i += n;
          await new Promise((r) => setImmediate(r));
        }
        res.end();
      })();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = new Client(
      {
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        namespace: 'default',
        tls: {},
        credentials: noCredentials,
        origin: { kind: 'explicit' },
      },
      { onWarning: false, retry: false },
    );
    try {
      assert.deepEqual(
        await client.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default/configmaps/x' }),
        value,
      );
    } finally {
      await client.close();
      server.close();
    }
  });
});
