// What the HTTP client puts on the wire and how it reads what comes back: user agent, impersonation, content
// negotiation, a server path prefix, gzip, Warning headers, HTTP/2, TLS settings, a CONNECT proxy, a client
// certificate that changes at run time, and a refreshed credential after a 401.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  isUnauthorized,
  NetworkError,
  runtimeVersion,
  type CallSite,
  type ClusterConnection,
  type Credentials,
} from '@kubegen/runtime';
import { startApiServer, type ApiServer, type RequestAttributes } from '../../../server/index.ts';
import { fixtureSpecPaths } from '../../helpers/server.ts';
import { connectionTo, TestToken } from '../helpers/client.ts';
import { startConnectProxy, startWireServer, type SeenRequest, type WireServer } from '../helpers/wire.ts';

const explicit = (server: string, extra: Partial<ClusterConnection> = {}): ClusterConnection => ({
  server,
  namespace: 'default',
  tls: {},
  credentials: { kind: 'none', headers: async () => ({}), secrets: () => [] },
  origin: { kind: 'explicit' },
  ...extra,
});

const wantsGzip = (req: SeenRequest) => String(req.headers['accept-encoding'] ?? '').includes('gzip');

describe('runtime client: the wire', () => {
  let wire: WireServer;
  before(async () => {
    wire = await startWireServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname.endsWith('/warned')) {
        res.setHeader('warning', [
          '299 - "apps/v1beta1 Deployment is deprecated"',
          '299 - "unknown field \\"spec.x\\"", 299 - "second, with a comma"',
        ]);
      }
      if (url.searchParams.get('watch') === 'true') {
        const events =
          Array.from({ length: 50 }, (_, i) =>
            JSON.stringify({ type: 'ADDED', object: { metadata: { name: `o${i}`, resourceVersion: String(i + 1) } } }),
          ).join('\n') + '\n';
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(events));
        return;
      }
      if (url.pathname.endsWith('/log')) {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(gzipSync('line 1\nline 2\n'));
        return;
      }
      const body = JSON.stringify({ kind: 'Echo', path: url.pathname, big: 'x'.repeat(5000) });
      if (wantsGzip(req)) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(body));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      }
    });
  });
  after(() => wire?.close());

  it('sends the user agent, credentials, impersonation, accept and content type, below the server path prefix', async () => {
    const credentials: Credentials = {
      kind: 'token',
      headers: async () => ({ authorization: 'Bearer wire-token-1234' }),
      secrets: () => ['wire-token-1234'],
    };
    const client = new Client(
      explicit(`${wire.url}/k8s/`, {
        credentials,
        impersonate: {
          user: 'jane',
          uid: 'u-1',
          groups: ['devs', 'ops'],
          extra: { 'acme.com/Scopes': ['view', 'edit'] },
        },
      }),
    );
    try {
      const echo = await client.request<{ path: string; big: string }>({
        verb: 'create',
        method: 'POST',
        path: '/api/v1/namespaces/a/configmaps',
        body: { kind: 'ConfigMap' },
        query: { dryRun: ['All'], pretty: true, skipped: undefined, labelSelector: 'a in (x,y)' },
      });
      assert.equal(echo.path, '/k8s/api/v1/namespaces/a/configmaps');
      assert.equal(echo.big.length, 5000);
      const seen = wire.seen.at(-1)!;
      assert.equal(
        seen.url,
        '/k8s/api/v1/namespaces/a/configmaps?dryRun=All&pretty=true&labelSelector=a%20in%20(x%2Cy)',
      );
      assert.equal(
        seen.headers['user-agent'],
        `kubegen/${runtimeVersion} (${process.platform}/${process.arch}) node/${process.version}`,
      );
      assert.equal(seen.headers['accept-encoding'], 'gzip');
      assert.equal(seen.headers.accept, 'application/json');
      assert.equal(seen.headers['content-type'], 'application/json');
      assert.equal(seen.headers.authorization, 'Bearer wire-token-1234');
      assert.equal(seen.headers['impersonate-user'], 'jane');
      assert.equal(seen.headers['impersonate-uid'], 'u-1');
      assert.equal(seen.headers['impersonate-group'], 'devs, ops', 'Node joins the two header lines');
      assert.equal(seen.headers['impersonate-extra-acme.com%2fscopes'], 'view, edit');
      assert.deepEqual(JSON.parse(seen.body), { kind: 'ConfigMap' });
      assert.deepEqual(client.describe().impersonating, 'jane');
    } finally {
      await client.close();
    }
  });

  it('decompresses gzipped JSON, streams and watches, and can leave compression off', async () => {
    const client = new Client(explicit(wire.url));
    const plain = new Client(explicit(wire.url), { compression: false });
    try {
      const echo = await client.request<{ big: string }>({ verb: 'get', method: 'GET', path: '/api/v1/namespaces' });
      assert.equal(echo.big, 'x'.repeat(5000));
      const chunks: Buffer[] = [];
      for await (const chunk of await client.stream({
        verb: 'get',
        method: 'GET',
        path: '/api/v1/namespaces/a/pods/p/log',
        accept: 'text/plain',
      }))
        chunks.push(Buffer.from(chunk));
      assert.equal(Buffer.concat(chunks).toString(), 'line 1\nline 2\n');
      const names: string[] = [];
      for await (const ev of client.watch<{ metadata: { name: string } }>({
        verb: 'watch',
        method: 'GET',
        path: '/api/v1/pods',
        query: { watch: true },
      }))
        if (ev.type !== 'ERROR') names.push(ev.object.metadata.name);
      assert.equal(names.length, 50);
      assert.equal(names[49], 'o49');
      await plain.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces' });
      assert.equal(wire.seen.at(-1)!.headers['accept-encoding'], undefined);
    } finally {
      await client.close();
      await plain.close();
    }
  });

  it('hands every Warning to the hook, and by default prints each distinct text once', async () => {
    const seen: [string, CallSite][] = [];
    const hooked = new Client(explicit(wire.url), { onWarning: (text, site) => seen.push([text, site]) });
    const printed: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void printed.push(args.join(' '));
    const quiet = new Client(explicit(wire.url));
    try {
      await hooked.request({ verb: 'get', method: 'GET', path: '/apis/apps/v1beta1/warned' });
      assert.deepEqual(
        seen.map(([text]) => text),
        ['apps/v1beta1 Deployment is deprecated', 'unknown field "spec.x"', 'second, with a comma'],
      );
      assert.deepEqual(seen[0]![1], { verb: 'get', method: 'GET', path: '/apis/apps/v1beta1/warned' });
      for (let i = 0; i < 3; i++)
        await quiet.request({ verb: 'get', method: 'GET', path: '/apis/apps/v1beta1/warned' });
    } finally {
      console.warn = original;
      await hooked.close();
      await quiet.close();
    }
    assert.deepEqual(printed, [
      'Warning: apps/v1beta1 Deployment is deprecated',
      'Warning: unknown field "spec.x"',
      'Warning: second, with a comma',
    ]);
  });
});

