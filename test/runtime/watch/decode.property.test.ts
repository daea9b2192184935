// Properties of the watch stream decoder, over generated events and every way the bytes may be cut into chunks:
// whole events come out exactly as they went in (blank lines and CRLF aside); a stream that stops part-way yields a
// prefix of the events and then a truncation error, never a damaged event; bytes that are not UTF-8 are an error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeWatch, WatchDecodeError, type WatchEvent } from '@kubegen/runtime';

type Obj = { metadata: { name: string; resourceVersion: string }; data?: Record<string, string> };

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const event: fc.Arbitrary<WatchEvent<Obj, Obj>> = fc.record({
  type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR' as const),
  object: fc.record(
    {
      metadata: fc.record({ name: text, resourceVersion: fc.nat().map(String) }),
      data: fc.dictionary(text, text, { maxKeys: 3 }),
    },
    { requiredKeys: ['metadata'] },
  ),
});

/** The wire form: one line per event, with CRLF endings and blank lines here and there. */
const wire = fc.array(fc.tuple(event, fc.boolean(), fc.boolean()), { maxLength: 12 }).map((items) => ({
  // As JSON.parse makes them (fast-check's records have no prototype).
  events: items.map(([e]) => JSON.parse(JSON.stringify(e)) as WatchEvent<Obj>),
  bytes: Buffer.from(
    items.map(([e, crlf, blank]) => `${blank ? '\r\n' : ''}${JSON.stringify(e)}${crlf ? '\r\n' : '\n'}`).join(''),
  ),
}));

/** Cut points: where each chunk ends (any byte, inside a character too). */
const cuts = fc.array(fc.nat(), { maxLength: 8 });

function* chunked(bytes: Buffer, points: number[]): Generator<Uint8Array> {
  const ends = [...new Set(points.map((p) => (bytes.length ? p % bytes.length : 0)))].sort((a, b) => a - b);
  let start = 0;
  for (const end of [...ends, bytes.length]) {
    if (end > start) yield bytes.subarray(start, end);
    start = Math.max(start, end);
  }
}

async function* body(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function decode(chunks: Iterable<Uint8Array>): Promise<{ events: WatchEvent<Obj>[]; error?: unknown }> {
  const events: WatchEvent<Obj>[] = [];
  try {
    for await (const e of decodeWatch<Obj>(body(chunks))) events.push(e);
    return { events };
  } catch (error) {
    return { events, error };
  }
}

describe('decodeWatch, by property', () => {
  it('decodes every chunking of whole events to the same events', async () => {
    await fc.assert(
      fc.asyncProperty(wire, cuts, async ({ events, bytes }, points) => {
        const out = await decode(chunked(bytes, points));
        assert.equal(out.error, undefined);
        assert.deepEqual(out.events, events);
      }),
      { numRuns: 300 },
    );
  });

  it('a stream cut anywhere yields a prefix of the events, then at most a truncation error', async () => {
    await fc.assert(
      fc.asyncProperty(wire, cuts, fc.nat(), async ({ events, bytes }, points, at) => {
        const cut = bytes.subarray(0, bytes.length ? at % bytes.length : 0);
        const out = await decode(chunked(cut, points));
        assert.deepEqual(out.events, events.slice(0, out.events.length), 'a prefix, each event whole');
        if (out.error !== undefined) {
          assert.ok(out.error instanceof WatchDecodeError && out.error.truncated, String(out.error));
          assert.ok(out.events.length < events.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('bytes that are not UTF-8 inside an event are an error, never U+FFFD', async () => {
    const invalid = fc.constantFrom(
      [0xff],
      [0xc3, 0x28],
      [0xe2, 0x28, 0xa1],
      [0xf0, 0x90, 0x28, 0xbc],
      [0xed, 0xa0, 0x80],
    );
    await fc.assert(
      fc.asyncProperty(event, invalid, cuts, async (e, bad, points) => {
        const json = JSON.stringify({ ...e, object: { ...e.object, data: { x: 'BAD' } } });
        const [before, after] = json.split('BAD') as [string, string];
        const bytes = Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(`${after}\n`)]);
        const out = await decode(chunked(bytes, points));
        assert.deepEqual(out.events, []);
        assert.ok(out.error instanceof WatchDecodeError && !out.error.truncated, String(out.error));
      }),
      { numRuns: 200 },
    );
  });
});
