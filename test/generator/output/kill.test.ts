// A write stopped at any instant — dead, after each of its steps, during a rollback, or at random moments — leaves
// a folder that the next run turns into the old or the new output, never a mix, with every user file, mode and
// folder time as it was.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST, prepareOutput, writeOutput } from '../../../generator/pipeline/write.ts';
import { projectRoot } from '../../helpers/shared.ts';
import { bigOutput, leftovers, outputA, outputB, setUp, userState, whichOutput } from './fixture.ts';
import { transpileWriter, writeInWorker, writeUntilTerminated } from './stop.ts';

const work = join(projectRoot, 'test', '.work', 'output-kill');
const out = join(work, 'out');
const both = { old: outputA, new: outputB };

/** The next run settles the folder; it must hold one whole output and the user's files as they were. */
function settled(user: Record<string, string>, outputs: Record<string, Map<string, string>> = both): string {
  prepareOutput(out, 'write');
  assert.deepEqual(leftovers(out), []);
  assert.deepEqual(userState(out), user);
  return whichOutput(out, outputs);
}

/** The steps of a whole write of B over A. */
function stepsOfWrite(): string[] {
  setUp(out);
  const steps: string[] = [];
  writeOutput(out, outputB, { afterStep: (what) => void steps.push(what) });
  return steps;
}

describe('a write stopped at any instant', () => {
  let writer: string;
  let names: string[];
  let steps: number;
  before(() => {
    rmSync(work, { recursive: true, force: true });
    writer = transpileWriter(join(work, 'writer'));
    names = stepsOfWrite();
    steps = names.length;
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('stopped dead after each step: the next run finds the old output, then from the commit on the new one', async () => {
    assert.ok(steps >= 15, `a write of B over A takes ${steps} steps`);
    const seen: string[] = [];
    for (let n = 1; n <= steps; n++) {
      setUp(out);
      const user = userState(out);
      const run = await writeInWorker(writer, out, outputB, { stopAt: n });
      assert.equal(run.finished, false, `step ${n}: stopped`);
      seen.push(settled(user));
      writeOutput(out, outputB);
      assert.equal(whichOutput(out, both), 'new');
      assert.deepEqual(userState(out), user);
    }
    // Old until the journal is on disk, new from then on: never back and forth.
    const firstNew = seen.indexOf('new');
    assert.ok(firstNew > 0, seen.join(' '));
    assert.deepEqual(seen.slice(firstNew), seen.slice(firstNew).fill('new'), seen.join(' '));
  });

  /** For each step, what a write failing there leaves: the old output (rolled back) or the new (committed). */
  const outcomes: string[] = [];

  it('failing after each step: the write throws and the folder is as it was, or the output is whole', () => {
    for (let failAt = 1; failAt <= steps; failAt++) {
      setUp(out);
      const user = userState(out);
      let taken = 0;
      let failed = false;
      try {
        writeOutput(out, outputB, {
          afterStep: () => {
            if (++taken === failAt) throw new Error('injected failure');
          },
        });
      } catch (err) {
        assert.match((err as Error).message, /injected failure/);
        failed = true;
      }
      // A rollback leaves nothing behind; a failure while tidying up after the manifest leaves it to the next run.
      if (!failed) prepareOutput(out, 'write');
      assert.deepEqual(leftovers(out), [], `step ${failAt}`);
      assert.deepEqual(userState(out), user, `step ${failAt}`);
      outcomes[failAt] = whichOutput(out, both);
      assert.equal(outcomes[failAt], failed ? 'old' : 'new', `step ${failAt}`);
    }
    assert.ok(outcomes.includes('old') && outcomes.includes('new'));
  });

  it('stopped dead while rolling back a failed write: the next run ends the rollback', async () => {
    assert.equal(outcomes.length, steps + 1, 'the failing test ran first');
    // Failing from the journal on (1-based steps) rolls back; before it, the staging folder is only dropped.
    const journal = names.indexOf('journal') + 1;
    assert.equal(outcomes.lastIndexOf('old'), names.indexOf(`put ${MANIFEST}`) + 1);
    for (let failAt = journal; failAt <= outcomes.lastIndexOf('old'); failAt++) {
      for (const stopAt of [failAt + 1, failAt + 3]) {
        setUp(out);
        const user = userState(out);
        await writeInWorker(writer, out, outputB, { failAt, stopAt });
        assert.equal(settled(user), outcomes[failAt], `failed after step ${failAt}, stopped after ${stopAt}`);
      }
    }
  });

  it('a first write into a new folder, stopped dead after each step: the next run finishes it or starts afresh', async () => {
    const fresh = join(work, 'fresh');
    for (let n = 1; ; n++) {
      rmSync(fresh, { recursive: true, force: true });
      const run = await writeInWorker(writer, fresh, outputA, { stopAt: n });
      if (run.finished) break;
      writeOutput(fresh, outputB);
      assert.equal(whichOutput(fresh, both), 'new', `stopped after step ${n}`);
      assert.deepEqual(leftovers(fresh), []);
    }
  });

  it('a first write failing after each step leaves no folder behind, or the whole output', () => {
    const fresh = join(work, 'new-parent', 'fresh');
    for (let failAt = 1; ; failAt++) {
      rmSync(join(work, 'new-parent'), { recursive: true, force: true });
      let taken = 0;
      try {
        writeOutput(fresh, outputA, {
          afterStep: () => {
            if (++taken === failAt) throw new Error('injected failure');
          },
        });
      } catch {
        assert.equal(existsSync(join(work, 'new-parent')), false, `failed after step ${failAt}`);
        continue;
      }
      prepareOutput(fresh, 'write');
      assert.equal(whichOutput(fresh, both), 'old');
      if (taken < failAt) break;
    }
  });

  it('terminated at random moments while writing two outputs in turn, over 12 rounds', async () => {
    const outputs = { a: bigOutput('a', 120), b: bigOutput('b', 100) };
    const seed = Number(process.env.KUBEGEN_TEST_SEED ?? Date.now() % 100_000);
    let state = seed;
    const random = () => ((state = (state * 48271) % 2147483647) / 2147483647) * 60;
    for (let round = 0; round < 12; round++) {
      setUp(out, outputs.a);
      const user = userState(out);
      await writeUntilTerminated(writer, out, [outputs.b, outputs.a], random());
      assert.ok(['a', 'b'].includes(settled(user, outputs)), `seed ${seed}, round ${round}`);
    }
  });
});
