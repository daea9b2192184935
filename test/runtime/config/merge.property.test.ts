// Properties of the kubeconfig merge, over generated KUBECONFIG lists (overlapping names, files missing, the same
// file twice): the first file to define a cluster, user or context name wins it; current-context comes from the
// first file that sets one; a missing file is skipped and a repeated one read once — compared with a model of
// kubectl's rule written independently here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { readKubeConfig } from '@kubegen/runtime';
import { kubeconfigList, type GeneratedFile, writeList } from '../helpers/kubeconfig-arbitrary.ts';

/** kubectl's merge, as a model: each name's entry from the first file that defines it; the first current-context. */
function model(files: GeneratedFile[]) {
  const winner = (list: 'clusters' | 'users' | 'contexts') => {
    const out = new Map<string, { file: number; marker: string }>();
    files.forEach((f, i) => {
      for (const e of f[list]) if (!out.has(e.name)) out.set(e.name, { file: i, marker: e.marker });
    });
    return out;
  };
  return {
    current: files.find((f) => f.current)?.current,
    clusters: winner('clusters'),
    users: winner('users'),
    contexts: winner('contexts'),
  };
}

describe('kubeconfig merge, by property', () => {
  let dir: string;
  let round = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubegen-merge-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("matches kubectl's first-file-wins rule for every list of files", async () => {
    await fc.assert(
      fc.asyncProperty(kubeconfigList, async ({ files, order }) => {
        // The list as KUBECONFIG gives it: files in `order`, repeats allowed, missing ones left in.
        const { paths, list } = writeList(files, order, join(dir, `r${round++}`));
        const config = await readKubeConfig({ env: { KUBECONFIG: list.join(':'), HOME: dir } });
        // Read: each listed file once, in order, missing ones skipped.
        const read = [...new Set(list)].filter((p) => files[paths.indexOf(p)] !== undefined);
        const want = model(read.map((p) => files[paths.indexOf(p)]!));
        assert.deepEqual(config.files, read);
        assert.equal(config.currentContext, want.current);
        for (const [name, w] of want.clusters) {
          assert.deepEqual(
            [config.clusters.get(name)?.file, config.clusters.get(name)?.server],
            [read[w.file], w.marker],
          );
        }
        for (const [name, w] of want.users) {
          assert.deepEqual([config.users.get(name)?.file, config.users.get(name)?.token], [read[w.file], w.marker]);
        }
        for (const [name, w] of want.contexts) {
          assert.deepEqual(
            [config.contexts.get(name)?.file, config.contexts.get(name)?.namespace],
            [read[w.file], w.marker],
          );
        }
        assert.deepEqual(
          [config.clusters.size, config.users.size, config.contexts.size],
          [want.clusters.size, want.users.size, want.contexts.size],
        );
      }),
      { numRuns: 150 },
    );
  });
});
