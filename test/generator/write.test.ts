// The output writer: manifest-driven cleanup, user files kept, nothing lost on failure.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MANIFEST, readManifest, writeOutput } from '../../generator/pipeline/write.ts';
import { projectRoot } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', 'emit-write');
const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('writeOutput', () => {
  before(() => rmSync(work, { recursive: true, force: true }));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('writes the files and a manifest listing exactly them', () => {
    const out = join(work, 'fresh');
    writeOutput(out, files({ 'index.ts': 'a', 'apps/v1.ts': 'b' }));
    assert.equal(readFileSync(join(out, 'apps/v1.ts'), 'utf8'), 'b');
    assert.deepEqual(readManifest(out), ['apps/v1.ts', 'index.ts']);
  });

  it('removes its own stale files, keeps a user file and a user folder, and leaves no temp folder behind', () => {
    const out = join(work, 'regen');
    writeOutput(out, files({ 'index.ts': 'a', 'batch/v1.ts': 'old', 'apps/v1.ts': 'b' }));
    writeFileSync(join(out, 'NOTES.md'), 'mine');
    mkdirSync(join(out, 'apps', 'custom'), { recursive: true });
    writeFileSync(join(out, 'apps', 'custom', 'extra.ts'), 'mine too');
    mkdirSync(join(out, 'empty-dir-of-mine'));
    const result = writeOutput(out, files({ 'index.ts': 'a2', 'apps/v1.ts': 'b2' }));
    assert.deepEqual(result.removed, ['batch/v1.ts']);
    assert.equal(existsSync(join(out, 'batch')), false);
    assert.equal(readFileSync(join(out, 'NOTES.md'), 'utf8'), 'mine');
    assert.equal(readFileSync(join(out, 'apps', 'custom', 'extra.ts'), 'utf8'), 'mine too');
    assert.equal(existsSync(join(out, 'empty-dir-of-mine')), true);
    assert.equal(readFileSync(join(out, 'index.ts'), 'utf8'), 'a2');
    assert.deepEqual(
      readdirSync(dirname(out)).filter((n) => n.includes('kubegen-')),
      [],
    );
  });

  it('refuses to overwrite a file it did not write, and changes nothing', () => {
    const out = join(work, 'clash');
    writeOutput(out, files({ 'index.ts': 'generated' }));
    writeFileSync(join(out, 'extra.ts'), 'user code');
    assert.throws(
      () => writeOutput(out, files({ 'index.ts': 'generated 2', 'extra.ts': 'generated' })),
      /extra\.ts was not written by kubegen/,
    );
    assert.equal(readFileSync(join(out, 'extra.ts'), 'utf8'), 'user code');
    assert.equal(readFileSync(join(out, 'index.ts'), 'utf8'), 'generated');
    assert.deepEqual(readManifest(out), ['index.ts']);
  });

  it('leaves the previous output whole when writing fails', () => {
    const out = join(work, 'fail');
    writeOutput(out, files({ 'index.ts': 'v1', 'core/v1.ts': 'core' }));
    const before = readFileSync(join(out, 'core/v1.ts'), 'utf8');
    // A path that cannot be both a file and a folder makes the write fail half-way.
    assert.throws(() => writeOutput(out, files({ 'index.ts': 'v2', 'x/a.ts': '1', 'x/a.ts/b.ts': '2' })));
    assert.equal(readFileSync(join(out, 'index.ts'), 'utf8'), 'v1');
    assert.equal(readFileSync(join(out, 'core/v1.ts'), 'utf8'), before);
    assert.deepEqual(readManifest(out), ['core/v1.ts', 'index.ts']);
    assert.deepEqual(
      readdirSync(dirname(out)).filter((n) => n.includes('kubegen-')),
      [],
    );
  });

  it('refuses paths that would leave the folder', () => {
    assert.throws(() => writeOutput(join(work, 'escape'), files({ '../evil.ts': 'x' })), /refusing to write/);
    assert.throws(() => writeOutput(join(work, 'escape'), files({ '/abs.ts': 'x' })), /refusing to write/);
  });

  it('names the manifest when it is corrupt', () => {
    const out = join(work, 'corrupt');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, MANIFEST), '{nope');
    assert.throws(
      () => writeOutput(out, files({ 'index.ts': 'a' })),
      new RegExp(`${MANIFEST.replace('.', '\\.')}: not valid JSON`),
    );
  });
});
