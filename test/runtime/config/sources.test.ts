// Where a connection comes from: in-cluster folders, explicit options, kubectl proxy URLs, and the order in which
// resolveConnection() picks among them (what the caller names, then in-cluster, then the kubeconfig).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  describeOrigin,
  explicitConnection,
  inClusterAvailable,
  inClusterConnection,
  kubectlProxyConnection,
  resolveConnection,
} from '@kubegen/runtime';
import { writeKubeconfig } from '../helpers/auth.ts';

describe('connection sources and the order they are picked in', () => {
  let dir: string;
  let sa: string;
  let kubeconfig: string;
  const service = { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubegen-config-sources-'));
    sa = join(dir, 'sa');
    mkdirSync(sa);
    writeFileSync(join(sa, 'token'), 'sources-sa-token\n');
    writeFileSync(join(sa, 'namespace'), 'from-file');
    kubeconfig = writeKubeconfig(
      join(dir, 'kubeconfig'),
      { server: 'https://kube.example.test:6443' },
      { token: 'sources-token' },
      'from-context',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('in-cluster: an IPv6 service host, no ca.crt (system roots), POD_NAMESPACE over the namespace file', async () => {
    assert.equal(inClusterAvailable({ dir: sa, env: service }), true);
    assert.equal(inClusterAvailable({ dir: join(dir, 'nowhere'), env: service }), false);
    assert.equal(inClusterAvailable({ dir: sa, env: {} }), false);
    const c = await inClusterConnection({ dir: sa, env: service });
    assert.equal(c.server, 'https://[fd00::1]:443');
    assert.equal(c.namespace, 'from-file');
    assert.deepEqual(c.tls, {});
    assert.deepEqual(await c.credentials.headers(), { Authorization: 'Bearer sources-sa-token' });
    assert.equal(
      (await inClusterConnection({ dir: sa, env: { ...service, POD_NAMESPACE: 'from-env' } })).namespace,
      'from-env',
    );
  });

  it('explicit: PEM from files, namespace default, token', async () => {
    writeFileSync(join(dir, 'ca.pem'), 'CA PEM');
    writeFileSync(join(dir, 'cert.pem'), 'CERT PEM');
    writeFileSync(join(dir, 'key.pem'), 'KEY PEM');
    const c = await explicitConnection({
      server: 'https://10.0.0.1:6443/',
      caFile: join(dir, 'ca.pem'),
      certFile: join(dir, 'cert.pem'),
      keyFile: join(dir, 'key.pem'),
      token: 'sources-token',
      tlsServerName: 'kubernetes',
    });
    assert.equal(c.server, 'https://10.0.0.1:6443');
    assert.equal(c.namespace, 'default');
    assert.deepEqual(c.tls, { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM', serverName: 'kubernetes' });
    assert.equal(c.credentials.kind, 'token');
    assert.deepEqual(c.credentials.secrets().sort(), ['KEY PEM', 'sources-token']);
  });

  it('kubectl proxy: plain URL, no credentials', async () => {
    const c = kubectlProxyConnection('http://127.0.0.1:8001/', { namespace: 'apps' });
    assert.deepEqual(
      { server: c.server, namespace: c.namespace, kind: c.credentials.kind, origin: c.origin },
      {
        server: 'http://127.0.0.1:8001',
        namespace: 'apps',
        kind: 'none',
        origin: { kind: 'proxy', url: 'http://127.0.0.1:8001' },
      },
    );
    assert.deepEqual(await c.credentials.headers(), {});
  });

  it('resolveConnection: explicit, then proxy, then a named kubeconfig, then in-cluster, then the kubeconfig', async () => {
    const env = { ...service, KUBECONFIG: kubeconfig };
    const base = { env, inCluster: { dir: sa } };
    const origin = async (o: Parameters<typeof resolveConnection>[0]) => (await resolveConnection(o)).origin.kind;
    assert.equal(
      await origin({ ...base, explicit: { server: 'https://x.test' }, kubectlProxy: 'http://127.0.0.1:8001' }),
      'explicit',
    );
    assert.equal(await origin({ ...base, kubectlProxy: 'http://127.0.0.1:8001' }), 'proxy');
    assert.equal(await origin({ ...base, kubeconfig }), 'kubeconfig');
    assert.equal(await origin({ ...base, context: 'ctx' }), 'kubeconfig');
    assert.equal(await origin(base), 'in-cluster');
    assert.equal(await origin({ ...base, inCluster: false }), 'kubeconfig');
    assert.equal(await origin({ env: { KUBECONFIG: kubeconfig }, inCluster: { dir: sa } }), 'kubeconfig');
    const chosen = await resolveConnection({ env: { KUBECONFIG: kubeconfig }, namespace: 'override' });
    assert.equal(chosen.namespace, 'override');
    assert.equal(describeOrigin(chosen.origin), `kubeconfig context "ctx" (cluster "c", user "u") from ${kubeconfig}`);
    assert.equal((await resolveConnection({ env: { KUBECONFIG: kubeconfig } })).namespace, 'from-context');
  });
});
