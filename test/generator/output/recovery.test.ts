// What stopped runs left behind is settled by the next write: the hidden folders of the earlier swap-based writer
// (their user files restored), staging folders of dead runs (removed); a live run's is respected.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeOutput } from '../../../generator/pipeline/write.ts';
import { projectRoot } from '../../helpers/shared.ts';
import { leftovers, outputA, outputB, setUp, snapshot, userState, whichOutput } from './fixture.ts';

const work = join(projectRoot, 'test', '.work', 'output-recovery');
const out = join(work, 'out');
const both = { a: outputA, b: outputB };
/** The names the earlier writer gave its temp folder and the previous folder moved aside. */
const temp = join(work, '.out.kubegen-Q7x2Lm');
const aside = `${temp}.old`;

/**
 * What the earlier writer had done when stopped between its two renames: `--out` moved aside, the new folder (the
 * user's files carried into it) beside. Returns the user's state before.
 */
function stoppedMidSwap(): Record<string, string> {
  setUp(out);
  const user = userState(out);
  writeOutput(temp, outputB);
  for (const file of ['NOTES.md', 'secret', 'shared', 'apps/custom', 'empty-dir-of-mine', 'link-of-mine'])
    cpSync(join(out, file), join(temp, file), { recursive: true, verbatimSymlinks: true });
  renameSync(out, aside);
  return user;
}

const hidden = () => readdirSync(work).filter((n) => n.startsWith('.out.'));

/** A process id nothing runs under. */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

describe('settling what stopped runs left', () => {
  before(() => rmSync(work, { recursive: true, force: true }));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('the earlier writer stopped between its renames: --out comes back whole, user files and all', () => {
    const user = stoppedMidSwap();
    writeOutput(out, outputB);
    assert.deepEqual(userState(out), user);
    assert.equal(whichOutput(out, both), 'b');
    assert.deepEqual(hidden(), []);
  });

  it("the earlier writer then made a new --out without the user's files: they are moved back into it", () => {
    const user = stoppedMidSwap();
    writeOutput(join(work, 'fresh'), outputA);
    renameSync(join(work, 'fresh'), out);
    writeOutput(out, outputB);
    const restored = userState(out);
    assert.deepEqual({ ...restored, '.': '' }, { ...user, '.': '' });
    assert.equal(whichOutput(out, both), 'b');
    assert.deepEqual(hidden(), []);
  });

  it('a temp folder the earlier writer left half-written is removed, --out untouched', () => {
    setUp(out);
    mkdirSync(join(temp, 'apps'), { recursive: true });
    writeFileSync(join(temp, 'apps', 'v1.ts'), 'half');
    const before_ = snapshot(out);
    writeOutput(out, outputA);
    assert.deepEqual(snapshot(out), before_);
    assert.deepEqual(hidden(), []);
  });

  it('staging folders of runs that are gone are removed; the output stays as it was', () => {
    setUp(out);
    const before_ = snapshot(out);
    const pid = deadPid();
    for (const dir of ['.kubegen-write', `.kubegen-write.${pid}`]) {
      mkdirSync(join(out, dir, 'new'), { recursive: true });
      writeFileSync(join(out, dir, 'owner.json'), JSON.stringify({ pid, host: hostname() }));
      writeFileSync(join(out, dir, 'new', 'n0'), 'staged, never committed');
    }
    writeOutput(out, outputA);
    assert.deepEqual(leftovers(out), []);
    assert.deepEqual(snapshot(out), before_);
  });

  it("another live run's staging folder: refused, naming the process; nothing touched", () => {
    setUp(out);
    mkdirSync(join(out, '.kubegen-write'));
    writeFileSync(join(out, '.kubegen-write', 'owner.json'), JSON.stringify({ pid: process.ppid, host: hostname() }));
    const before_ = snapshot(out);
    assert.throws(
      () => writeOutput(out, outputB),
      new RegExp(`another kubegen run \\(process ${process.ppid} on .*\\) is writing .*out; wait for it`),
    );
    assert.deepEqual(snapshot(out), before_);
  });

  it('a damaged journal is named, and nothing is touched', () => {
    setUp(out);
    mkdirSync(join(out, '.kubegen-write'));
    writeFileSync(join(out, '.kubegen-write', 'journal.json'), '{"state":"commit","put":[{"path":"../x"}]}');
    const before_ = snapshot(out);
    assert.throws(() => writeOutput(out, outputB), /\.kubegen-write\/journal\.json: not a journal kubegen wrote/);
    assert.deepEqual(snapshot(out), before_);
  });
});
