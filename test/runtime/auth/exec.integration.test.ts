// Acceptance 1, exec credential plugins over HTTPS: a plugin script the test writes, run as kubectl runs it
// (args, env, KUBERNETES_EXEC_INFO with the cluster when asked), its credential cached until expirationTimestamp
// and fetched again after a 401; a plugin may hand out a client certificate. Failures are clear, name the
// kubeconfig and user, and never carry what the plugin printed (acceptance 5).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  ExecCredentialError,
  ExecPluginError,
  loadKubeConfig,
  type ClusterConnection,
  type KubeConfigOptions,
} from '@kubegen/runtime';
import { startApiServer, type ApiServer } from '../../../server/index.ts';
import { writeKubeconfig, writePlugin } from '../helpers/auth.ts';
import { assertNoSecrets } from '../helpers/secrets.ts';
import { fixtureSpecPaths } from '../../helpers/server.ts';

const tokens: Record<string, string> = {};
// Every token a plugin may print (`<prefix>-N`) is known to the server up front; tests revoke some.
for (const prefix of ['exec-v1-secret', 'exec-beta-secret', 'exec-refresh-secret', 'exec-parallel-secret'])
  for (let n = 1; n <= 9; n++) tokens[`${prefix}-${n}`] = `user-${prefix}`;

interface Run {
  info: { apiVersion: string; kind: string; spec: { interactive: boolean; cluster?: Record<string, unknown> } };
  args: string[];
}

