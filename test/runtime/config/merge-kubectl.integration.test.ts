// The kubeconfig merge against kubectl itself, over generated KUBECONFIG lists: the context, cluster, user and
// namespace we select are what `kubectl config view --minify --raw` selects, and where kubectl finds no context
// or no cluster to show, we fail too. (A context naming a missing user is left out: `view --minify` refuses it,
// while kubectl's requests go on anonymously, which is what we do.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { KubeConfigError, readKubeConfig, selectContext } from '@kubegen/runtime';
import { kubectl, kubectlSkip } from '../../helpers/kubectl.ts';
import { kubeconfigList, writeList } from '../helpers/kubeconfig-arbitrary.ts';

const baseDocument = {
  apiVersion: 'v1',
  kind: 'Config',
  clusters: ['a', 'b', 'c', 'd'].map((n) => ({ name: n, cluster: { server: `https://base-${n}.example:6443` } })),
  users: ['a', 'b', 'c', 'd'].map((n) => ({ name: n, user: { token: `token-base-${n}` } })),
};

type Named<T> = { name: string } & T;
interface View {
  contexts: Named<{ context: { cluster: string; user: string; namespace?: string } }>[];
  clusters: Named<{ cluster: { server: string } }>[] | null;
  users: Named<{ user: { token?: string } }>[] | null;
}

describe('kubeconfig merge against kubectl, by property', { skip: kubectlSkip }, () => {
  let dir: string;
  let round = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubegen-merge-kubectl-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('selects what kubectl config view --minify selects', { timeout: 480_000 }, async () => {
    const seen = { compared: 0, refused: 0 };
    // Random lists resolve to a context or are refused in proportions that vary from seed to seed: more rounds of
    // the property until both kinds were seen often enough, five at most.
    for (let batch = 0; batch < 5 && (seen.compared < 10 || seen.refused < 2); batch++)
      await fc.assert(
        fc.asyncProperty(kubeconfigList, fc.boolean(), async ({ files, order }, withBase) => {
          const base = join(dir, `r${round++}`);
          const { list } = writeList(files, order, base);
          // Most lists end with a file defining every cluster and user, so that most contexts resolve.
          if (withBase) {
            writeFileSync(`${base}-base`, stringify(baseDocument));
            list.push(`${base}-base`);
          }
          const env = { KUBECONFIG: list.join(':'), HOME: dir, KUBECTL_KUBERC: 'false' };
          const r = await kubectl(['config', 'view', '--minify', '--raw', '-o', 'json'], { env });
          const ours = await readKubeConfig({ env })
            .then((config) => selectContext(config))
            .catch((e: unknown) => e as Error);
          if (r.code !== 0) {
            if (/cannot locate user/.test(r.stderr)) return;
            assert.ok(
              failedAsKubectl(ours),
              `kubectl refused (${r.stderr.trim()}); we: ${ours instanceof Error ? ours.message : ours.context.name}`,
            );
            seen.refused++;
            return;
          }
          seen.compared++;
          assert.ok(!(ours instanceof Error), `kubectl chose a context; we failed: ${String(ours)}`);
          const view = JSON.parse(r.stdout) as View;
          const context = view.contexts[0]!;
          assert.equal(ours.context.name, context.name);
          assert.equal(ours.cluster.name, context.context.cluster);
          assert.equal(ours.cluster.server, view.clusters?.[0]?.cluster.server);
          assert.equal(ours.user.name, context.context.user);
          assert.equal(ours.user.token, view.users?.[0]?.user.token);
          assert.equal(ours.namespace, context.context.namespace ?? 'default');
        }),
        { numRuns: 60 },
      );
    assert.ok(seen.compared >= 10 && seen.refused >= 2, `too few cases of each kind: ${JSON.stringify(seen)}`);
  });
});

/** Whether our selection failed as kubectl's did: no context chosen, or a context or cluster that is not there. */
function failedAsKubectl(err: unknown): boolean {
  return err instanceof KubeConfigError && /no context chosen|is not defined|no kubeconfig found/.test(err.message);
}
