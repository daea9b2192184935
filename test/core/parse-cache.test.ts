// Large YAML texts are kept parsed in the user cache: a second read gives from it the very values a parse gives,
// numbers JSON cannot hold (`.inf`, `.nan`, -0) and values that aliases share included, whichever reader read them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cachedDocuments } from '../../core/source/parse/cache.ts';
import { parseTextDocuments } from '../../core/source/parse/index.ts';
import { scratchCache } from '../helpers/scratch-cache.ts';

/** A text past the size under which nothing is kept, its first document ending in `tail`. */
const large = (tail: string) => `description: ${'x'.repeat(8 * 1024)}\n${tail}\n---\nn: 1\n`;

describe('the parsed-text cache', () => {
  const scratch = scratchCache('kubegen-parse-cache-');
  const parsedDir = () => join(scratch.dir, 'cache', 'kubegen', 'parsed');
  const kept = () => (existsSync(parsedDir()) ? readdirSync(parsedDir()).length : 0);
  const read = (text: string) => {
    let parsed = 0;
    const docs = cachedDocuments(text, { format: 'yaml' }, true, () => {
      parsed++;
      return parseTextDocuments('x.yaml', text);
    });
    return { docs, parsed };
  };

  // [what, the first document's tail, values of that tail]
  const table: [string, string, Record<string, unknown>][] = [
    ['plain numbers', 'a: [1, -2, 0.5, 0o17, 0x1F]', { a: [1, -2, 0.5, 15, 31] }],
    ['infinity', 'a: -.inf', { a: Number.NEGATIVE_INFINITY }],
    ['not a number', 'a: .NaN', { a: Number.NaN }],
    ['negative zero', 'a: -0', { a: -0 }],
    ['a float past the range', 'a: 1e999', { a: Number.POSITIVE_INFINITY }],
    ['an own __proto__ field', '__proto__: {x: 1}', JSON.parse('{"__proto__": {"x": 1}}')],
    ['infinity read by the checked reader', 'a: .inf\nc: !thing x', { a: Infinity, c: 'x' }],
    ['aliases read by the checked reader', 'a: &i [1]\nb: *i\nc: !thing x', { a: [1], b: [1], c: 'x' }],
    ['aliases read by js-yaml', 'a: &i [1]\nb: *i', { a: [1], b: [1] }],
  ];
  for (const [what, tail, want] of table) {
    it(what, () => {
      const before = kept();
      const text = large(tail);
      const first = read(text);
      assert.equal(first.parsed, 1);
      assert.equal(kept() - before, 1);
      const second = read(text);
      assert.equal(second.parsed, 0, 'read from the cache');
      for (const { docs } of [first, second]) {
        const { description: _, ...rest } = docs[0] as Record<string, unknown>;
        assert.deepEqual(rest, want);
        assert.equal(Object.getPrototypeOf(docs[0]), Object.prototype);
        assert.deepEqual(docs[1], { n: 1 });
      }
    });
  }

  it('a value two aliases share is shared when read from the cache too', () => {
    read(large('a: &i [1]\nb: *i'));
    const { docs, parsed } = read(large('a: &i [1]\nb: *i'));
    assert.equal(parsed, 0, 'read from the cache');
    const [doc] = docs as { a: unknown; b: unknown }[];
    assert.equal(doc!.a, doc!.b);
  });
});