describe('exec credential plugins over HTTPS through the runtime Client', () => {
  let server: ApiServer;
  let dir: string;
  let n = 0;
  const seen: string[] = [];
  const clients: Client[] = [];

  before(async () => {
    server = await startApiServer({
      specs: fixtureSpecPaths(),
      tls: true,
      auth: { tokens, clientCertificates: true, authorize: (a) => (seen.push(a.user.username), true) },
    });
    dir = mkdtempSync(join(tmpdir(), 'kubegen-auth-exec-'));
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.destroy()));
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh plugin folder and a kubeconfig whose user runs the plugin with these settings. */
  const setup = (exec: Record<string, unknown>, env: Record<string, string>, cluster: Record<string, unknown> = {}) => {
    const pluginDir = join(dir, `plugin-${n++}`);
    mkdirSync(pluginDir);
    const script = writePlugin(pluginDir);
    const file = writeKubeconfig(
      join(pluginDir, 'kubeconfig'),
      { server: server.url, 'certificate-authority-data': Buffer.from(server.ca!).toString('base64'), ...cluster },
      {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          interactiveMode: 'Never',
          command: process.execPath,
          args: [script, '--from-test'],
          env: Object.entries(env).map(([name, value]) => ({ name, value })),
          ...exec,
        },
      },
    );
    const runs = () =>
      existsSync(join(pluginDir, 'count')) ? Number(readFileSync(join(pluginDir, 'count'), 'utf8')) : 0;
    const run = (i: number) => JSON.parse(readFileSync(join(pluginDir, `run-${i}.json`), 'utf8')) as Run;
    return { file, pluginDir, runs, run };
  };
  const client = async (
    file: string,
    options: KubeConfigOptions = {},
  ): Promise<{ client: Client; connection: ClusterConnection }> => {
    const connection = await loadKubeConfig({ kubeconfig: file, stdinIsTTY: false, ...options });
    const c = new Client(connection, { retry: false });
    clients.push(c);
    return { client: c, connection };
  };
  const whoAmI = async (c: Client): Promise<string> => {
    seen.length = 0;
    await c.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' });
    return seen.at(-1)!;
  };

  it('v1: args, env and KUBERNETES_EXEC_INFO with the cluster; the credential is cached', async () => {
    const extension = { audience: 'kubegen-test' };
    const p = setup(
      { provideClusterInfo: true },
      { PLUGIN_PREFIX: 'exec-v1-secret' },
      { 'tls-server-name': 'localhost', extensions: [{ name: 'client.authentication.k8s.io/exec', extension }] },
    );
    const { client: c, connection } = await client(p.file);
    assert.equal(connection.credentials.kind, 'exec');
    assert.equal(p.runs(), 0, 'the plugin runs on the first request, not on load');
    assert.equal(await whoAmI(c), 'user-exec-v1-secret');
    assert.equal(await whoAmI(c), 'user-exec-v1-secret');
    assert.equal(p.runs(), 1);
    const run = p.run(1);
    assert.deepEqual(run.args, ['--from-test']);
    assert.deepEqual(run.info, {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      spec: {
        interactive: false,
        cluster: {
          server: server.url,
          'tls-server-name': 'localhost',
          'certificate-authority-data': Buffer.from(server.ca!).toString('base64'),
          config: extension,
        },
      },
    });
    assert.deepEqual(connection.credentials.secrets(), ['exec-v1-secret-1']);
  });

  it('v1beta1: no cluster info unless asked; run again once expirationTimestamp passes', async () => {
    const p = setup(
      { apiVersion: 'client.authentication.k8s.io/v1beta1', interactiveMode: undefined },
      { PLUGIN_PREFIX: 'exec-beta-secret', PLUGIN_TTL_MS: '3000' },
    );
    const { client: c } = await client(p.file);
    assert.equal(await whoAmI(c), 'user-exec-beta-secret');
    assert.equal(await whoAmI(c), 'user-exec-beta-secret');
    assert.equal(p.runs(), 1, 'cached while unexpired');
    assert.deepEqual(p.run(1).info, {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      spec: { interactive: false },
    });
    await sleep(3100);
    assert.equal(await whoAmI(c), 'user-exec-beta-secret');
    assert.equal(p.runs(), 2, 'expired, so asked again');
  });

  it('refreshed after a 401: the server starts rejecting the first token', async () => {
    const p = setup({}, { PLUGIN_PREFIX: 'exec-refresh-secret' });
    const { client: c } = await client(p.file);
    assert.equal(await whoAmI(c), 'user-exec-refresh-secret');
    delete tokens['exec-refresh-secret-1'];
    assert.equal(await whoAmI(c), 'user-exec-refresh-secret');
    assert.equal(p.runs(), 2);
    // A fresh credential that is refused too: one retry, then the 401 — no loop.
    for (let i = 2; i <= 9; i++) delete tokens[`exec-refresh-secret-${i}`];
    const err = await whoAmI(c).then(
      () => assert.fail('expected 401'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApiError && err.status === 401);
    assert.equal(p.runs(), 3);
    assertNoSecrets(
      err,
      Array.from({ length: 9 }, (_, i) => `exec-refresh-secret-${i + 1}`),
    );
  });

  it('concurrent requests share one plugin run', async () => {
    const p = setup({}, { PLUGIN_PREFIX: 'exec-parallel-secret' });
    const { client: c } = await client(p.file);
    await Promise.all(
      Array.from({ length: 6 }, () => c.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' })),
    );
    assert.equal(p.runs(), 1);
  });

  it('a plugin that hands out a client certificate', async () => {
    const p = setup({}, { PLUGIN_MODE: 'cert' });
    const pair = server.issueClientCertificate('exec-cert-user', ['plugins']);
    writeFileSync(join(p.pluginDir, 'cert.pem'), pair.cert);
    writeFileSync(join(p.pluginDir, 'key.pem'), pair.key);
    const { client: c, connection } = await client(p.file);
    assert.equal(await whoAmI(c), 'exec-cert-user');
    assert.deepEqual(connection.credentials.secrets(), [pair.key]);
  });

  it('failures: a missing command with its installHint, a failing run, output that is not a credential', async () => {
    const failures: [Record<string, unknown>, Record<string, string>, RegExp][] = [
      [
        { command: 'kubegen-no-such-plugin', args: [], installHint: 'Install it with: brew install no-such-plugin' },
        {},
        /user "u": exec plugin "kubegen-no-such-plugin": executable not found\n\nInstall it with: brew install no-such-plugin$/,
      ],
      [{}, { PLUGIN_MODE: 'fail' }, /exec plugin ".*": failed with exit code 3$/],
      [
        {},
        { PLUGIN_MODE: 'garbage', PLUGIN_PREFIX: 'exec-garbage-secret' },
        /exec plugin ".*": its output is not JSON$/,
      ],
    ];
    for (const [exec, env, pattern] of failures) {
      const p = setup(exec, env);
      const { client: c } = await client(p.file);
      const err = await whoAmI(c).then(
        () => assert.fail('expected a plugin error'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof ExecCredentialError && err instanceof ExecPluginError, String(err));
      assert.match(err.message, pattern);
      assert.ok(err.message.startsWith(`${p.file}: user "u": `), err.message);
      assertNoSecrets(err, ['exec-garbage-secret']);
    }
  });

  it('interactiveMode Always without a terminal', async () => {
    const p = setup({ interactiveMode: 'Always' }, { PLUGIN_PREFIX: 'exec-v1-secret' });
    const { client: c } = await client(p.file, { stdinIsTTY: false });
    await assert.rejects(whoAmI(c), /interactiveMode is Always but standard input is not a terminal/);
    assert.equal(p.runs(), 0);
  });
});
