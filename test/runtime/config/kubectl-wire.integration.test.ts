// kubectl and we, given the same kubeconfig, send the same request — or both refuse to send one. The cases of the
// fault run: impersonation names beyond ASCII (UTF-8 bytes on the wire), disable-compression, a bare host:port, a
// plain-HTTP server behind proxy-url, an IP tls-server-name, an empty token file beside a token, and what kubectl
// refuses (CA, certificate or key as file and data, insecure with a CA file or data), and a broken user in another
// file of KUBECONFIG, which neither refuses.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { Client, loadKubeConfig } from '@kubegen/runtime';
import { createCertificateAuthority } from '../../../server/auth/tls.ts';
import { kubectl, kubectlSkip } from '../../helpers/kubectl.ts';

/** What one request looked like on arrival. */
interface Seen {
  /** Which listener took it: the http or https server, or the forward proxy (with the request line's target). */
  at: string;
  /** Authorization, Impersonate-* and Accept-Encoding, as their bytes arrived (Node gives them as Latin-1 text). */
  headers: Record<string, string>;
  /** The TLS server name the client sent (false: none). */
  servername?: string | false;
}

const authority = createCertificateAuthority('kubectl-wire-ca');
const caData = Buffer.from(authority.cert).toString('base64');

describe('kubectl and we put the same request on the wire', { skip: kubectlSkip }, () => {
  let dir: string;
  let n = 0;
  let seen: Seen[] = [];
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  let httpUrl: string;
  let httpsUrl: string;
  let proxyUrl: string;

  const record = (at: string, req: IncomingMessage, servername?: string | false) => {
    const headers: Record<string, string> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!.toLowerCase();
      if (name === 'authorization' || name === 'accept-encoding' || name.startsWith('impersonate-')) {
        headers[name] =
          headers[name] === undefined ? req.rawHeaders[i + 1]! : `${headers[name]}, ${req.rawHeaders[i + 1]}`;
      }
    }
    seen.push({ at, headers, ...(servername !== undefined ? { servername } : {}) });
  };
  const answer = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"default"}}');
  };
  const listen = async (server: Server) => {
    servers.push(server);
    server.on('connection', (s: Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubegen-kubectl-wire-'));
    writeFileSync(join(dir, 'ca.crt'), authority.cert);
    writeFileSync(join(dir, 'empty-token'), '');
    httpUrl = `http://127.0.0.1:${await listen(createHttpServer((req, res) => (record('http', req), answer(res))))}`;
    const serving = authority.issueServer(['127.0.0.1', 'localhost']);
    const https = createHttpsServer({ key: serving.key, cert: serving.cert }, (req, res) => {
      record('https', req, (req.socket as TLSSocket & { servername: string | false }).servername);
      answer(res);
    });
    httpsUrl = `https://localhost:${await listen(https)}`;
    // A forward proxy: absolute-form requests are passed on to the target; CONNECT is recorded and refused.
    const proxy = createHttpServer((req, res) => {
      record(`proxy ${req.method} ${req.url}`, req);
      const upstream = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.end();
    });
    proxy.on('connect', (req: IncomingMessage, socket: Socket) => {
      seen.push({ at: `proxy CONNECT ${req.url}`, headers: {} });
      socket.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
    });
    proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A kubeconfig of one context, plus more files for KUBECONFIG; returns the KUBECONFIG value. */
  const kubeconfig = (cluster: Record<string, unknown>, user: Record<string, unknown>, more: object[] = []) => {
    const files = [
      {
        'current-context': 'ctx',
        clusters: [{ name: 'c', cluster }],
        users: [{ name: 'u', user }],
        contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
      },
      ...more,
    ].map((doc) => {
      const file = join(dir, `config-${n++}`);
      writeFileSync(file, stringify({ apiVersion: 'v1', kind: 'Config', ...doc }));
      return file;
    });
    return files.join(':');
  };

  /** kubectl's request and ours, for the same KUBECONFIG; `refused` when no request went out. */
  const both = async (list: string) => {
    seen = [];
    const r = await kubectl(['get', '--raw', '/api/v1/namespaces/default'], {
      env: { HOME: dir, KUBECTL_KUBERC: 'false', KUBECONFIG: list },
    });
    const theirs = r.code === 0 ? seen : `refused: ${r.stderr.trim()}`;
    seen = [];
    let ours: Seen[] | string;
    try {
      const client = new Client(await loadKubeConfig({ env: { KUBECONFIG: list, HOME: dir }, stdinIsTTY: false }), {
        retry: false,
      });
      try {
        await client.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' });
        ours = seen;
      } finally {
        await client.destroy();
      }
    } catch (err) {
      ours = `refused: ${(err as Error).message}`;
    }
    return { theirs, ours };
  };
  const same = async (list: string) => {
    const { theirs, ours } = await both(list);
    assert.deepEqual(ours, theirs);
    return ours as Seen[];
  };

  it('impersonation names beyond ASCII: the same UTF-8 bytes', async () => {
    const [req] = await same(
      kubeconfig(
        { server: httpUrl },
        {
          as: 'jöhn',
          'as-uid': 'ユーザー',
          'as-groups': ['開発', 'ops'],
          'as-user-extra': { 'example.com/理由': ['監査'] },
        },
      ),
    );
    assert.equal(req!.headers['impersonate-user'], Buffer.from('jöhn').toString('latin1'));
  });

  // Over TLS with a user (a user without credentials makes kubectl ask for one on the terminal). Over plain HTTP
  // kubectl sends Accept-Encoding anyway — client-go leaves its transport at Go's default there — while we honour it.
  const tls = { server: '', 'certificate-authority-data': caData };
  const token = { token: 'wire-token-2468' };

  it('disable-compression: no Accept-Encoding', async () => {
    const [plain] = await same(kubeconfig({ ...tls, server: httpsUrl }, token));
    assert.equal(plain!.headers['accept-encoding'], 'gzip');
    const [off] = await same(kubeconfig({ ...tls, server: httpsUrl, 'disable-compression': true }, token));
    assert.equal(off!.headers['accept-encoding'], undefined);
  });

  it('a bare host:port is plain HTTP, even with a CA, and carries no credentials', async () => {
    for (const extra of [{}, { 'certificate-authority-data': caData }]) {
      const [req] = await same(kubeconfig({ server: httpUrl.replace('http://', ''), ...extra }, token));
      assert.deepEqual([req!.at, req!.headers.authorization], ['http', undefined]);
    }
  });

  it('a plain-HTTP server behind proxy-url: an absolute-form GET through the proxy', async () => {
    const reqs = await same(kubeconfig({ server: httpUrl, 'proxy-url': proxyUrl }, {}));
    assert.deepEqual(
      reqs.map((r) => r.at),
      [`proxy GET ${httpUrl}/api/v1/namespaces/default`, 'http'],
    );
  });

  it('an IP tls-server-name: no SNI, the certificate checked against the IP', async () => {
    const [req] = await same(kubeconfig({ ...tls, server: httpsUrl, 'tls-server-name': '127.0.0.1' }, token));
    assert.equal(req!.servername, false);
    const named = await same(kubeconfig({ ...tls, server: httpsUrl, 'tls-server-name': 'localhost' }, token));
    assert.equal(named[0]!.servername, 'localhost');
  });

  it('an empty token file beside a token: the token', async () => {
    const [req] = await same(
      kubeconfig(
        { server: httpsUrl, 'certificate-authority-data': caData },
        { token: 'static-token-5678', tokenFile: 'empty-token' },
      ),
    );
    assert.equal(req!.headers.authorization, 'Bearer static-token-5678');
  });

  it('what kubectl refuses, we refuse: CA, certificate or key as file and data, insecure with a CA', async () => {
    const cert = Buffer.from('not a certificate').toString('base64');
    for (const [cluster, user, why] of [
      [
        { 'certificate-authority': join(dir, 'ca.crt'), 'certificate-authority-data': caData },
        token,
        /certificate-authority-data and certificate-authority are both specified/,
      ],
      [
        { 'certificate-authority-data': caData },
        { 'client-certificate': join(dir, 'ca.crt'), 'client-certificate-data': cert, 'client-key-data': cert },
        /client-cert(ificate)?-data and client-cert(ificate)? are both specified/,
      ],
      [
        { 'certificate-authority-data': caData },
        { 'client-certificate-data': cert, 'client-key': join(dir, 'ca.crt'), 'client-key-data': cert },
        /client-key-data and client-key are both specified/,
      ],
      [
        { 'insecure-skip-tls-verify': true, 'certificate-authority-data': caData },
        token,
        /specifying a root certificates file with the insecure flag is not allowed/,
      ],
      [
        { 'insecure-skip-tls-verify': true, 'certificate-authority': join(dir, 'ca.crt') },
        token,
        /specifying a root certificates file with the insecure flag is not allowed/,
      ],
    ] as const) {
      const { theirs, ours } = await both(kubeconfig({ server: httpsUrl, ...cluster }, user));
      assert.match(String(theirs), /^refused: /, `kubectl sent ${JSON.stringify(theirs)}`);
      assert.match(String(theirs), why);
      assert.match(String(ours), /^refused: /, `we sent ${JSON.stringify(ours)}`);
      assert.match(String(ours), why);
    }
  });

  it('a broken user in another file of KUBECONFIG stops neither', async () => {
    const broken = {
      clusters: [{ name: 'b', cluster: { server: httpUrl } }],
      users: [{ name: 'plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'plugin' } } }],
      contexts: [{ name: 'broken', context: { cluster: 'b', user: 'plugin' } }],
    };
    const [req] = await same(kubeconfig({ server: httpUrl }, {}, [broken]));
    assert.equal(req!.at, 'http');
  });
});
