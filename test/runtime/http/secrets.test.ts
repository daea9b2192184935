// Acceptance 5: no error message, stack, serialized or inspected thrown object, nor any line the runtime logs
// contains a token, password, client key, proxy password or exec credential. Every failure here is driven for
// real over HTTPS on loopback (401, 403, refused connections, TLS failures, failing exec plugins, a server that
// echoes credentials back), through kubeconfig files, and then everything caught is searched for the secrets.
import assert from 'node:assert/strict';
import { closedPort } from '../helpers/wire.ts';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { ApiError, Client, loadKubeConfig, NetworkError, type ClusterConnection } from '@kubegen/runtime';
import { startApiServer, type ApiServer, type RequestAttributes } from '../../../server/index.ts';
import { createCertificateAuthority } from '../../../server/auth/tls.ts';
import { fixtureSpecPaths } from '../../helpers/server.ts';
import { projectRoot } from '../../helpers/shared.ts';
import { startWireServer, type WireServer } from '../helpers/wire.ts';

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

const goodToken = secret('good-token');
const forbiddenToken = secret('forbidden-token');
const badToken = secret('bad-token');
const fileToken = secret('file-token');
const password = secret('password');
const proxyPassword = secret('proxy-password');
const execToken = secret('exec-token');
const execGarbledToken = secret('exec-garbled');
const execFailedToken = secret('exec-failed');

/** Everything a thrown value shows when printed, logged, serialized or inspected, its causes included. */
function renderings(err: unknown): string[] {
  const out = [String(err), inspect(err, { depth: 20, showHidden: true })];
  try {
    out.push(JSON.stringify(err, Object.getOwnPropertyNames(err ?? {})) ?? '');
  } catch {
    // circular: inspect covers it
  }
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++)
    out.push(e.message, e.stack ?? '');
  return out;
}

