// kubeconfig resolution as kubectl does it, case by case: only the chosen context's entries are validated (a broken
// user elsewhere in the KUBECONFIG list is not our business), with kubectl's refusals for those; disable-compression;
// an empty token file beside a token; a bare host:port (http); a plain-HTTP server behind proxy-url; an IP tls-server-name.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { Client, KubeConfigError, loadKubeConfig, readKubeConfig, selectContext } from '@kubegen/runtime';
import { createCertificateAuthority } from '../../../server/auth/tls.ts';
import { writeKubeconfig } from '../helpers/auth.ts';

const authority = createCertificateAuthority('kubectl-rules-ca');
const caData = Buffer.from(authority.cert).toString('base64');

describe('kubeconfig as kubectl resolves it', () => {
  let dir: string;
  let n = 0;
  const file = () => join(dir, `config-${n++}`);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubegen-kubectl-rules-'));
    writeFileSync(join(dir, 'ca.crt'), authority.cert);
    writeFileSync(join(dir, 'empty-token'), '\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('validates only the chosen context: a broken user in another file of KUBECONFIG does not matter', async () => {
    const good = file();
    writeKubeconfig(good, { server: 'https://127.0.0.1:6443' }, { token: 'good-token-1234' });
    const broken = file();
    const doc = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'b', cluster: { server: 'https://127.0.0.1:6443' } }],
      users: [{ name: 'plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'plugin' } } }],
      contexts: [{ name: 'broken', context: { cluster: 'b', user: 'plugin' } }],
    };
    writeFileSync(broken, stringify(doc));
    const env = { KUBECONFIG: `${good}:${broken}`, HOME: dir };
    const connection = await loadKubeConfig({ env });
    assert.equal(connection.server, 'https://127.0.0.1:6443');
    await assert.rejects(
      loadKubeConfig({ env, context: 'broken' }),
      (e: unknown) => e instanceof KubeConfigError && /user "plugin": exec interactiveMode must be set/.test(e.message),
    );
    // readKubeConfig and selectContext alone never validate.
    assert.equal(selectContext(await readKubeConfig({ env }), { context: 'broken' }).user.name, 'plugin');
  });

  it('refuses what kubectl refuses: CA file and data, certificate or key file and data, insecure with a CA', async () => {
    const cert = Buffer.from('cert').toString('base64');
    const cases: [Record<string, unknown>, Record<string, unknown>, RegExp][] = [
      [
        { 'certificate-authority': 'ca.crt', 'certificate-authority-data': caData },
        { token: 't' },
        /cluster "c": certificate-authority-data and certificate-authority are both specified/,
      ],
      [
        {},
        { 'client-certificate': 'ca.crt', 'client-certificate-data': cert, 'client-key-data': cert },
        /user "u": client-certificate-data and client-certificate are both specified/,
      ],
      [
        {},
        { 'client-certificate-data': cert, 'client-key': 'ca.crt', 'client-key-data': cert },
        /user "u": client-key-data and client-key are both specified/,
      ],
      [
        { 'insecure-skip-tls-verify': true, 'certificate-authority-data': caData },
        { token: 't' },
        /cluster "c": specifying a root certificates file with the insecure flag is not allowed/,
      ],
      [
        { 'insecure-skip-tls-verify': true, 'certificate-authority': 'ca.crt' },
        { token: 't' },
        /specifying a root certificates file with the insecure flag is not allowed/,
      ],
    ];
    for (const [cluster, user, pattern] of cases) {
      const f = writeKubeconfig(file(), { server: 'https://127.0.0.1:6443', ...cluster }, user);
      await assert.rejects(
        loadKubeConfig({ kubeconfig: f }),
        (e: unknown) => e instanceof KubeConfigError && pattern.test(e.message),
      );
    }
  });

  it('disable-compression: no Accept-Encoding, as kubectl', async () => {
    const f = writeKubeconfig(
      file(),
      { server: 'https://127.0.0.1:6443', 'disable-compression': true },
      { token: 't' },
    );
    const connection = await loadKubeConfig({ kubeconfig: f });
    assert.equal(connection.disableCompression, true);
  });

  it('an empty token file beside a token: the token is used', async () => {
    const f = writeKubeconfig(
      file(),
      { server: 'https://127.0.0.1:6443' },
      { token: 'fallback-token-1234', tokenFile: 'empty-token' },
    );
    const connection = await loadKubeConfig({ kubeconfig: f });
    assert.deepEqual(await connection.credentials.headers(), { Authorization: 'Bearer fallback-token-1234' });
  });

  it('a bare host:port is http, as kubectl reads it (a CA or insecure-skip-tls-verify does not make it https)', async () => {
    for (const extra of [{}, { 'certificate-authority-data': caData }, { 'insecure-skip-tls-verify': true }]) {
      const f = writeKubeconfig(file(), { server: '127.0.0.1:6443', ...extra }, { token: 't' });
      const connection = await loadKubeConfig({ kubeconfig: f });
      assert.equal(connection.server, 'http://127.0.0.1:6443');
      assert.equal(connection.credentials.kind, 'none', 'no credentials over plain HTTP');
    }
  });

  describe('on the wire', () => {
    let api: Server;
    let apiUrl: string;
    let tls: Server;
    let tlsUrl: string;
    let proxy: Server;
    let proxyUrl: string;
    const proxied: { method: string; url: string }[] = [];
    const tunnels: string[] = [];
    const servernames: (string | false)[] = [];
    const acceptEncodings: (string | undefined)[] = [];
    const sockets = new Set<Socket>();
    const track = (s: Server) =>
      s.on('connection', (c: Socket) => (sockets.add(c), c.on('close', () => sockets.delete(c))));
    const answer = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
      acceptEncodings.push(req.headers['accept-encoding']);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind":"Namespace"}');
    };
    const listen = async (s: Server) => {
      track(s);
      await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
      return (s.address() as AddressInfo).port;
    };
    before(async () => {
      api = createHttpServer(answer);
      apiUrl = `http://127.0.0.1:${await listen(api)}`;
      const serving = authority.issueServer(['127.0.0.1']);
      tls = createHttpsServer({ key: serving.key, cert: serving.cert }, answer);
      tls.on('secureConnection', (s: TLSSocket) =>
        servernames.push((s as TLSSocket & { servername: string | false }).servername),
      );
      tlsUrl = `https://127.0.0.1:${await listen(tls)}`;
      // A forward proxy: plain requests in absolute form are passed on; CONNECT is recorded and refused.
      proxy = createHttpServer(async (req, res) => {
        proxied.push({ method: req.method ?? '', url: req.url ?? '' });
        const upstream = await fetch(req.url ?? '', { method: req.method });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? '' });
        res.end(await upstream.text());
      });
      proxy.on('connect', (req, socket: Socket) => {
        tunnels.push(req.url ?? '');
        socket.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      });
      proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
    });
    after(async () => {
      for (const s of sockets) s.destroy();
      for (const s of [api, tls, proxy])
        await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
    });

    const call = async (cluster: Record<string, unknown>, options = {}) => {
      const f = writeKubeconfig(file(), cluster, {});
      const client = new Client(await loadKubeConfig({ kubeconfig: f }), { retry: false, ...options });
      try {
        return await client.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' });
      } finally {
        await client.destroy();
      }
    };

    it('disable-compression sends no Accept-Encoding', async () => {
      acceptEncodings.length = 0;
      await call({ server: apiUrl });
      await call({ server: apiUrl, 'disable-compression': true });
      assert.deepEqual(acceptEncodings, ['gzip', undefined]);
    });

    it('an http:// server behind proxy-url gets a plain GET through the proxy, not a CONNECT', async () => {
      await call({ server: apiUrl, 'proxy-url': proxyUrl });
      assert.deepEqual(tunnels, []);
      assert.deepEqual(proxied, [{ method: 'GET', url: `${apiUrl}/api/v1/namespaces/default` }]);
    });

    it('an IP tls-server-name verifies the certificate against that IP and sends no SNI, without a warning', async () => {
      const warnings: Error[] = [];
      const onWarning = (w: Error) => warnings.push(w);
      process.on('warning', onWarning);
      try {
        const server = tlsUrl.replace('127.0.0.1', 'localhost');
        await call({ server, 'certificate-authority-data': caData, 'tls-server-name': '127.0.0.1' });
        assert.deepEqual(servernames, [false], 'no SNI');
        const wrong = await call({ server, 'certificate-authority-data': caData, 'tls-server-name': '10.9.8.7' }).catch(
          (e: unknown) => e,
        );
        assert.match(String(wrong), /ERR_TLS_CERT_ALTNAME_INVALID|IP: 10\.9\.8\.7 is not in the cert's list/);
        await new Promise((r) => setImmediate(r));
        assert.deepEqual(
          warnings.map((w) => w.message),
          [],
        );
      } finally {
        process.off('warning', onWarning);
      }
    });
  });
});
