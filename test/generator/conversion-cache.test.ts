// The conversion cache: the output is the same bytes cold, warm, without it and after its files are damaged; a warm
// run converts nothing; a cached text is used only when its references still get the names they had.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConversionCache, type ConversionStore } from '../../generator/emit/conversions.ts';
import { renderFiles } from '../../generator/emit/render.ts';
import { conversionStore } from '../../generator/pipeline/conversion-store.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { runBuild } from '../../generator/pipeline/run.ts';
import type { ApiModel } from '../../core/model/types.ts';
import { projectRoot } from '../helpers/shared.ts';

// Tuples: shapes only openapi-typescript converts (the direct emitter writes the rest, which is not kept).
const example = join(projectRoot, 'test', 'fixtures', 'emit', 'conversion.json');

/** A store in memory that counts what it is asked. */
function memoryStore(): ConversionStore & { entries: Map<string, string>; sets: number } {
  const entries = new Map<string, string>();
  return {
    salt: 'test',
    entries,
    sets: 0,
    get: (key) => entries.get(key),
    set(key, text) {
      this.sets++;
      entries.set(key, text);
    },
  };
}

describe('conversion cache, in memory', () => {
  let model: ApiModel;
  before(async () => {
    model = await modelFromSpecs([example]);
  });

  it('renders the same bytes cold and warm as without a store, and a warm run converts nothing', () => {
    const plain = renderFiles(model);
    const store = memoryStore();
    assert.deepEqual(renderFiles(model, { conversionStore: store }), plain);
    assert.ok(store.sets > 0, 'the cold run keeps its conversions');
    const sets = store.sets;
    assert.deepEqual(renderFiles(model, { conversionStore: store }), plain);
    assert.equal(store.sets, sets, 'the warm run found every conversion and wrote nothing');
  });

  it('recomputes a bucket whose text is not a bucket, or holds another number of declarations', () => {
    const plain = renderFiles(model);
    const store = memoryStore();
    renderFiles(model, { conversionStore: store });
    const keys = [...store.entries.keys()];
    store.entries.set(keys[0]!, '{"declarations": [');
    store.entries.set(keys[1]!, JSON.stringify({ declarations: [], fragments: {} }));
    assert.deepEqual(renderFiles(model, { conversionStore: store }), plain);
    for (const key of keys.slice(0, 2)) JSON.parse(store.entries.get(key)!);
  });
});

describe('a cached conversion', () => {
  const store = memoryStore();
  const cache = new ConversionCache(store);
  const convert = (resolve: (target: string) => string) => `type T = ${resolve('a.B')};`;

  const given: { name: string; names: Record<string, string>; want: string; converts: boolean }[] = [
    { name: 'whose reference gets the same name is used', names: { 'a.B': 'B' }, want: 'type T = B;', converts: false },
    {
      name: 'whose reference gets another name is converted again',
      names: { 'a.B': 'AppsV1B' },
      want: 'type T = AppsV1B;',
      converts: true,
    },
  ];
  const first = cache.module(['m']);
  first.declaration(0, () => 'B', convert);
  first.save();
  for (const { name, names, want, converts } of given) {
    it(name, () => {
      let converted = false;
      const bucket = new ConversionCache(store).module(['m']);
      const text = bucket.declaration(
        0,
        (t) => names[t]!,
        (resolve) => {
          converted = true;
          return convert(resolve);
        },
      );
      assert.equal(text, want);
      assert.equal(converted, converts);
    });
  }
});

describe('conversion cache, in the user cache folder', () => {
  const saved = { xdg: process.env.XDG_CACHE_HOME, off: process.env.KUBEGEN_CACHE };
  const root = mkdtempSync(join(tmpdir(), 'kubegen-conversions-'));
  const folder = join(root, 'kubegen', 'conversions');
  before(() => {
    process.env.XDG_CACHE_HOME = root;
    delete process.env.KUBEGEN_CACHE;
  });
  after(() => {
    for (const [name, value] of [
      ['XDG_CACHE_HOME', saved.xdg],
      ['KUBEGEN_CACHE', saved.off],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(root, { recursive: true, force: true });
  });

  const build = async (out: string, cache?: boolean) => {
    const result = await runBuild({
      spec: [example],
      out: join(root, out),
      stamp: false,
      ...(cache === false ? { cache } : {}),
    });
    assert.equal(result.status, 'written');
    return result.status === 'written' ? result.output : [];
  };

  it('writes the same files without the cache, cold, warm, and after a cache file is cut short or altered', async () => {
    const without = await build('without', false);
    assert.throws(() => readdirSync(folder), 'no cache is written with cache: false');
    assert.deepEqual(await build('cold'), without);
    const files = readdirSync(folder).sort();
    assert.ok(files.length > 0);
    assert.deepEqual(await build('warm'), without);
    const [cut, altered] = files.map((f) => join(folder, f));
    writeFileSync(cut!, readFileSync(cut!, 'utf8').slice(0, 100));
    // Still JSON, but not the bytes the checksum was made of.
    writeFileSync(altered!, readFileSync(altered!, 'utf8').replace('\n{', '\n{ '));
    assert.deepEqual(await build('damaged'), without);
    for (const file of [cut!, altered!]) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes('\n{ '), `${file} was made again`);
      JSON.parse(text.slice(text.indexOf('\n') + 1));
    }
  });

  it('is off with cache: false or KUBEGEN_CACHE=0', () => {
    assert.equal(conversionStore(false), undefined);
    process.env.KUBEGEN_CACHE = '0';
    try {
      assert.equal(conversionStore(undefined), undefined);
    } finally {
      delete process.env.KUBEGEN_CACHE;
    }
    assert.notEqual(conversionStore(undefined), undefined);
  });
});