describe('no secret in errors or logs', () => {
  let server: ApiServer;
  let echo: WireServer;
  let dir: string;
  let clientKey: string;
  let keyLines: string[];
  const thrown: { scenario: string; error: unknown }[] = [];
  const logged: string[] = [];
  const restore: (() => void)[] = [];

  before(async () => {
    server = await startApiServer({
      specs: fixtureSpecPaths(),
      tls: true,
      auth: {
        tokens: { [goodToken]: 'alice', [forbiddenToken]: 'mallory' },
        clientCertificates: true,
        authorize: (a: RequestAttributes) => a.user.username !== 'mallory',
      },
    });
    // A server that echoes what it was sent (credentials included) in its error bodies and warnings.
    echo = await startWireServer((req, res) => {
      const said = `${req.headers.authorization ?? ''} ${req.headers['proxy-authorization'] ?? ''}`;
      res.setHeader('warning', `299 - "you sent ${said.replace(/"/g, '')}"`);
      res.writeHead(req.url.includes('unauthorized') ? 401 : 500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'InternalError',
          message: `rejected ${said}`,
          code: 500,
        }),
      );
    });
    clientKey = server.issueClientCertificate('alice').key;
    keyLines = clientKey.split('\n').filter((l) => l && !l.startsWith('-----'));
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    dir = mkdtempSync(join(projectRoot, 'test', '.work', 'secrets-'));
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) =>
        void logged.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 20 }))).join(' '));
      restore.push(() => (console[method] = original));
    }
    const onWarning = (w: Error) => logged.push(renderings(w).join('\n'));
    process.on('warning', onWarning);
    restore.push(() => process.off('warning', onWarning));
  });
  after(async () => {
    for (const r of restore) r();
    await echo?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A kubeconfig for `server` with this user entry (and cluster overrides); returns the connection it resolves to. */
  let files = 0;
  async function connectionFor(
    user: Record<string, unknown>,
    cluster: Record<string, unknown> = {},
  ): Promise<ClusterConnection> {
    const file = join(dir, `kubeconfig-${files++}`);
    const config = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'c',
          cluster: {
            server: server.url,
            'certificate-authority-data': Buffer.from(server.ca!).toString('base64'),
            ...cluster,
          },
        },
      ],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'ctx',
    };
    writeFileSync(file, stringify(config), { mode: 0o600 });
    return loadKubeConfig({ kubeconfig: file });
  }

  /** Runs one failing call; it must fail, and what it throws is kept for the search. */
  async function fails(
    scenario: string,
    conn: ClusterConnection | Promise<ClusterConnection>,
    path = '/api/v1/namespaces/default/configmaps',
    check?: (err: unknown) => void,
  ): Promise<void> {
    let error: unknown;
    let client: Client | undefined;
    try {
      client = new Client(await conn, { retry: { maxRetries: 1, baseMs: 1, capMs: 2 } });
      await client.request({ verb: 'list', method: 'GET', path });
      assert.fail(`${scenario}: the call succeeded`);
    } catch (err) {
      error = err;
    } finally {
      if (client) logged.push(inspect(client.describe(), { depth: 10 }));
      await client?.destroy();
    }
    check?.(error);
    thrown.push({ scenario, error });
  }

  function plugin(name: string, body: string): string {
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, body);
    chmodSync(file, 0o700);
    return file;
  }
  const execUser = (script: string) => ({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: [script],
      interactiveMode: 'Never',
    },
  });
  const credential = (token: string) =>
    JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } });

  it('drives 401, 403, basic auth, token files, refused connections, TLS failures, proxies and exec plugins', async () => {
    const status = (code: number) => (err: unknown) =>
      assert.ok(err instanceof ApiError && err.status === code, `${String(err)}`);
    await fails('bad token', connectionFor({ token: badToken }), undefined, status(401));
    await fails('forbidden token', connectionFor({ token: forbiddenToken }), undefined, status(403));
    await fails('basic auth', connectionFor({ username: 'alice', password }), undefined, status(401));
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, fileToken);
    await fails('token file', connectionFor({ tokenFile }), undefined, status(401));
    const port = await closedPort();
    await fails(
      'connection refused',
      connectionFor({ token: goodToken }, { server: `https://127.0.0.1:${port}` }),
      undefined,
      (e) => assert.ok(e instanceof NetworkError),
    );
    const otherCa = createCertificateAuthority('not-the-server-ca');
    await fails(
      'unknown CA with a client key',
      connectionFor(
        {
          'client-certificate-data': Buffer.from(server.issueClientCertificate('alice').cert).toString('base64'),
          'client-key-data': Buffer.from(clientKey).toString('base64'),
        },
        { 'certificate-authority-data': Buffer.from(otherCa.cert).toString('base64') },
      ),
      undefined,
      (e) => assert.ok(e instanceof NetworkError && /certificate/i.test(e.message), String(e)),
    );
    const mismatched = server.issueClientCertificate('bob');
    await fails(
      'mismatched client key',
      connectionFor({
        'client-certificate-data': Buffer.from(mismatched.cert).toString('base64'),
        'client-key-data': Buffer.from(clientKey).toString('base64'),
      }),
    );
    await fails(
      'proxy with a password, refused',
      connectionFor({ token: goodToken }, { 'proxy-url': `http://user:${proxyPassword}@127.0.0.1:${port}` }),
      undefined,
      (e) => assert.ok(e instanceof NetworkError, String(e)),
    );

    const rejected = plugin('rejected', `process.stdout.write(${JSON.stringify(credential(execToken))});\n`);
    await fails('exec token rejected twice', connectionFor(execUser(rejected)), undefined, status(401));
    const garbled = plugin(
      'garbled',
      `process.stdout.write(${JSON.stringify(credential(execGarbledToken).slice(0, -5))});\n`,
    );
    await fails('exec plugin answers garbage', connectionFor(execUser(garbled)));
    const failing = plugin(
      'failing',
      `process.stdout.write(${JSON.stringify(credential(execFailedToken))});\nprocess.exitCode = 3;\n`,
    );
    await fails('exec plugin fails', connectionFor(execUser(failing)));

    const echoed = (token: string): ClusterConnection => ({
      server: echo.url,
      namespace: 'default',
      tls: {},
      credentials: {
        kind: 'token',
        headers: async () => ({ authorization: `Bearer ${token}` }),
        secrets: () => [token],
      },
      origin: { kind: 'explicit' },
    });
    await fails('server echoes the token in a 500', echoed(goodToken), '/api/v1/namespaces', status(500));
    await fails('server echoes the token in a 401', echoed(badToken), '/api/v1/unauthorized', status(401));
    assert.ok(
      echo.seen.some((r) => r.headers.authorization === `Bearer ${goodToken}`),
      'the echo server did receive the token',
    );
    assert.ok(thrown.length >= 13);
  });

  it('finds none of them in anything thrown or logged', () => {
    const secrets: [string, string][] = [
      ['good token', goodToken],
      ['forbidden token', forbiddenToken],
      ['bad token', badToken],
      ['token file', fileToken],
      ['password', password],
      ['proxy password', proxyPassword],
      ['exec token', execToken],
      ['garbled exec token', execGarbledToken],
      ['failed exec token', execFailedToken],
      ...keyLines.map((line, i): [string, string] => [`client key line ${i + 1}`, line]),
    ];
    assert.ok(thrown.length > 0 && keyLines.length > 3);
    for (const { scenario, error } of thrown) {
      assert.ok(error !== undefined, `${scenario} threw`);
      for (const text of renderings(error)) {
        for (const [what, value] of secrets)
          assert.ok(!text.includes(value), `${scenario}: the ${what} appears in:\n${text}`);
      }
    }
    for (const line of logged)
      for (const [what, value] of secrets)
        assert.ok(!line.includes(value), `the ${what} appears in a log line:\n${line}`);
    assert.ok(
      logged.some((l) => l.includes('Warning: you sent Bearer [redacted]')),
      'the echoed warning was printed, redacted',
    );
  });
});
