// How many connections the client opens: HTTP/2 multiplexes every call, reads and writes alike, over one session;
// over HTTP/1.1 ordinary calls share a capped pool of sockets per origin, while watches and followed streams —
// which hold a socket for minutes — have their own, so they never starve the calls behind them.
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client, noCredentials, type ClientOptions, type ClusterConnection } from '@kubegen/runtime';
import { createCertificateAuthority } from '../../../server/auth/tls.ts';

interface Counted {
  url: string;
  /** Connections (HTTP/2 sessions, or HTTP/1.1 sockets) accepted so far. */
  connections: number;
  close(): Promise<void>;
}

const authority = createCertificateAuthority('connections-test-ca');
const pair = authority.issueServer(['127.0.0.1']);

/** Answers after `delayMs`; a `watch=true` request gets one event and stays open. */
function handler(delayMs: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.includes('watch=true')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'x', resourceVersion: '1' } } })}\n`);
      return;
    }
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind":"Status"}');
    }, delayMs);
  };
}

async function serve(kind: 'h2' | 'h1-tls' | 'h1', delayMs = 20): Promise<Counted> {
  const sockets = new Set<Socket>();
  let server: Server | Http2SecureServer;
  const counted = { connections: 0 } as Counted;
  if (kind === 'h2') {
    const h2 = createSecureServer({ key: pair.key, cert: pair.cert, allowHTTP1: true }, handler(delayMs) as never);
    h2.on('session', () => counted.connections++);
    h2.on('secureConnection', (s: { alpnProtocol?: string | false }) => {
      if (s.alpnProtocol !== 'h2') counted.connections++;
    });
    server = h2;
  } else {
    server =
      kind === 'h1'
        ? createHttpServer(handler(delayMs))
        : createHttpsServer({ key: pair.key, cert: pair.cert }, handler(delayMs));
    server.on(kind === 'h1' ? 'connection' : 'secureConnection', () => counted.connections++);
  }
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  counted.url = `${kind === 'h1' ? 'http' : 'https'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  counted.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return counted;
}

const connection = (server: string): ClusterConnection => ({
  server,
  namespace: 'default',
  tls: { ca: authority.cert },
  credentials: noCredentials,
  origin: { kind: 'explicit' },
});
const client = (server: string, options: ClientOptions = {}) =>
  new Client(connection(server), { retry: false, rateLimit: false, ...options });
const calls = (c: Client, n: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      c.request(
        i % 2
          ? {
              verb: 'create',
              method: 'POST',
              path: '/api/v1/namespaces/default/configmaps',
              body: { kind: 'ConfigMap' },
            }
          : { verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' },
      ),
    ),
  );
const openWatches = async (c: Client, n: number, signal: AbortSignal) => {
  const started: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    started.push(
      new Promise<void>((resolve, reject) => {
        (async () => {
          for await (const _ of c.watch({
            verb: 'watch',
            method: 'GET',
            path: '/api/v1/pods',
            query: { watch: true },
            signal,
          })) {
            resolve();
          }
        })().catch((e: unknown) => (signal.aborted ? resolve() : reject(e)));
      }),
    );
  }
  await Promise.all(started);
};

describe('connections per origin', () => {
  const servers: Counted[] = [];
  before(async () => {
    servers.push(await serve('h2'), await serve('h1'), await serve('h1-tls'));
  });
  after(async () => {
    for (const s of servers) await s.close();
  });

  it('HTTP/2 multiplexes 100 concurrent reads and writes, and open watches, over one session', async () => {
    const [h2] = servers;
    const c = client(h2!.url, { http2: true });
    const stop = new AbortController();
    try {
      h2!.connections = 0;
      await calls(c, 100);
      await openWatches(c, 20, stop.signal);
      await calls(c, 100);
      assert.equal(h2!.connections, 1, `${h2!.connections} sessions`);
    } finally {
      stop.abort();
      await c.destroy();
    }
  });

  it('HTTP/1.1 caps the sockets of ordinary calls per origin by default (and as configured)', async () => {
    const h1 = servers[1]!;
    for (const [options, cap] of [
      [{}, 50],
      [{ connections: 8 }, 8],
    ] as const) {
      const c = client(h1.url, options);
      try {
        h1.connections = 0;
        await calls(c, 400);
        assert.ok(h1.connections <= cap, `${h1.connections} sockets for 400 concurrent calls (cap ${cap})`);
        assert.ok(h1.connections >= Math.min(cap, 4), 'calls still run side by side');
      } finally {
        await c.destroy();
      }
    }
  });

  it('watches beyond the cap never hold up ordinary calls (HTTP/1.1, and HTTP/2 offered to an HTTP/1.1 server)', async () => {
    for (const [server, options] of [
      [servers[1]!, { connections: 4 }],
      [servers[2]!, { connections: 4, http2: true }],
    ] as const) {
      const c = client(server.url, options);
      const stop = new AbortController();
      try {
        await openWatches(c, 12, stop.signal);
        const started = Date.now();
        await calls(c, 20);
        assert.ok(Date.now() - started < 3_000, 'the calls were not queued behind the watches');
      } finally {
        stop.abort();
        await c.destroy();
      }
    }
  });
});
