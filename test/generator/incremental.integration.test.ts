// Kubernetes 1.35 with the shared CRDs, regenerated after real manifests change one after another: each regeneration
// rebuilds the changed group alone, from the record the one before left, and writes the bytes a whole build writes.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runBuild } from '../../generator/pipeline/run.ts';
import { snapshot } from '../helpers/build.ts';
import { scratchCache } from '../helpers/scratch-cache.ts';
import { sharedPath, sharedSkip } from '../helpers/shared.ts';

describe('regenerating 1.35 with the shared CRDs after manifests change', { skip: sharedSkip }, () => {
  const scratch = scratchCache('kubegen-incremental-shared-');
  let dir: string;
  let crds: string;
  let manifests: string[];
  before(() => {
    dir = scratch.dir;
    // Links to the shared manifests; a changed one is a copy.
    crds = join(dir, 'crds');
    const from = sharedPath('crds');
    manifests = readdirSync(from, { recursive: true })
      .map(String)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    for (const f of manifests) {
      mkdirSync(dirname(join(crds, f)), { recursive: true });
      symlinkSync(join(from, f), join(crds, f));
    }
  });

  const build = async (out: string, force = false) => {
    const stages: string[] = [];
    const why: string[] = [];
    const result = await runBuild(
      { spec: [sharedPath('specs', 'v3', 'kubernetes-1.35')], crd: [crds], out, force },
      { onStage: (s) => stages.push(s), onFallback: (w) => why.push(w) },
    );
    assert.equal(result.status, 'written');
    return { stages, why: why.join('; ') };
  };

  /** The manifest's first plain description, reworded. */
  const change = (file: string, n: number) => {
    const text = readFileSync(join(crds, file), 'utf8');
    const changed = text.replace(/^(\s+description: )([A-Za-z])/m, `$1Changed${n} $2`);
    assert.notEqual(changed, text, file);
    rmSync(join(crds, file));
    writeFileSync(join(crds, file), changed);
  };

  it('rebuilds each changed group alone, to the bytes of a whole build', async () => {
    const out = join(dir, 'out');
    await build(out);
    // A sample across projects: every fortieth manifest.
    const sample = manifests.filter((_, i) => i % 40 === 7);
    assert.ok(sample.length >= 3);
    for (const [n, file] of sample.entries()) {
      change(file, n);
      const again = await build(out);
      assert.ok(again.stages.includes('record'), `${file}: ${again.why}`);
      const whole = join(dir, `whole-${n}`);
      await build(whole, true);
      assert.deepEqual(snapshot(out), snapshot(whole), file);
      rmSync(whole, { recursive: true, force: true });
    }
  });
});