describe('runtime client: TLS and HTTP/2', () => {
  let h2: WireServer;
  let watchClosedAt = 0;
  before(async () => {
    h2 = await startWireServer(
      (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url.startsWith('/watch')) {
          res.on('close', () => (watchClosedAt = Date.now()));
          res.write(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: req.httpVersion } } })}\n`);
          return; // an open stream on one HTTP/2 connection
        }
        res.end(JSON.stringify({ httpVersion: req.httpVersion }));
      },
      { tls: true },
    );
  });
  after(() => h2?.close());
  const version = async (conn: ClusterConnection, http2 = false) => {
    const client = new Client(conn, { http2, retry: false });
    try {
      return (await client.request<{ httpVersion: string }>({ verb: 'get', method: 'GET', path: '/version' }))
        .httpVersion;
    } finally {
      await client.close();
    }
  };

  it('speaks HTTP/2 only when asked and the server offers it', async () => {
    assert.equal(await version(explicit(h2.url, { tls: { ca: h2.ca } }), true), '2.0');
    assert.equal(await version(explicit(h2.url, { tls: { ca: h2.ca } })), '1.1');
  });

  it('streams a watch over HTTP/2 and ends only that stream on abort', async () => {
    const client = new Client(explicit(h2.url, { tls: { ca: h2.ca } }), { http2: true });
    const controller = new AbortController();
    let abortedAt = 0;
    const names: string[] = [];
    try {
      const err = await (async () => {
        for await (const ev of client.watch<{ metadata: { name: string } }>({
          verb: 'watch',
          method: 'GET',
          path: '/watch',
          signal: controller.signal,
        })) {
          if (ev.type !== 'ERROR') names.push(ev.object.metadata.name);
          abortedAt = Date.now();
          controller.abort(new Error('enough'));
        }
      })().catch((e: unknown) => e);
      assert.equal((err as Error).message, 'enough');
      assert.deepEqual(names, ['2.0']);
      for (let i = 0; i < 25 && watchClosedAt === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(watchClosedAt > 0 && watchClosedAt - abortedAt < 300, 'the server saw the stream reset');
      const again = await client.request<{ httpVersion: string }>({ verb: 'get', method: 'GET', path: '/version' });
      assert.equal(again.httpVersion, '2.0', 'other calls carry on over HTTP/2');
    } finally {
      await client.close();
    }
  });

  it('verifies the server against the CA and tls-server-name, unless told to skip verification', async () => {
    assert.equal(
      await version(explicit(h2.url, { tls: { ca: new TextEncoder().encode(h2.ca!), serverName: 'localhost' } })),
      '1.1',
    );
    const unknownCa = await version(explicit(h2.url)).catch((e: unknown) => e);
    assert.ok(unknownCa instanceof NetworkError, String(unknownCa));
    assert.match(String(unknownCa.code), /SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/);
    assert.ok(unknownCa.cause instanceof Error);
    const wrongName = await version(explicit(h2.url, { tls: { ca: h2.ca, serverName: 'elsewhere.example' } })).catch(
      (e: unknown) => e,
    );
    assert.ok(wrongName instanceof NetworkError, String(wrongName));
    assert.equal(wrongName.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.equal(await version(explicit(h2.url, { tls: { insecureSkipTlsVerify: true } })), '1.1');
  });
});

describe('runtime client: against the test API server', () => {
  let server: ApiServer;
  const users: string[] = [];
  before(async () => {
    server = await startApiServer({
      specs: fixtureSpecPaths(),
      tls: true,
      auth: {
        tokens: { 'good-token-abcdef': 'token-user' },
        clientCertificates: true,
        authorize: (a: RequestAttributes) => (users.push(a.user.username), true),
      },
    });
  });
  after(() => server?.stop());
  const namespaces = { verb: 'list', method: 'GET', path: '/api/v1/namespaces' } as const;

  it('tunnels through a proxy-url with CONNECT', async () => {
    const proxy = await startConnectProxy();
    const withUser = proxy.url.replace('http://', 'http://proxy-user:proxy-pass%2F1@');
    const client = new Client(connectionTo(server, { token: 'good-token-abcdef', proxyUrl: withUser }));
    try {
      const list = await client.request<{ items: unknown[] }>(namespaces);
      assert.ok(list.items.length >= 4);
      assert.deepEqual(proxy.tunnels, [
        {
          target: `127.0.0.1:${server.port}`,
          authorization: `Basic ${Buffer.from('proxy-user:proxy-pass/1').toString('base64')}`,
        },
      ]);
      assert.equal(client.describe().proxy, proxy.url, 'described without its user and password');
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('builds a new TLS agent when the dynamic client certificate changes', async () => {
    const alice = server.issueClientCertificate('alice');
    const bob = server.issueClientCertificate('bob');
    let current = alice;
    const credentials: Credentials = {
      kind: 'exec',
      headers: async () => ({}),
      clientCertificate: async () => ({ cert: current.cert, key: current.key }),
      secrets: () => [current.key],
    };
    const client = new Client(connectionTo(server, { credentials }));
    try {
      users.length = 0;
      await client.request(namespaces);
      await client.request(namespaces);
      current = bob;
      await client.request(namespaces);
      assert.deepEqual(users, ['alice', 'alice', 'bob']);
    } finally {
      await client.close();
    }
  });

  it('refreshes the credential after a 401 and repeats the request once, even a create', async () => {
    const token = new TestToken('stale-token-000000', () => 'good-token-abcdef');
    const client = new Client(connectionTo(server, { credentials: token }));
    try {
      await client.request({
        verb: 'create',
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-refresh' } },
      });
      assert.equal(token.refreshes, 1);
      const hopeless = new TestToken('stale-token-111111');
      const other = new Client(connectionTo(server, { credentials: hopeless }));
      const err = await other.request(namespaces).catch((e: unknown) => e);
      await other.close();
      assert.ok(err instanceof ApiError && isUnauthorized(err), String(err));
      assert.equal(hopeless.refreshes, 1, 'one refresh, no loop');
    } finally {
      await client.close();
    }
  });
});
