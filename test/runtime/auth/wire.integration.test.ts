// What a kubeconfig user puts on the wire — Authorization and Impersonate-* headers — is what the real kubectl
// sends for the same kubeconfig: both are pointed at an HTTPS server that records request headers (and at a
// plain-HTTP one, to which kubectl sends no credentials at all).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, loadKubeConfig } from '@kubegen/runtime';
import { kubectl, kubectlSkip } from '../../helpers/kubectl.ts';
import { createCertificateAuthority } from '../../../server/auth/tls.ts';
import { writeKubeconfig, writePlugin } from '../helpers/auth.ts';

/** The headers a credential or impersonation sets, by lower-case name (repeated headers joined as Node joins them). */
function authHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(h)) {
    if (name === 'authorization' || name.startsWith('impersonate-'))
      out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

describe("credential and impersonation headers equal kubectl's", { skip: kubectlSkip }, () => {
  let https: Server;
  let http: Server;
  let httpsUrl: string;
  let httpUrl: string;
  let ca: string;
  let dir: string;
  const received: IncomingHttpHeaders[] = [];

  const record = (req: IncomingMessage, res: ServerResponse) => {
    // Node folds repeated headers into one value; rawHeaders keeps them, so rebuild repeated ones as lists.
    const headers: IncomingHttpHeaders = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!.toLowerCase();
      const prev = headers[name];
      headers[name] =
        prev === undefined ? req.rawHeaders[i + 1] : ([] as string[]).concat(prev, req.rawHeaders[i + 1]!);
    }
    received.push(headers);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'default' } }));
  };
  const listen = async (server: Server, scheme: string) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  before(async () => {
    const authority = createCertificateAuthority();
    ca = authority.cert;
    const serving = authority.issueServer(['127.0.0.1']);
    https = createHttpsServer({ key: serving.key, cert: serving.cert }, record);
    http = createHttpServer(record);
    httpsUrl = await listen(https, 'https');
    httpUrl = await listen(http, 'http');
    dir = mkdtempSync(join(tmpdir(), 'kubegen-auth-wire-'));
  });
  after(async () => {
    for (const server of [https, http]) {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** kubectl's headers and ours for the same kubeconfig. */
  const both = async (
    name: string,
    user: Record<string, unknown>,
    plain = false,
    extraCluster: Record<string, unknown> = {},
  ) => {
    const cluster = plain
      ? { server: httpUrl }
      : { server: httpsUrl, 'certificate-authority-data': Buffer.from(ca).toString('base64'), ...extraCluster };
    const file = writeKubeconfig(join(dir, `kubeconfig-${name}`), cluster, user);
    received.length = 0;
    const r = await kubectl(['get', '--raw', '/api/v1/namespaces/default'], {
      kubeconfig: file,
      env: { HOME: dir, KUBECTL_KUBERC: 'false' },
    });
    assert.equal(r.code, 0, r.stderr);
    const theirs = authHeaders(received.at(-1)!);
    received.length = 0;
    const client = new Client(await loadKubeConfig({ kubeconfig: file, stdinIsTTY: false }), { retry: false });
    try {
      await client.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' });
    } finally {
      await client.destroy();
    }
    return { theirs, ours: authHeaders(received.at(-1)!) };
  };
  const compare = async (name: string, user: Record<string, unknown>, plain = false) => {
    const { theirs, ours } = await both(name, user, plain);
    assert.deepEqual(ours, theirs);
    return theirs;
  };

  it('bearer token', async () => {
    assert.deepEqual(await compare('token', { token: 'wire-token-0001' }), { authorization: 'Bearer wire-token-0001' });
  });

  it('token file (whitespace trimmed)', async () => {
    writeFileSync(join(dir, 'token-file'), '  wire-token-0002\n');
    assert.deepEqual(await compare('token-file', { tokenFile: 'token-file' }), {
      authorization: 'Bearer wire-token-0002',
    });
  });

  it('token file beside a token: the file wins', async () => {
    writeFileSync(join(dir, 'token-file-2'), 'wire-token-0005');
    assert.deepEqual(await compare('token-and-file', { token: 'wire-token-0006', tokenFile: 'token-file-2' }), {
      authorization: 'Bearer wire-token-0005',
    });
  });

  it('basic, with a colon and non-ASCII in the password', async () => {
    const h = await compare('basic', { username: 'wire-user', password: 'p:ässwörd' });
    assert.match(h.authorization!, /^Basic /);
  });

  it('impersonation: as, as-uid, as-groups, as-user-extra', async () => {
    const h = await compare('impersonation', {
      token: 'wire-token-0003',
      as: 'jane@example.com',
      'as-uid': 'uid-42',
      'as-groups': ['developers', 'on call'],
      'as-user-extra': { 'example.com/scopes': ['read', 'write'], reason: ['audit'] },
    });
    assert.equal(h['impersonate-user'], 'jane@example.com');
  });

  it('to a plain-HTTP server: no credentials at all, impersonation still', async () => {
    const h = await compare('plain', { token: 'wire-token-0004', as: 'jane', 'as-groups': ['devs'] }, true);
    assert.deepEqual(h, { 'impersonate-user': 'jane', 'impersonate-group': 'devs' });
  });

  it('an exec plugin: the same KUBERNETES_EXEC_INFO, args and token', async () => {
    const pluginDir = join(dir, 'plugin');
    mkdirSync(pluginDir);
    const script = writePlugin(pluginDir);
    const extension = { audience: 'wire' };
    const { theirs, ours } = await both(
      'exec',
      {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          interactiveMode: 'IfAvailable',
          provideClusterInfo: true,
          command: process.execPath,
          args: [script, '--flag'],
          env: [{ name: 'PLUGIN_PREFIX', value: 'wire-exec-token' }],
        },
      },
      false,
      { 'tls-server-name': '127.0.0.1', extensions: [{ name: 'client.authentication.k8s.io/exec', extension }] },
    );
    // kubectl ran the plugin first (token -1), we ran it second (-2).
    assert.deepEqual(theirs, { authorization: 'Bearer wire-exec-token-1' });
    assert.deepEqual(ours, { authorization: 'Bearer wire-exec-token-2' });
    const run = (n: number) => JSON.parse(readFileSync(join(pluginDir, `run-${n}.json`), 'utf8')) as unknown;
    assert.deepEqual(run(2), run(1));
    assert.deepEqual(
      (run(1) as { info: { spec: { cluster: { config: unknown } } } }).info.spec.cluster.config,
      extension,
    );
  });
});
