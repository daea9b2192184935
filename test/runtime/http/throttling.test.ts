// Throttling, on both sides. The server's: `Retry-After` read as client-go reads it (whole seconds or an HTTP date;
// `1.5` or `-1` are no Retry-After at all), and a 429 that carries one repeated for any verb, since the server refused
// it before doing anything. The client's own: a token bucket like client-go's QPS and burst, on by default,
// configurable, visible to a hook. And many calls sharing one AbortSignal add one listener to it, not one each.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  Informer,
  noCredentials,
  parseRetryAfter,
  type ClientOptions,
  type RateLimitEvent,
  type RetryEvent,
} from '@kubegen/runtime';
import { startWireServer, type WireServer } from '../helpers/wire.ts';

describe('throttling', () => {
  let wire: WireServer;
  /** Answers queued per path: each request takes the first; then 200. */
  const script = new Map<string, { status: number; retryAfter?: string }[]>();
  before(async () => {
    wire = await startWireServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const next = script.get(url.pathname)?.shift();
      if (next) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (next.retryAfter !== undefined) headers['retry-after'] = next.retryAfter;
        res.writeHead(next.status, headers);
        return void res.end(JSON.stringify({ kind: 'Status', code: next.status, message: 'throttled' }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (url.searchParams.get('watch') === 'true') return; // an open watch
      if (url.pathname.endsWith('/configmaps') && req.method === 'GET') {
        return void res.end('{"kind":"ConfigMapList","metadata":{"resourceVersion":"1"},"items":[]}');
      }
      res.end('{"kind":"ConfigMap"}');
    });
  });
  after(() => wire?.close());

  const client = (options: ClientOptions = {}) =>
    new Client(
      { server: wire.url, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
      { onWarning: false, ...options },
    );
  const seen = (path: string, method: string) =>
    wire.seen.filter((r) => r.url.startsWith(path) && r.method === method).length;

  it('reads Retry-After as whole seconds or an HTTP date; fractions and negatives are none', async () => {
    assert.equal(parseRetryAfter('1.5'), undefined);
    assert.equal(parseRetryAfter('-1'), undefined);
    assert.equal(parseRetryAfter('2'), 2);
    const events: RetryEvent[] = [];
    const c = client({ retry: { baseMs: 40, capMs: 80, onRetry: (e) => events.push(e) } });
    try {
      for (const retryAfter of ['1.5', '-1']) {
        script.set('/api/v1/namespaces/default', [{ status: 503, retryAfter }]);
        await c.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' });
      }
      assert.equal(events.length, 2);
      for (const e of events) {
        assert.equal((e.error as ApiError).retryAfterSeconds, undefined);
        assert.ok(e.delayMs >= 20 && e.delayMs <= 40, `the backoff, not 0 s: ${e.delayMs} ms`);
      }
    } finally {
      await c.close();
    }
  });

  it('repeats a create, update, patch or delete answered 429 with Retry-After, and only that', async () => {
    const events: RetryEvent[] = [];
    const c = client({ retry: { baseMs: 1, onRetry: (e) => events.push(e) } });
    const path = '/api/v1/namespaces/default/configmaps';
    try {
      for (const [verb, method] of [
        ['create', 'POST'],
        ['update', 'PUT'],
        ['patch', 'PATCH'],
        ['delete', 'DELETE'],
      ] as const) {
        const target = `${path}/${verb}`;
        script.set(target, [{ status: 429, retryAfter: '0' }]);
        const before = seen(target, method);
        await c.request({ verb, method, path: target, body: verb === 'delete' ? undefined : { kind: 'ConfigMap' } });
        assert.equal(seen(target, method) - before, 2, `${verb}: sent twice`);
      }
      assert.equal(events.length, 4);
      // A 429 without Retry-After, or a 503 even with one, may come after the server acted: never repeated.
      for (const answer of [{ status: 429 }, { status: 503, retryAfter: '0' }]) {
        const target = `${path}/once-${answer.status}`;
        script.set(target, [answer]);
        const err = await c
          .request({ verb: 'create', method: 'POST', path: target, body: { kind: 'ConfigMap' } })
          .catch((e: unknown) => e);
        assert.ok(err instanceof ApiError && err.status === answer.status, String(err));
        assert.equal(seen(target, 'POST'), 1);
      }
    } finally {
      await c.close();
    }
  });

  it('limits its own rate with a token bucket: on by default, configurable, told to a hook, off when asked', async () => {
    const waits: RateLimitEvent[] = [];
    const c = client({ rateLimit: { qps: 20, burst: 5, onWait: (e) => waits.push(e) } });
    try {
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 15 }, () => c.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/a' })),
      );
      const elapsed = Date.now() - started;
      // A burst of 5 at once, then 10 more at 20 per second: half a second.
      assert.ok(elapsed >= 450, `15 calls took ${elapsed} ms`);
      // Ten wait; on a busy machine a token or two may come back while the fifteen calls are still being made.
      assert.ok(waits.length >= 8 && waits.length <= 10, `${waits.length} calls waited`);
      assert.deepEqual(waits[0]!.path, '/api/v1/namespaces/a');
      assert.ok(waits.at(-1)!.waitMs >= 350, `the last waited ${waits.at(-1)!.waitMs} ms`);
    } finally {
      await c.close();
    }
    const byDefault = client();
    const off = client({ rateLimit: false });
    try {
      assert.deepEqual(byDefault.describe().rateLimit, { qps: 50, burst: 300 });
      assert.equal(off.describe().rateLimit, false);
      const started = Date.now();
      await Promise.all(Array.from({ length: 400 }, () => off.request({ verb: 'get', method: 'GET', path: '/x' })));
      assert.ok(Date.now() - started < 5_000, 'no limit');
    } finally {
      await byDefault.close();
      await off.close();
    }
  });

  it('adds one listener to an AbortSignal however many calls, watches and informers share it', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const c = client({ rateLimit: false });
    const shared = new AbortController();
    try {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          c.request({
            verb: 'get',
            method: 'GET',
            path: `/x/${i}`,
            signal: shared.signal,
            ...(i % 2 ? { timeoutMs: 5_000 } : {}),
          }),
        ),
      );
      const informers = Array.from(
        { length: 12 },
        () => new Informer(c, '/api/v1/namespaces/default/configmaps', { signal: shared.signal }),
      );
      for (const inf of informers) inf.start().catch(() => undefined);
      await Promise.all(informers.map((inf) => inf.synced));
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(
        warnings.map((w) => w.name),
        [],
        warnings.map((w) => w.message).join('; '),
      );
    } finally {
      shared.abort();
      process.off('warning', onWarning);
      await c.destroy();
    }
  });
});
