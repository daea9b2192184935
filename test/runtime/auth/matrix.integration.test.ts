// Acceptance 1, the auth matrix over HTTPS: each way of connecting, resolved by runtime/config into a
// ClusterConnection and used by the runtime's Client against the test API server, must reach it as the user the
// server knows for that credential — token, rotated token file, client certificate, basic, in-cluster files,
// explicit options and a real `kubectl proxy`. (Exec plugins: exec.integration.test.ts.)
// Acceptance 5: every error thrown along the way is checked for every secret used.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  NetworkError,
  describeOrigin,
  explicitConnection,
  kubectlProxyConnection,
  loadKubeConfig,
  resolveConnection,
  type ClusterConnection,
} from '@kubegen/runtime';
import { startApiServer, type ApiServer } from '../../../server/index.ts';
import { kubectlSkip } from '../../helpers/kubectl.ts';
import { startConnectProxy, startKubectlProxy, writeKubeconfig } from '../helpers/auth.ts';
import { assertNoSecrets } from '../helpers/secrets.ts';
import { sharedSpecPaths } from '../../helpers/server.ts';
import { sharedSkip } from '../../helpers/shared.ts';

const tokens: Record<string, string | { username: string; groups?: string[] }> = {
  'matrix-static-token-0001': 'token-user',
  'matrix-file-token-0001': 'file-user-1',
  'matrix-sa-token-0001': { username: 'system:serviceaccount:apps:runner', groups: ['system:serviceaccounts'] },
};
const password = 'matrix-basic-password-0001';
const secrets = [
  ...Object.keys(tokens),
  'matrix-file-token-0002',
  'matrix-sa-token-0002',
  'matrix-wrong-token-0001',
  password,
  'matrix-wrong-password-0001',
];

