// The writer inside the build step: --check writes nothing, an unchanged build is a no-op, a stopped write is
// settled before the stamp is read, generate() still writes, and a name too long is refused before writing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../../generator/pipeline/generate.ts';
import { runBuild } from '../../../generator/pipeline/run.ts';
import { writeOutput } from '../../../generator/pipeline/write.ts';
import { projectRoot } from '../../helpers/shared.ts';
import { leftovers, snapshot } from './fixture.ts';
import { transpileWriter, writeInWorker } from './stop.ts';

const work = join(projectRoot, 'test', '.work', 'output-build');
const example = join(projectRoot, 'examples', 'widgets-api.yaml');

/** A user's file and folder beside the output. */
function addUserFiles(out: string): void {
  writeFileSync(join(out, 'NOTES.md'), 'mine');
  mkdirSync(join(out, 'custom'), { mode: 0o700 });
  writeFileSync(join(out, 'custom', 'extra.ts'), 'export {};\n');
}

describe('the output folder in the build step', () => {
  before(() => rmSync(work, { recursive: true, force: true }));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('--check writes nothing, whether the output is fresh, stale or missing', async () => {
    const out = join(work, 'check');
    assert.equal((await runBuild({ spec: [example], out })).status, 'written');
    addUserFiles(out);
    const before_ = snapshot(out);
    assert.equal((await runBuild({ spec: [example], out, check: true, force: true })).status, 'fresh');
    const stale = await runBuild({ spec: [example], out, check: true, include: ['core'] });
    assert.equal(stale.status, 'stale');
    assert.deepEqual(snapshot(out), before_);
    const missing = join(work, 'check-missing');
    assert.equal((await runBuild({ spec: [example], out: missing, check: true })).status, 'stale');
    assert.equal(existsSync(missing), false);
  });

  it('an unchanged build is a no-op that touches nothing; a forced one rewrites no unchanged file', async () => {
    const out = join(work, 'noop');
    await runBuild({ spec: [example], out });
    addUserFiles(out);
    const before_ = snapshot(out);
    assert.equal((await runBuild({ spec: [example], out })).status, 'unchanged');
    const forced = await runBuild({ spec: [example], out, force: true });
    assert.ok(forced.status === 'written' && forced.written.changed.length === 0);
    assert.deepEqual(snapshot(out), before_);
  });

  it('a no-op after a no-op trusts the sizes and times it recorded, and still sees a file edited or removed', async () => {
    const out = join(work, 'noop-edited');
    await runBuild({ spec: [example], out });
    assert.equal((await runBuild({ spec: [example], out })).status, 'unchanged');
    assert.equal((await runBuild({ spec: [example], out })).status, 'unchanged');
    const index = join(out, 'index.ts');
    const written = readFileSync(index, 'utf8');
    writeFileSync(index, `${written}// edited\n`);
    assert.equal((await runBuild({ spec: [example], out })).status, 'written');
    assert.equal(readFileSync(index, 'utf8'), written);
    assert.equal((await runBuild({ spec: [example], out })).status, 'unchanged');
    rmSync(index);
    assert.equal((await runBuild({ spec: [example], out })).status, 'written');
    assert.equal(readFileSync(index, 'utf8'), written);
  });

  it('a stopped write is settled before the stamp is read; --check reports it and leaves it', async () => {
    const out = join(work, 'stopped');
    const other = join(work, 'stopped-other');
    await runBuild({ spec: [example], out });
    addUserFiles(out);
    const core = await runBuild({ spec: [example], out: other, include: ['core'] });
    assert.equal(core.status, 'written');
    const writer = transpileWriter(join(work, 'writer'));
    const files = new Map(core.output.map((f) => [f.path, f.content]));
    // Stopped right after its journal is on disk: found by a rehearsal on a copy.
    const rehearsal = join(work, 'stopped-rehearsal');
    cpSync(out, rehearsal, { recursive: true });
    const steps: string[] = [];
    writeOutput(rehearsal, files, { afterStep: (what) => void steps.push(what) });
    await writeInWorker(writer, out, files, { stopAt: steps.indexOf('journal') + 1 });
    assert.ok(existsSync(join(out, '.kubegen-write', 'journal.json')));
    const stopped = snapshot(out);
    const check = await runBuild({ spec: [example], out, check: true, include: ['core'] });
    assert.ok(check.status === 'stale' && check.changes.some((c) => c.startsWith('! .kubegen-write')));
    assert.deepEqual(snapshot(out), stopped);
    assert.equal((await runBuild({ spec: [example], out, include: ['core'] })).status, 'unchanged');
    assert.deepEqual(leftovers(out), []);
    assert.equal(readFileSync(join(out, 'NOTES.md'), 'utf8'), 'mine');
    assert.equal(existsSync(join(out, 'example.kubegen.dev')), false);
    for (const f of core.output) assert.equal(readFileSync(join(out, f.path), 'utf8'), f.content, f.path);
  });

  it('generate() writes the preset output and keeps the user files', async () => {
    const out = join(work, 'preset');
    const first = await generate({ specs: [example], out });
    assert.ok(first.written.changed.includes('index.ts'));
    addUserFiles(out);
    const again = await generate({ specs: [example], out });
    assert.deepEqual(again.written.changed, []);
    assert.equal(readFileSync(join(out, 'custom', 'extra.ts'), 'utf8'), 'export {};\n');
  });

  it('a spec with a 301-character version: the same located error from the build, before anything is written', async () => {
    const version = `v1${'a'.repeat(299)}`;
    const spec = join(work, 'long-version.yaml');
    mkdirSync(work, { recursive: true });
    writeFileSync(
      spec,
      readFileSync(example, 'utf8')
        .replaceAll('example.kubegen.dev/v1', `example.kubegen.dev/${version}`)
        .replaceAll('example.kubegen.dev.v1.', `example.kubegen.dev.${version}.`),
    );
    const out = join(work, 'long-build');
    await assert.rejects(
      runBuild({ spec: [spec], out }),
      (err: Error) =>
        /^--out \S+: cannot write example\.kubegen\.dev\/v1a+….*\.ts: the name .* is 304 bytes/.test(err.message) &&
        !err.message.includes('\n'),
    );
    assert.equal(existsSync(out), false);
  });
});
