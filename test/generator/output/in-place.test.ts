// A regeneration changes kubegen's files inside the existing folder and nothing else: the folder keeps its inode,
// the user's folders their modes and times, unchanged files are not rewritten, a replaced file keeps its mode.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutput } from '../../../generator/pipeline/write.ts';
import { projectRoot } from '../../helpers/shared.ts';
import { leftovers, outputA, outputB, setUp, snapshot, userState, whichOutput } from './fixture.ts';

const work = join(projectRoot, 'test', '.work', 'output-in-place');
const out = join(work, 'out');

describe('a regeneration in place', () => {
  before(() => rmSync(work, { recursive: true, force: true }));
  after(() => rmSync(work, { recursive: true, force: true }));

  it("keeps --out's inode and the user's files, folders (0700, 0750), their modes and times", () => {
    setUp(out);
    const user = userState(out);
    const result = writeOutput(out, outputB);
    assert.deepEqual(userState(out), user);
    assert.equal(whichOutput(out, { a: outputA, b: outputB }), 'b');
    assert.deepEqual(result.removed, ['batch/v1.ts']);
    assert.equal(existsSync(join(out, 'batch')), false);
    assert.deepEqual(leftovers(out), []);
    assert.deepEqual(
      readdirSync(work).filter((n) => n.includes('kubegen')),
      [],
    );
  });

  it('leaves unchanged files untouched and keeps the mode of a file it replaces', () => {
    setUp(out);
    chmodSync(join(out, 'index.ts'), 0o444);
    const meta = lstatSync(join(out, 'meta.ts'));
    const result = writeOutput(out, outputB);
    assert.deepEqual(result.changed.sort(), [
      'apps/v1.ts',
      'index.ts',
      'networking.k8s.io/v1.ts',
      'networking.k8s.io/v1beta1.ts',
    ]);
    const after_ = lstatSync(join(out, 'meta.ts'));
    assert.equal(after_.ino, meta.ino);
    assert.equal(after_.mtimeMs, meta.mtimeMs);
    assert.equal(statSync(join(out, 'index.ts')).mode & 0o777, 0o444);
  });

  it('writing the same output again changes nothing at all', () => {
    setUp(out);
    writeOutput(out, outputB);
    const before_ = snapshot(out);
    const folder = statSync(out).mtimeMs;
    assert.deepEqual(writeOutput(out, outputB).changed, []);
    assert.deepEqual(snapshot(out), before_);
    assert.equal(statSync(out).mtimeMs, folder);
  });
});
