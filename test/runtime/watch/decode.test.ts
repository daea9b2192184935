// Watch stream decoding: events split anywhere (even inside a multi-byte character), decoded as they
// arrive, and a stream cut part-way through an event reported as an error rather than a bogus event.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWatch, WatchDecodeError, type WatchEvent } from '@kubegen/runtime';
import { BareTransport } from '../helpers/stream-transport.ts';

type Obj = { metadata: { name: string; resourceVersion: string }; data?: Record<string, string> };

const events: WatchEvent<Obj>[] = [
  {
    type: 'ADDED',
    object: { metadata: { name: 'ünïcødé-1', resourceVersion: '1' }, data: { greeting: 'こんにちは 🌍' } },
  },
  { type: 'MODIFIED', object: { metadata: { name: 'b', resourceVersion: '2' }, data: { emoji: '👩‍👩‍👧‍👦𝄞' } } },
  { type: 'BOOKMARK', object: { metadata: { name: '', resourceVersion: '3' } } },
  { type: 'DELETED', object: { metadata: { name: 'c', resourceVersion: '4' } } },
];
const wire = Buffer.from(events.map((e) => JSON.stringify(e) + '\n').join(''));

async function* chunks(bytes: Uint8Array, sizes: () => number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; ) {
    const n = Math.max(1, sizes());
    yield bytes.subarray(i, i + n);
    i += n;
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('decodeWatch', () => {
  it('decodes events split at every byte, including inside multi-byte characters', async () => {
    assert.deepEqual(await collect(decodeWatch<Obj>(chunks(wire, () => 1))), events);
  });

  it('decodes any chunking of the same bytes to the same events', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 97;
    for (let round = 0; round < 50; round++)
      assert.deepEqual(await collect(decodeWatch<Obj>(chunks(wire, random))), events);
    assert.deepEqual(await collect(decodeWatch<Obj>(chunks(wire, () => wire.length))), events);
  });

  it('skips blank lines and CRLF, and accepts a whole last event without its newline', async () => {
    const text = `\n${JSON.stringify(events[0])}\r\n\r\n  \n${JSON.stringify(events[1])}`;
    assert.deepEqual(await collect(decodeWatch<Obj>(chunks(Buffer.from(text), () => 5))), events.slice(0, 2));
  });

  it('yields each event before the rest of the body has arrived', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* body(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(JSON.stringify(events[0]) + '\n' + JSON.stringify(events[1]).slice(0, 10));
      await gate;
      yield Buffer.from(JSON.stringify(events[1]).slice(10) + '\n');
    }
    const it = decodeWatch<Obj>(body())[Symbol.asyncIterator]();
    const first = await it.next();
    assert.deepEqual(first.value, events[0]);
    release();
    assert.deepEqual((await it.next()).value, events[1]);
    assert.equal((await it.next()).done, true);
  });

  it('reports a stream cut part-way through an event as a truncation, after the whole events before it', async () => {
    const cut = wire.subarray(0, wire.indexOf('\n') + 1 + 20);
    const seen: WatchEvent<Obj>[] = [];
    await assert.rejects(
      async () => {
        for await (const e of decodeWatch<Obj>(
          chunks(cut, () => 13),
          'watch GET /api/v1/configmaps',
        ))
          seen.push(e);
      },
      (err: unknown) =>
        err instanceof WatchDecodeError &&
        err.truncated &&
        /watch GET \/api\/v1\/configmaps: the stream ended part-way through event 2/.test(err.message),
    );
    assert.deepEqual(seen, events.slice(0, 1));
  });

  it('reports a stream cut inside a multi-byte character as a truncation', async () => {
    const line = Buffer.from(JSON.stringify(events[0]) + '\n');
    const cut = Buffer.concat([line, Buffer.from('{"type":"ADDED","object":{"a":"🌍"}}').subarray(0, 33)]);
    assert.equal(cut.subarray(-2).toString('utf8').includes('\ufffd'), true, 'the cut falls inside the emoji');
    await assert.rejects(
      collect(decodeWatch<Obj>(chunks(cut, () => 4))),
      (err: unknown) => err instanceof WatchDecodeError && err.truncated,
    );
  });

  it('rejects lines that are not JSON, or not watch events, naming the event', async () => {
    await assert.rejects(
      collect(decodeWatch(chunks(Buffer.from(`${JSON.stringify(events[0])}\nnot json\n`), () => 9))),
      (err: unknown) =>
        err instanceof WatchDecodeError && !err.truncated && /event 2 is not JSON: not json/.test(err.message),
    );
    await assert.rejects(
      collect(decodeWatch(chunks(Buffer.from('{"type":"UPSERT","object":{}}\n'), () => 9))),
      /event 1 is not a watch event/,
    );
    await assert.rejects(
      collect(decodeWatch(chunks(Buffer.from('{"type":"ADDED"}\n'), () => 9))),
      /event 1 is not a watch event/,
    );
    await assert.rejects(
      collect(decodeWatch(chunks(Buffer.from([0x7b, 0xff, 0xfe, 0x0a]), () => 9))),
      /not valid UTF-8/,
    );
  });

  it('decodes a chunked HTTP body trickled in pieces and fails on one cut mid-line', async () => {
    const server: Server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      void (async () => {
        for (let i = 0; i < wire.length; i += 7) {
          const piece = wire.subarray(i, i + 7);
          res.write(piece);
          await new Promise((r) => setImmediate(r));
        }
        if (req.url?.includes('cut')) {
          res.write('{"type":"ADDED","obj');
          await new Promise((r) => setTimeout(r, 10));
          res.destroy();
        } else res.end();
      })();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const transport = new BareTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      assert.deepEqual(await collect(transport.watch<Obj>({ verb: 'watch', method: 'GET', path: '/whole' })), events);
      const seen: WatchEvent<Obj>[] = [];
      await assert.rejects(async () => {
        for await (const e of transport.watch<Obj>({ verb: 'watch', method: 'GET', path: '/cut' })) seen.push(e);
      });
      assert.deepEqual(seen, events);
    } finally {
      await transport.close();
      server.close();
    }
  });
});
