// The cache of whole builds: the same inputs and options built again, into any folder, give the same bytes without
// reading a spec; a changed input byte, other options, a damaged entry or a cache turned off build again; the cache
// keeps only its newest builds.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { sha256 } from '../../core/spec/hash.ts';
import { buildCache } from '../../generator/pipeline/build-cache.ts';
import { type BuildOptions, runBuild } from '../../generator/pipeline/run.ts';
import { scratchCache } from '../helpers/scratch-cache.ts';

describe('the build cache', () => {
  const scratch = scratchCache('kubegen-build-cache-');
  let dir: string;
  let spec: string;
  before(() => {
    ({ dir, spec } = scratch);
  });

  const builds = () => join(dir, 'cache', 'kubegen', 'builds');
  let outs = 0;
  /** Builds into a new folder; returns its files and the stages that ran. */
  async function buildInto(options: Partial<BuildOptions> = {}) {
    const out = join(dir, `out-${++outs}`);
    const stages: string[] = [];
    const read: string[] = [];
    const result = await runBuild(
      { spec: [spec], out, ...options },
      { onStage: (s) => stages.push(s), onRead: (line) => read.push(line) },
    );
    assert.equal(result.status, 'written');
    const files = new Map(
      readdirSync(out, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => [
          join(e.parentPath, e.name).slice(out.length + 1),
          readFileSync(join(e.parentPath, e.name), 'utf8'),
        ]),
    );
    return { files, stages, read: read.join('\n'), model: result.status === 'written' ? result.model : undefined };
  }

  it('writes the same bytes again into another folder without reading a spec', async () => {
    const first = await buildInto();
    assert.ok(first.stages.includes('model'), 'the first build builds');
    assert.ok(first.model);
    const second = await buildInto();
    assert.deepEqual(second.files, first.files);
    assert.deepEqual(second.stages, ['start', 'cache', 'write']);
    assert.match(second.read, /read 1 spec document\(s\).*files from kubegen's cache/);
    assert.equal(second.model, undefined, 'no model was built');
  });

  it('builds again when an input byte changes, or an option', async () => {
    const before = await buildInto();
    writeFileSync(spec, readFileSync(spec, 'utf8').replace(/description: /, 'description: Changed. '));
    const changed = await buildInto();
    assert.ok(changed.stages.includes('model'));
    assert.notDeepEqual(changed.files, before.files);
    const validators = await buildInto({ validators: true });
    assert.ok(validators.stages.includes('model'), 'other options are another build');
    assert.ok([...validators.files.keys()].some((f) => f.includes('validate')));
  });

  it('builds again, to the same bytes, when the cached build is damaged', async () => {
    const first = await buildInto({ importExtension: 'ts' });
    // The files' contents are kept apart from the builds' indexes, by their hash.
    const contents = join(builds(), '..', 'build-files');
    const entries = readdirSync(contents).map((f) => join(contents, f));
    for (const entry of entries) writeFileSync(entry, readFileSync(entry, 'utf8').replace('Widget', 'Gadget'));
    const again = await buildInto({ importExtension: 'ts' });
    assert.ok(again.stages.includes('model'), 'a damaged entry reads as missing');
    assert.deepEqual(again.files, first.files);
  });

  it('is not read or written when turned off', async () => {
    rmSync(builds(), { recursive: true, force: true });
    await buildInto({ cache: false });
    process.env.KUBEGEN_CACHE = '0';
    try {
      await buildInto();
    } finally {
      delete process.env.KUBEGEN_CACHE;
    }
    assert.deepEqual(readdirSync(join(dir, 'cache', 'kubegen')).includes('builds'), false);
  });

  it('keeps its newest builds, pruning a few builds over their count, the one just written always', () => {
    const cache = buildCache(true)!;
    const keys = Array.from({ length: 17 }, (_, i) => `key-${String(i).padStart(2, '0')}`);
    // Each entry a second older than the next, so that their order is their times'.
    const start = Date.now() / 1000 - keys.length;
    keys.forEach((key, i) => {
      cache.set(key, { summary: key, files: [{ path: 'a.ts', content: key }] });
      utimesSync(join(builds(), `${key}.json`), start + i, start + i);
    });
    const kept = readdirSync(builds());
    assert.deepEqual(
      kept.sort(),
      keys.slice(-12).map((k) => `${k}.json`),
    );
    assert.equal(cache.get('key-16')?.summary, 'key-16');
    assert.equal(cache.get('key-00'), undefined);
    // A build more does not prune yet: stating every stored file is paid for once in a few builds.
    cache.set('key-17', { summary: 'key-17', files: [{ path: 'a.ts', content: 'key-17' }] });
    assert.equal(readdirSync(builds()).length, 13);
  });

  it('prunes when the contents stored since the last pruning may be over its size', () => {
    const cache = buildCache(true)!;
    const files = join(dir, 'cache', 'kubegen', 'build-files');
    cache.set('sized-1', { summary: 'sized-1', files: [{ path: 'a.ts', content: 'sized-1' }] });
    const stray = join(files, 'f'.repeat(64));
    writeFileSync(stray, 'named by no build');
    cache.set('sized-2', { summary: 'sized-2', files: [{ path: 'a.ts', content: 'sized-2' }] });
    assert.equal(readdirSync(files).includes('f'.repeat(64)), true);
    // The running total told as over the size (a large build stored), the next write prunes.
    writeFileSync(join(dir, 'cache', 'kubegen', 'build-files.bytes'), String(200 << 20));
    cache.set('sized-3', { summary: 'sized-3', files: [{ path: 'a.ts', content: 'sized-3' }] });
    assert.equal(readdirSync(files).includes('f'.repeat(64)), false);
    assert.equal(cache.get('sized-3')?.summary, 'sized-3');
  });

  it('removes a record with its build, and the record parts no kept record names', () => {
    const cache = buildCache(true)!;
    const root = join(dir, 'cache', 'kubegen');
    const record = (...texts: string[]) => ({
      head: { texts },
      parts: texts.map((t) => sha256(t)),
      texts: new Map(texts.map((t) => [sha256(t), t])),
    });
    const build = (key: string) => ({ summary: key, files: [{ path: 'a.ts', content: key }] });
    cache.set('recorded-old', { ...build('recorded-old'), record: record('shared part', 'old part') });
    cache.set('recorded-new', { ...build('recorded-new'), record: record('shared part', 'new part') });
    // The older record's build the oldest of more than are kept; the next write told it may be over the size.
    const start = Date.now() / 1000 - 100;
    utimesSync(join(builds(), 'recorded-old.json'), start, start);
    for (let i = 0; i < 10; i++) cache.set(`filler-${i}`, build(`filler-${i}`));
    writeFileSync(join(root, 'build-files.bytes'), String(200 << 20));
    cache.set('filler-last', build('filler-last'));
    assert.equal(cache.getWithRecord('recorded-old'), undefined);
    assert.deepEqual(readdirSync(join(root, 'build-records')).sort(), ['recorded-new.json']);
    const parts = readdirSync(join(root, 'build-record-parts')).sort();
    assert.deepEqual(parts, [sha256('new part'), sha256('shared part')].sort());
    const kept = cache.getWithRecord('recorded-new')!.record;
    assert.deepEqual(kept.head, { texts: ['shared part', 'new part'] });
    assert.equal(kept.part(sha256('new part')), 'new part');
  });
});
