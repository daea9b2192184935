// Two CRDs of one kind in groups that differ only by `-` against `.` (`a-b.example.com`, `a.b.example.com`):
// kube-apiserver serves both side by side and derives the same operationIds for them, so both must generate, with
// distinct ids, modules and factories, whatever order the manifests come in. That the output compiles:
// crd-groups.integration.test.ts.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild } from '../../generator/pipeline/run.ts';
import { projectRoot } from '../helpers/shared.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'crd-groups');
const crds = [join(fixtures, 'a-b.example.com.yaml'), join(fixtures, 'a.b.example.com.yaml')];
const work = join(projectRoot, 'test', '.work', `crd-groups-${process.pid}`);

async function build(crd: string[], out: string) {
  const result = await runBuild({ crd, out, stamp: false });
  assert.equal(result.status, 'written');
  // Without a stamp there is no cached build: the model was built.
  return result.status === 'written' && result.model ? { ...result, model: result.model } : assert.fail();
}

describe('CRDs whose groups differ only by - and .', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it('both generate: distinct operationIds, each on its own group', async () => {
    const out = join(work, 'out');
    const { model, output } = await build(crds, out);
    const ids = model.operations.map((o) => o.operationId);
    assert.equal(new Set(ids).size, ids.length);
    for (const op of model.operations) {
      assert.ok(op.operationId.endsWith(`@${op.apiGroup}/${op.version}`), op.operationId);
      assert.ok(op.path.startsWith(`/apis/${op.apiGroup}/`), op.path);
    }
    assert.deepEqual(
      model.groups.map((g) => g.name),
      ['a-b.example.com', 'a.b.example.com'],
    );
    const index = output.find((f) => f.path === 'index.ts')!.content;
    assert.match(
      index,
      /export \{ a_bExampleComV1, type A_bExampleComV1Client \} from '\.\/a-b\.example\.com\/v1\.js';/,
    );
    assert.match(
      index,
      /export \{ aBExampleComV1, type ABExampleComV1Client \} from '\.\/a\.b\.example\.com\/v1\.js';/,
    );
    for (const group of ['a-b.example.com', 'a.b.example.com']) {
      const module = output.find((f) => f.path === `${group}/v1.ts`)!.content;
      assert.ok(
        module.includes(`'${group}/v1'`) || module.includes(`"${group}/v1"`),
        `${group}/v1.ts names its apiVersion`,
      );
    }
  });

  it('the output is the same whichever manifest comes first', async () => {
    const a = await build(crds, join(work, 'ab'));
    const b = await build([...crds].reverse(), join(work, 'ba'));
    assert.deepEqual(
      b.output.map((f) => [f.path, f.content]),
      a.output.map((f) => [f.path, f.content]),
    );
  });
});
