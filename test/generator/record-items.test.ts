// The text a record keeps of the spec hash: changed in place, it is the text (and hash) the changed items give, as
// sourceHash takes it; where it cannot be, it says so rather than give another.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type SourceItems, sourceHash } from '../../core/model/build.ts';
import { changeItems, itemsText } from '../../generator/pipeline/record-items.ts';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const items = (schemas: [string, number][], operations: [string, number][]): SourceItems => ({
  schemas: new Map(schemas.map(([k, n]) => [k, hash(n)])),
  operations: new Map(operations.map(([k, n]) => [k, hash(n)])),
});

const before = items(
  [
    ['io.k8s.api.core.v1.Pod', 1],
    ['dev.example.v1.Gadget', 2],
    ['dev.example.v1.Gizmo', 3],
    ['com.other.v1.Thing', 4],
    ['io.k8s.Ünïcode', 5],
  ],
  [
    ['/api/v1/pods\0get', 6],
    ['/apis/example.dev/v1/gadgets\0get', 7],
    ['/apis/example.dev/v1/gadgets\0post', 8],
    ['/apis/other.com/v1/things\0get', 9],
  ],
);

/** The kept text of `before` with `change`, as bytes, beside that of the items after the change. */
function both(removed: { schemas?: string[]; operations?: string[] }, added: SourceItems) {
  const kept = itemsText(before, sourceHash(before))!;
  const changed = changeItems(Buffer.concat(kept.chunks), kept, {
    removed: { schemas: removed.schemas ?? [], operations: removed.operations ?? [] },
    added,
  });
  const after: SourceItems = { schemas: new Map(before.schemas), operations: new Map(before.operations) };
  for (const k of removed.schemas ?? []) after.schemas.delete(k);
  for (const k of removed.operations ?? []) after.operations.delete(k);
  for (const [k, v] of added.schemas) after.schemas.set(k, v);
  for (const [k, v] of added.operations) after.operations.set(k, v);
  return { changed, after };
}

describe('the text of the spec hash a record keeps', () => {
  it('is the text sourceHash hashes', () => {
    const kept = itemsText(before, sourceHash(before))!;
    assert.equal(kept.hash, sourceHash(before));
    assert.equal(kept.lengths.length, 9);
    assert.equal(kept.schemas, 5);
  });

  const cases: [string, { schemas?: string[]; operations?: string[] }, SourceItems][] = [
    ['an item changed', { schemas: ['dev.example.v1.Gadget'] }, items([['dev.example.v1.Gadget', 20]], [])],
    [
      "a group's items replaced, one more",
      {
        schemas: ['dev.example.v1.Gadget', 'dev.example.v1.Gizmo'],
        operations: ['/apis/example.dev/v1/gadgets\0get', '/apis/example.dev/v1/gadgets\0post'],
      },
      items(
        [
          ['dev.example.v1.Gadget', 21],
          ['dev.example.v1.Gizmo', 3],
          ['dev.example.v1.Sprocket', 22],
        ],
        [
          ['/apis/example.dev/v1/gadgets\0get', 7],
          ['/apis/example.dev/v1/gadgets\0post', 23],
          ['/apis/example.dev/v1/sprockets\0get', 24],
        ],
      ),
    ],
    [
      'items removed, first and last',
      { schemas: ['com.other.v1.Thing', 'io.k8s.Ünïcode'], operations: ['/apis/other.com/v1/things\0get'] },
      items([], []),
    ],
    [
      'items added before and after all',
      {},
      items(
        [
          ['aaa', 30],
          ['zzz', 31],
        ],
        [
          ['/zzz\0get', 32],
          ['/\0get', 33],
        ],
      ),
    ],
    ['an item changed without being removed', {}, items([['io.k8s.api.core.v1.Pod', 34]], [])],
  ];
  for (const [name, removed, added] of cases)
    it(`changed in place gives the text of the changed items: ${name}`, () => {
      const { changed, after } = both(removed, added);
      assert.ok(changed);
      const want = itemsText(after, sourceHash(after))!;
      assert.equal(changed.hash, sourceHash(after));
      assert.deepEqual(Buffer.concat(changed.chunks), Buffer.concat(want.chunks));
      assert.deepEqual([changed.lengths, changed.schemas], [want.lengths, want.schemas]);
    });

  it('says it cannot when an item to remove is not there, or the lines do not fit the bytes', () => {
    assert.equal(both({ schemas: ['dev.example.v1.Nothing'] }, items([], [])).changed, undefined);
    const kept = itemsText(before, sourceHash(before))!;
    const none = { removed: { schemas: [], operations: [] }, added: items([], []) };
    const short = Buffer.concat(kept.chunks).subarray(1);
    assert.equal(changeItems(short, kept, none), undefined);
  });

  it('keeps no text a name would not read back as written', () => {
    const lone = items([['bad\uD800name', 1]], []);
    assert.equal(itemsText(lone, sourceHash(lone)), undefined);
  });
});
