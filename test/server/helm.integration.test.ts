// helm 4, a second real client no one here wrote, against the test API server: the chart `helm create` makes is
// installed, upgraded, rolled back and uninstalled, with helm's release records stored as Secrets and its objects
// applied server-side, as on a cluster.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { helm, helmSkip, kubectlSkip } from '../helpers/kubectl.ts';
import { suiteKubectlSession } from '../helpers/server.ts';
import { sharedSkip } from '../helpers/shared.ts';

describe('helm against the test API server', { skip: sharedSkip || kubectlSkip || helmSkip }, () => {
  const s = suiteKubectlSession();
  let chart = '';

  async function ok(args: string[]): Promise<string> {
    const r = await helm([...args, '--kube-apiserver', s.server.url]);
    assert.equal(r.code, 0, `helm ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }
  async function kubectlJson(args: string[]): Promise<Record<string, any>> {
    const r = await s.run([...args, '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, any>;
  }
  const history = async () =>
    (JSON.parse(await ok(['history', 'web', '-o', 'json'])) as { revision: number; status: string }[]).map((h) => [
      h.revision,
      h.status,
    ]);

  before(async () => {
    const dir = mkdtempSync(join(s.dir, 'helm-'));
    chart = join(dir, 'demo');
    const created = await helm(['create', chart]);
    assert.equal(created.code, 0, created.stderr);
  });

  it('installs a chart: its objects, applied by helm, and the release record', async () => {
    assert.match(await ok(['install', 'web', chart]), /STATUS: deployed/);
    const deployment = await kubectlJson(['get', 'deployment', 'web-demo', '--show-managed-fields']);
    assert.equal(deployment.spec.replicas, 1);
    assert.equal(deployment.metadata.labels['app.kubernetes.io/managed-by'], 'Helm');
    assert.ok(
      deployment.metadata.managedFields.some(
        (f: { manager: string; operation: string }) => f.manager === 'helm' && f.operation === 'Apply',
      ),
    );
    assert.equal((await kubectlJson(['get', 'service', 'web-demo'])).spec.ports[0].port, 80);
    assert.equal(
      (await kubectlJson(['get', 'serviceaccount', 'web-demo'])).metadata.annotations['meta.helm.sh/release-name'],
      'web',
    );
    const record = await kubectlJson(['get', 'secret', 'sh.helm.release.v1.web.v1']);
    assert.equal(record.type, 'helm.sh/release.v1');
    assert.deepEqual(await history(), [[1, 'deployed']]);
    const again = await helm(['install', 'web', chart, '--kube-apiserver', s.server.url]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /cannot reuse a name that is still in use|cannot re-use a name that is still in use/);
  });

  it('upgrades and rolls back, each a new revision', async () => {
    await ok(['upgrade', 'web', chart, '--set', 'replicaCount=3', '--set', 'service.port=8080']);
    assert.equal((await kubectlJson(['get', 'deployment', 'web-demo'])).spec.replicas, 3);
    assert.equal((await kubectlJson(['get', 'service', 'web-demo'])).spec.ports[0].port, 8080);
    await ok(['rollback', 'web', '1']);
    assert.equal((await kubectlJson(['get', 'deployment', 'web-demo'])).spec.replicas, 1);
    assert.equal((await kubectlJson(['get', 'service', 'web-demo'])).spec.ports[0].port, 80);
    assert.deepEqual(await history(), [
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'deployed'],
    ]);
  });

  it('uninstalls: the objects and the release records are gone', async () => {
    await ok(['uninstall', 'web']);
    assert.match((await s.run(['get', 'deployment', 'web-demo'])).stderr, /NotFound/);
    assert.match((await s.run(['get', 'service', 'web-demo'])).stderr, /NotFound/);
    assert.equal((await s.run(['get', 'secrets', '-l', 'owner=helm', '-o', 'name'])).stdout.trim(), '');
    assert.equal((await ok(['list', '-q'])).trim(), '');
  });
});