describe('auth matrix over HTTPS through the runtime Client', { skip: sharedSkip || kubectlSkip }, () => {
  let server: ApiServer;
  let dir: string;
  const seen: string[] = [];
  const thrown: unknown[] = [];
  const clients: Client[] = [];

  before(async () => {
    server = await startApiServer({
      specs: sharedSpecPaths(),
      tls: true,
      auth: {
        tokens,
        basic: { 'basic-user': { password, groups: ['basic-group'] } },
        clientCertificates: true,
        authorize: (a) => (seen.push(a.user.username), true),
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'kubegen-auth-matrix-'));
    writeFileSync(join(dir, 'ca.crt'), server.ca!);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.destroy()));
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Who the server says sent a request made with this connection. */
  const whoAmI = async (connection: ClusterConnection): Promise<string> => {
    const client = new Client(connection, { retry: false });
    clients.push(client);
    return whoAmIWith(client);
  };
  const whoAmIWith = async (client: Client): Promise<string> => {
    seen.length = 0;
    const ns = await client.request<{ metadata: { name: string } }>({
      verb: 'get',
      method: 'GET',
      path: '/api/v1/namespaces/default',
    });
    assert.equal(ns.metadata.name, 'default');
    return seen.at(-1)!;
  };
  const rejects401 = async (connection: ClusterConnection) => {
    const err = await whoAmI(connection).then(
      () => assert.fail('expected 401'),
      (e: unknown) => e,
    );
    thrown.push(err);
    assert.ok(err instanceof ApiError && err.status === 401, String(err));
  };
  const kubeconfig = (name: string, user: Record<string, unknown>, namespace?: string) =>
    writeKubeconfig(join(dir, name), { server: server.url, 'certificate-authority': 'ca.crt' }, user, namespace);

  it('token', async () => {
    const connection = await loadKubeConfig({
      kubeconfig: kubeconfig('token', { token: 'matrix-static-token-0001' }, 'team-a'),
    });
    assert.equal(connection.credentials.kind, 'token');
    assert.equal(connection.namespace, 'team-a');
    assert.equal(await whoAmI(connection), 'token-user');
    await rejects401(
      await loadKubeConfig({ kubeconfig: kubeconfig('bad-token', { token: 'matrix-wrong-token-0001' }) }),
    );
  });

  it('tokenFile, rotated mid-run, relative to the kubeconfig', async () => {
    mkdirSync(join(dir, 'tokens'));
    writeFileSync(join(dir, 'tokens', 'current'), 'matrix-file-token-0001\n');
    const connection = await loadKubeConfig({ kubeconfig: kubeconfig('token-file', { tokenFile: 'tokens/current' }) });
    assert.equal(connection.credentials.kind, 'token-file');
    const client = new Client(connection, { retry: false });
    clients.push(client);
    assert.equal(await whoAmIWith(client), 'file-user-1');
    // The issuer rotates the file under the running client. The old token stays valid, so seeing the new user
    // proves the change was noticed, not recovered from through a 401.
    tokens['matrix-file-token-0002'] = 'file-user-2';
    writeFileSync(join(dir, 'tokens', 'current'), 'matrix-file-token-0002\n');
    assert.equal(await whoAmIWith(client), 'file-user-2');
    delete tokens['matrix-file-token-0001'];
    assert.equal(await whoAmIWith(client), 'file-user-2');
    assert.deepEqual(connection.credentials.secrets().sort(), ['matrix-file-token-0001', 'matrix-file-token-0002']);
  });

  it('client certificate, from files and from embedded data', async () => {
    const pair = server.issueClientCertificate('cert-user', ['devs']);
    writeFileSync(join(dir, 'user.crt'), pair.cert);
    writeFileSync(join(dir, 'user.key'), pair.key, { mode: 0o600 });
    const fromFiles = await loadKubeConfig({
      kubeconfig: kubeconfig('cert-files', { 'client-certificate': 'user.crt', 'client-key': './user.key' }),
    });
    assert.equal(fromFiles.credentials.kind, 'client-certificate');
    assert.ok(fromFiles.credentials.secrets().includes(pair.key));
    assert.equal(await whoAmI(fromFiles), 'cert-user');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const embedded = await loadKubeConfig({
      kubeconfig: kubeconfig('cert-data', {
        'client-certificate-data': b64(pair.cert),
        'client-key-data': b64(pair.key),
      }),
    });
    assert.equal(await whoAmI(embedded), 'cert-user');
  });

  it('basic (username / password)', async () => {
    const connection = await loadKubeConfig({ kubeconfig: kubeconfig('basic', { username: 'basic-user', password }) });
    assert.equal(connection.credentials.kind, 'basic');
    assert.equal(await whoAmI(connection), 'basic-user');
    await rejects401(
      await loadKubeConfig({
        kubeconfig: kubeconfig('bad-basic', { username: 'basic-user', password: 'matrix-wrong-password-0001' }),
      }),
    );
  });

  it('in-cluster files in a folder, the token rotated as kubelet does', async () => {
    const sa = join(dir, 'serviceaccount');
    mkdirSync(sa);
    writeFileSync(join(sa, 'token'), 'matrix-sa-token-0001');
    writeFileSync(join(sa, 'ca.crt'), server.ca!);
    writeFileSync(join(sa, 'namespace'), 'apps\n');
    // A kubeconfig is there too: in-cluster still wins, as in client-go, unless a kubeconfig or context is named.
    const env = {
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: String(server.port),
      KUBECONFIG: kubeconfig('also-there', { token: 'matrix-static-token-0001' }),
    };
    const connection = await resolveConnection({ env, inCluster: { dir: sa } });
    assert.deepEqual(connection.origin, {
      kind: 'in-cluster',
      tokenFile: join(sa, 'token'),
      caFile: join(sa, 'ca.crt'),
    });
    assert.equal(connection.namespace, 'apps');
    assert.equal(connection.server, server.url);
    assert.match(describeOrigin(connection.origin), /^in-cluster service account/);
    const client = new Client(connection, { retry: false });
    clients.push(client);
    assert.equal(await whoAmIWith(client), 'system:serviceaccount:apps:runner');
    tokens['matrix-sa-token-0002'] = 'sa-rotated';
    writeFileSync(join(sa, 'token.next'), 'matrix-sa-token-0002');
    renameSync(join(sa, 'token.next'), join(sa, 'token'));
    assert.equal(await whoAmIWith(client), 'sa-rotated');
    delete tokens['matrix-sa-token-0001'];
    const named = await resolveConnection({ env, inCluster: { dir: sa }, context: 'ctx' });
    assert.equal(named.origin.kind, 'kubeconfig');
    assert.equal(await whoAmI(named), 'token-user');
  });

  it('proxy-url: through an HTTP CONNECT proxy', async () => {
    const proxy = await startConnectProxy();
    try {
      const file = writeKubeconfig(
        join(dir, 'proxied'),
        { server: server.url, 'certificate-authority': 'ca.crt', 'proxy-url': proxy.url },
        { token: 'matrix-static-token-0001' },
      );
      const connection = await loadKubeConfig({ kubeconfig: file });
      assert.equal(connection.proxyUrl, proxy.url);
      assert.equal(await whoAmI(connection), 'token-user');
      assert.deepEqual(proxy.tunnels, [`127.0.0.1:${server.port}`]);
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.destroy()));
      await proxy.stop();
    }
  });

  it('cluster TLS settings: insecure-skip-tls-verify, tls-server-name', async () => {
    const insecure = writeKubeconfig(
      join(dir, 'insecure'),
      { server: server.url, 'insecure-skip-tls-verify': true },
      { token: 'matrix-static-token-0001' },
    );
    assert.equal(await whoAmI(await loadKubeConfig({ kubeconfig: insecure })), 'token-user');
    const named = writeKubeconfig(
      join(dir, 'server-name'),
      { server: server.url, 'certificate-authority': 'ca.crt', 'tls-server-name': 'localhost' },
      { token: 'matrix-static-token-0001' },
    );
    assert.equal(await whoAmI(await loadKubeConfig({ kubeconfig: named })), 'token-user');
    // A name the serving certificate does not carry: the handshake fails, so the setting is really used.
    const wrong = writeKubeconfig(
      join(dir, 'wrong-name'),
      { server: server.url, 'certificate-authority': 'ca.crt', 'tls-server-name': 'not-the-server.example' },
      { token: 'matrix-static-token-0001' },
    );
    const err = await whoAmI(await loadKubeConfig({ kubeconfig: wrong })).then(
      () => assert.fail('expected a TLS failure'),
      (e: unknown) => e,
    );
    thrown.push(err);
    assert.ok(err instanceof NetworkError, String(err));
  });

  it('explicit options', async () => {
    const connection = await explicitConnection({
      server: server.url,
      ca: server.ca,
      token: 'matrix-static-token-0001',
      namespace: 'explicit-ns',
    });
    assert.deepEqual(connection.origin, { kind: 'explicit' });
    assert.equal(await whoAmI(connection), 'token-user');
  });

  it('a kubectl-proxy-style plain URL, through a real kubectl proxy', async () => {
    const home = join(dir, 'home');
    mkdirSync(home);
    const proxy = await startKubectlProxy(kubeconfig('proxy', { token: 'matrix-static-token-0001' }), home);
    try {
      const connection = await resolveConnection({ kubectlProxy: proxy.url, inCluster: false });
      assert.deepEqual(connection.origin, { kind: 'proxy', url: proxy.url });
      assert.equal(connection.credentials.kind, 'none');
      assert.match(connection.server, /^http:\/\/127\.0\.0\.1:\d+$/);
      // kubectl proxy adds its own credentials: the server sees the proxy's user.
      assert.equal(await whoAmI(connection), 'token-user');
      assert.equal(await whoAmI(kubectlProxyConnection(`${proxy.url}/`)), 'token-user');
    } finally {
      proxy.stop();
    }
  });

  it('no error thrown above carries a secret', () => {
    assert.ok(thrown.length >= 2);
    for (const err of thrown) assertNoSecrets(err, secrets);
  });
});
