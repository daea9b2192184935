// What `--out` may name: refused targets get a one-line reason before any input is read and leave everything as it
// was; a symlinked folder is written through.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { runBuild } from '../../../generator/pipeline/run.ts';
import { MANIFEST, readManifest, writeOutput } from '../../../generator/pipeline/write.ts';
import { projectRoot } from '../../helpers/shared.ts';
import { files, outputA, outputB } from './fixture.ts';

const work = join(projectRoot, 'test', '.work', 'output-target');
const example = join(projectRoot, 'examples', 'widgets-api.yaml');

/** A one-line error matching `reason`. */
function refused(reason: RegExp): (err: unknown) => boolean {
  return (err) => {
    const message = (err as Error).message;
    assert.match(message, reason);
    assert.equal(message.split('\n').length, 1, message);
    assert.doesNotMatch(
      message,
      /\.kubegen-write|\.kubegen-[A-Za-z0-9]{6}([/']|$)|ENAMETOOLONG|ENOTDIR|scandir/,
      message,
    );
    return true;
  };
}

describe('the output folder named by --out', () => {
  before(() => rmSync(work, { recursive: true, force: true }));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('/ is refused at once, without walking the file system, also by --check', async () => {
    const started = Date.now();
    assert.throws(() => writeOutput('/', outputA), refused(/^--out \/: refusing to write into the root folder/));
    await assert.rejects(runBuild({ spec: [example], out: '/' }), refused(/root folder/));
    await assert.rejects(runBuild({ spec: [example], out: '/', check: true }), refused(/root folder/));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('a symlink to / is refused as / is', () => {
    mkdirSync(work, { recursive: true });
    symlinkSync('/', join(work, 'to-root'));
    assert.throws(() => writeOutput(join(work, 'to-root'), outputA), refused(/root folder/));
  });

  it('the home folder is refused, even when empty; a folder inside it is fine', () => {
    const home = join(work, 'home');
    mkdirSync(home, { recursive: true });
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      assert.throws(() => writeOutput(home, outputA), refused(/refusing to write into the home folder/));
      assert.deepEqual(readdirSync(home), []);
      writeOutput(join(home, 'k8s'), outputA);
      assert.deepEqual(readManifest(join(home, 'k8s')).sort(), [...outputA.keys()].sort());
    } finally {
      process.env.HOME = saved;
    }
  });

  it('a file is refused with a clear reason (not a raw ENOTDIR), by a write and by --check, and stays as it was', async () => {
    const file = join(work, 'a-file');
    mkdirSync(work, { recursive: true });
    writeFileSync(file, 'mine');
    const reason = /^--out \S*a-file is a file, not a folder/;
    assert.throws(() => writeOutput(file, outputA), refused(reason));
    await assert.rejects(runBuild({ spec: [example], out: file }), refused(reason));
    await assert.rejects(runBuild({ spec: [example], out: file, check: true }), refused(reason));
    assert.equal(readFileSync(file, 'utf8'), 'mine');
    assert.throws(() => writeOutput(join(file, 'sub'), outputA), refused(/a-file is not a folder/));
  });

  it('a folder of files kubegen did not write is refused, naming some; nothing is written there', async () => {
    const project = join(work, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{}');
    writeFileSync(join(project, 'README.md'), 'hello');
    const reason = /^--out \S*project holds files kubegen did not write \(README\.md, package\.json, src\) and no /;
    assert.throws(() => writeOutput(project, outputA), refused(reason));
    await assert.rejects(runBuild({ spec: [example], out: project }), refused(reason));
    assert.deepEqual(readdirSync(project).sort(), ['README.md', 'package.json', 'src']);
  });

  it('an empty folder, or one holding only hidden files (.git, .gitignore), is written into and they stay', () => {
    const repo = join(work, 'fresh-repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
    writeOutput(repo, outputA);
    assert.equal(readFileSync(join(repo, '.gitignore'), 'utf8'), 'node_modules\n');
    assert.ok(existsSync(join(repo, MANIFEST)));
    mkdirSync(join(work, 'empty'));
    writeOutput(join(work, 'empty'), outputA);
    assert.ok(existsSync(join(work, 'empty', MANIFEST)));
  });

  it('a symlinked folder is written through: the target receives the files and the link stays', () => {
    const real = join(work, 'real');
    const link = join(work, 'link');
    mkdirSync(real, { recursive: true });
    symlinkSync('real', link);
    writeOutput(link, outputA);
    writeOutput(link, outputB);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), 'real');
    assert.deepEqual(readManifest(real).sort(), [...outputB.keys()].sort());
    assert.equal(readFileSync(join(real, 'apps/v1.ts'), 'utf8'), outputB.get('apps/v1.ts'));
    assert.deepEqual(
      readdirSync(work).filter((n) => n.includes('kubegen')),
      [],
    );
  });

  it('a symlink to nowhere is refused, naming where it points', () => {
    symlinkSync('nowhere', join(work, 'dangling'));
    assert.throws(
      () => writeOutput(join(work, 'dangling'), outputA),
      refused(/dangling is a symbolic link to nowhere, which does not exist/),
    );
  });

  it('a symlinked folder of the user inside the output is not written through', () => {
    const out = join(work, 'inner-link');
    const elsewhere = join(work, 'elsewhere');
    writeOutput(out, files({ 'index.ts': 'a' }));
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, 'apps'));
    assert.throws(() => writeOutput(out, outputA), refused(/apps was not written by kubegen/));
    assert.deepEqual(readdirSync(elsewhere), []);
  });

  it('a name too long for a file system is a located error, not a raw ENAMETOOLONG naming a temp folder', () => {
    const out = join(work, 'long');
    const version = `v1${'a'.repeat(299)}`;
    assert.throws(
      () => writeOutput(out, files({ 'index.ts': 'a', [`example.com/${version}.ts`]: 'b' })),
      refused(
        /^--out \S*long: cannot write example\.com\/v1a+….*\.ts: the name v1a+…a+\.ts is 304 bytes, longer than the 255/,
      ),
    );
    assert.equal(existsSync(out), false);
  });
});
