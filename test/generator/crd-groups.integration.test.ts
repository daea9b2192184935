// Two CRDs of one kind in groups that differ only by `-` against `.` (crd-groups.test.ts): their output compiles.
import { it, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild } from '../../generator/pipeline/run.ts';
import { projectRoot } from '../helpers/shared.ts';
import { typecheck } from '../helpers/typecheck.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'crd-groups');
const work = join(projectRoot, 'test', '.work', `crd-groups-compiled-${process.pid}`);
after(() => rmSync(work, { recursive: true, force: true }));

it('CRDs whose groups differ only by - and .: the code of both compiles', async () => {
  const crd = [join(fixtures, 'a-b.example.com.yaml'), join(fixtures, 'a.b.example.com.yaml')];
  const result = await runBuild({ crd, out: work, stamp: false });
  assert.equal(result.status, 'written');
  assert.deepEqual(typecheck(work), []);
});
