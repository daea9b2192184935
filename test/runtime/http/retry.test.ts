// Retries and cancellation: a 429/503 storm ridden out within the configured budget, Retry-After honoured,
// requests that are not safe to repeat sent exactly once, and aborted or timed-out calls (a hung answer, a slow
// server, a watch, a watch stuck past its timeoutSeconds) stopping their socket work promptly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  isNotFound,
  isServiceUnavailable,
  isTooManyRequests,
  NetworkError,
  TimeoutError,
  WatchStalledError,
  type RetryEvent,
  type RetryOptions,
} from '@kubegen/runtime';
import { startApiServer, type ApiServer } from '../../../server/index.ts';
import { fixtureSpecPaths } from '../../helpers/server.ts';
import { connectionTo } from '../helpers/client.ts';
import { startWireServer, type WireServer } from '../helpers/wire.ts';

const configmaps = '/api/v1/namespaces/default/configmaps';
const list = { verb: 'list', method: 'GET', path: configmaps } as const;
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });

describe('runtime client: retries', () => {
  let server: ApiServer;
  before(async () => {
    server = await startApiServer({ specs: fixtureSpecPaths(), tls: true, auth: true });
  });
  after(() => server?.stop());
  const clientWith = (retry: RetryOptions, events: RetryEvent[]) =>
    new Client(connectionTo(server, { token: server.credentials.token }), {
      retry: { ...retry, onRetry: (e) => events.push(e) },
    });

  it('rides out a 503/429 storm within the budget: capped exponential backoff with jitter, Retry-After when given', async () => {
    server.clearFaults();
    server.injectFault({
      match: { verb: 'list', resource: 'configmaps' },
      fault: { type: 'error', code: 503 },
      times: 4,
    });
    server.injectFault({
      match: { verb: 'list', resource: 'configmaps' },
      fault: { type: 'throttle', retryAfterSeconds: 0 },
      times: 3,
    });
    const events: RetryEvent[] = [];
    const client = clientWith({ maxRetries: 8, budgetMs: 3_000, baseMs: 20, capMs: 100 }, events);
    const started = Date.now();
    try {
      const answer = await client.request<{ kind: string }>(list);
      const elapsed = Date.now() - started;
      assert.equal(answer.kind, 'ConfigMapList');
      assert.equal(events.length, 7, 'four 503s and three 429s, each followed by one retry');
      assert.deepEqual(
        events.map((e) => e.attempt),
        [1, 2, 3, 4, 5, 6, 7],
      );
      assert.ok(events.slice(0, 4).every((e) => isServiceUnavailable(e.error)));
      // Attempt n waits between half the ceiling and the ceiling; the ceiling doubles from 20 ms up to the 100 ms cap.
      const backoffs = events.slice(0, 4).map((e) => e.delayMs);
      const ceilings = [20, 40, 80, 100];
      backoffs.forEach((d, i) =>
        assert.ok(d >= ceilings[i]! / 2 && d <= ceilings[i]!, `backoff ${i + 1}: ${d} ms, ceiling ${ceilings[i]}`),
      );
      assert.ok(
        events.slice(4).every((e) => isTooManyRequests(e.error) && e.delayMs === 0),
        'Retry-After: 0 is honoured over the backoff',
      );
      assert.ok(elapsed >= backoffs.reduce((a, b) => a + b, 0), `waited the backoffs (${elapsed} ms)`);
      assert.ok(elapsed < 3_000, `within the 3 s budget (${elapsed} ms)`);
    } finally {
      await client.close();
    }
  });

  it('waits as long as a Retry-After in seconds asks', async () => {
    server.clearFaults();
    server.injectFault({ match: { verb: 'get' }, fault: { type: 'throttle', retryAfterSeconds: 1 }, times: 1 });
    const events: RetryEvent[] = [];
    const client = clientWith({ budgetMs: 5_000 }, events);
    const started = Date.now();
    try {
      await client.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' });
      assert.deepEqual(
        events.map((e) => e.delayMs),
        [1000],
      );
      assert.ok(Date.now() - started >= 1000);
    } finally {
      await client.close();
    }
  });

  it('gives up with the last error once the budget or the retry count is spent', async () => {
    server.clearFaults();
    server.injectFault({
      match: { verb: 'list', resource: 'configmaps' },
      fault: { type: 'error', code: 503, message: 'storm without end' },
    });
    const events: RetryEvent[] = [];
    const budgeted = clientWith({ maxRetries: 100, budgetMs: 800, baseMs: 20, capMs: 40 }, events);
    const counted = clientWith({ maxRetries: 2, baseMs: 1, capMs: 2 }, events);
    try {
      let started = Date.now();
      const err = await budgeted.request(list).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      assert.ok(
        err instanceof ApiError && err.status === 503 && err.statusMessage === 'storm without end',
        String(err),
      );
      assert.ok(events.length >= 3, `retried within the budget (${events.length})`);
      // Without the budget, 100 retries of up to 40 ms would take over 4 s; slack for a busy machine, where each
      // answer can itself take a hundred milliseconds.
      assert.ok(elapsed < 800 + 1200, `stopped at the budget (${elapsed} ms)`);
      events.length = 0;
      started = Date.now();
      await assert.rejects(counted.request(list), isServiceUnavailable);
      assert.equal(events.length, 2);
      // A Retry-After beyond the budget is not waited for at all.
      server.clearFaults();
      server.injectFault({
        match: { verb: 'list', resource: 'configmaps' },
        fault: { type: 'throttle', retryAfterSeconds: 30 },
      });
      events.length = 0;
      started = Date.now();
      await assert.rejects(budgeted.request(list), isTooManyRequests);
      assert.equal(events.length, 0);
      assert.ok(Date.now() - started < 10_000, 'did not wait 30 s');
    } finally {
      await budgeted.close();
      await counted.close();
    }
  });

  it('stops waiting for a retry as soon as the call is aborted or times out', async () => {
    server.clearFaults();
    server.injectFault({
      match: { verb: 'list', resource: 'configmaps' },
      fault: { type: 'throttle', retryAfterSeconds: 20 },
    });
    const events: RetryEvent[] = [];
    const client = clientWith({ budgetMs: 60_000 }, events);
    try {
      const controller = new AbortController();
      const pending = client.request({ ...list, signal: controller.signal }).catch((e: unknown) => e);
      while (events.length === 0) await new Promise((r) => setTimeout(r, 10));
      const abortedAt = Date.now();
      controller.abort(new Error('no longer needed'));
      assert.equal(((await pending) as Error).message, 'no longer needed');
      assert.ok(Date.now() - abortedAt < 2000, 'the 20 s wait ended with the abort');
      assert.equal(events[0]!.delayMs, 20_000);
      const started = Date.now();
      const timedOut = await client.request({ ...list, timeoutMs: 300 }).catch((e: unknown) => e);
      assert.ok(
        isTooManyRequests(timedOut),
        'a wait longer than the time left is not started: the last answer is the error',
      );
      assert.ok(Date.now() - started < 5000, 'the 20 s wait was not started');
    } finally {
      server.clearFaults();
      await client.close();
    }
  });

  it('never repeats a create, patch or delete answered 503 or dropped: the server sees exactly one request', async () => {
    server.clearFaults();
    const events: RetryEvent[] = [];
    const client = clientWith({ maxRetries: 5, baseMs: 1 }, events);
    try {
      // One failure only: had the client repeated the create, the repeat would have gone through.
      server.injectFault({
        match: { verb: 'create', resource: 'configmaps' },
        fault: { type: 'error', code: 503 },
        times: 1,
      });
      await assert.rejects(
        client.request({ verb: 'create', method: 'POST', path: configmaps, body: cm('once') }),
        isServiceUnavailable,
      );
      await assert.rejects(client.request({ verb: 'get', method: 'GET', path: `${configmaps}/once` }), isNotFound);

      server.injectFault({ match: { verb: 'create', resource: 'configmaps' }, fault: { type: 'drop' }, times: 1 });
      const dropped = await client
        .request({ verb: 'create', method: 'POST', path: configmaps, body: cm('dropped') })
        .catch((e: unknown) => e);
      assert.ok(dropped instanceof NetworkError, String(dropped));
      await assert.rejects(client.request({ verb: 'get', method: 'GET', path: `${configmaps}/dropped` }), isNotFound);

      await client.request({ verb: 'create', method: 'POST', path: configmaps, body: cm('kept') });
      // A 429 with Retry-After is the one refusal repeated for any verb (throttling.test.ts); a 503 is not.
      server.injectFault({ match: { verb: 'patch' }, fault: { type: 'error', code: 503 }, times: 1 });
      await assert.rejects(
        client.request({
          verb: 'patch',
          method: 'PATCH',
          path: `${configmaps}/kept`,
          body: { data: { a: '2' } },
          contentType: 'application/merge-patch+json',
        }),
        isServiceUnavailable,
      );
      server.injectFault({ match: { verb: 'delete' }, fault: { type: 'error', code: 500 }, times: 1 });
      await assert.rejects(
        client.request({ verb: 'delete', method: 'DELETE', path: `${configmaps}/kept` }),
        (e: unknown) => e instanceof ApiError && e.status === 500,
      );
      const kept = await client.request<{ data: { a: string } }>({
        verb: 'get',
        method: 'GET',
        path: `${configmaps}/kept`,
      });
      assert.deepEqual(kept.data, { a: '1' }, 'neither the patch nor the delete was repeated');
      assert.equal(events.length, 0, 'no retry was even considered');

      // The same drop on a read is repeated and succeeds.
      server.injectFault({ match: { verb: 'get' }, fault: { type: 'drop' }, times: 1 });
      await client.request({ verb: 'get', method: 'GET', path: `${configmaps}/kept` });
      assert.equal(events.length, 1);
      assert.ok(events[0]!.error instanceof NetworkError);
    } finally {
      await client.close();
    }
  });
});

describe('runtime client: abort and timeout', () => {
  let wire: WireServer;
  /** When the server saw each request's connection close, by path. */
  const closed = new Map<string, number>();
  let cuts = 0;
  before(async () => {
    wire = await startWireServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      res.on('close', () => closed.set(path, Date.now()));
      if (path.startsWith('/hung')) return; // never answers
      if (path.startsWith('/cut-once') && cuts++ === 0) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"kind":"Cut"');
        setTimeout(() => res.socket?.destroy(), 10);
        return; // the connection breaks mid-body
      }
      if (path.startsWith('/slow-body')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"kind":"Slow","items":[');
        return; // the body never ends
      }
      if (path.startsWith('/watch')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(
          `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'first', resourceVersion: '1' } } })}\n`,
        );
        return; // then silence
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  after(() => wire?.close());
  const client = () => new Client(connectionTo(wire));
  /** Asserts the server saw `path`'s connection close within `ms` of `since` (a hung socket would stay open). */
  const closedSoon = async (path: string, since: number, ms = 3000) => {
    // Waits past `ms`, so that a busy machine's late close is measured rather than missed.
    while (!closed.has(path) && Date.now() - since < ms + 2000) await new Promise((r) => setTimeout(r, 20));
    assert.ok(closed.has(path), `the server saw ${path} end`);
    assert.ok(closed.get(path)! - since < ms, `${path} ended ${closed.get(path)! - since} ms after the abort`);
  };

  it('a timeout ends a call whose answer never comes, and closes its socket', async () => {
    const c = client();
    const started = Date.now();
    const err = await c
      .request({ verb: 'get', method: 'GET', path: '/hung/1', timeoutMs: 150 })
      .catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    assert.ok(err instanceof TimeoutError, String(err));
    assert.equal(err.message, 'get GET /hung/1: no complete answer within 150 ms');
    assert.ok(elapsed >= 140 && elapsed < 5000, `${elapsed} ms`);
    await closedSoon('/hung/1', started + 150);
    await c.close();
  });

  it('a timeout bounds a WebSocket handshake the server never answers', async () => {
    const c = client();
    const started = Date.now();
    const err = await c
      .connect({ verb: 'connect', method: 'GET', path: '/hung/upgrade', timeoutMs: 150 })
      .catch((e: unknown) => e);
    assert.ok(err instanceof TimeoutError, String(err));
    assert.ok(Date.now() - started < 5000);
    await closedSoon('/hung/upgrade', started + 150);
    await c.close();
  });

  it('an AbortSignal ends a call promptly, before the headers or while the body is read', async () => {
    const c = client();
    for (const path of ['/hung/2', '/slow-body/1']) {
      const controller = new AbortController();
      const reason = new Error(`caller gave up on ${path}`);
      const pending = c.request({ verb: 'get', method: 'GET', path, signal: controller.signal });
      await new Promise((r) => setTimeout(r, 100));
      const abortedAt = Date.now();
      controller.abort(reason);
      const err = await pending.catch((e: unknown) => e);
      assert.equal(err, reason, 'the caller gets its own reason back');
      assert.ok(Date.now() - abortedAt < 2000, 'the hung call ended with the abort');
      await closedSoon(path, abortedAt);
    }
    const already = new AbortController();
    already.abort();
    await assert.rejects(c.request({ verb: 'get', method: 'GET', path: '/fine', signal: already.signal }), {
      name: 'AbortError',
    });
    await c.close();
  });

  it('repeats a read whose body was cut off, but not a create', async () => {
    const events: RetryEvent[] = [];
    const c = new Client(connectionTo(wire), { retry: { baseMs: 1, onRetry: (e) => events.push(e) } });
    try {
      const answer = await c.request<{ kind?: string }>({ verb: 'get', method: 'GET', path: '/cut-once/get' });
      assert.deepEqual(answer, {});
      assert.equal(events.length, 1);
      assert.ok(events[0]!.error instanceof NetworkError, String(events[0]!.error));
      cuts = 0;
      const created = await c
        .request({ verb: 'create', method: 'POST', path: '/cut-once/create', body: {} })
        .catch((e: unknown) => e);
      assert.ok(created instanceof NetworkError, String(created));
      assert.equal(events.length, 1);
    } finally {
      await c.close();
    }
  });

  it('an aborted or timed-out watch stops mid-stream and releases its socket', async () => {
    const c = client();
    const controller = new AbortController();
    const names: string[] = [];
    let abortedAt = 0;
    const err = await (async () => {
      for await (const ev of c.watch<{ metadata: { name: string } }>({
        verb: 'watch',
        method: 'GET',
        path: '/watch/1',
        query: { watch: true },
        signal: controller.signal,
      })) {
        if (ev.type !== 'ERROR') names.push(ev.object.metadata.name);
        setTimeout(() => {
          abortedAt = Date.now();
          controller.abort(new Error('done watching'));
        }, 50);
      }
    })().catch((e: unknown) => e);
    assert.deepEqual(names, ['first']);
    assert.equal((err as Error).message, 'done watching');
    assert.ok(Date.now() - abortedAt < 2000, 'the open watch ended with the abort');
    await closedSoon('/watch/1', abortedAt);

    const started = Date.now();
    const timedOut = await (async () => {
      for await (const _ of c.watch({
        verb: 'watch',
        method: 'GET',
        path: '/watch/2',
        query: { watch: true },
        timeoutMs: 200,
      }))
        void _;
    })().catch((e: unknown) => e);
    assert.ok(timedOut instanceof TimeoutError, String(timedOut));
    await closedSoon('/watch/2', started + 200);
    await c.close();
  });

  it('a watch still open well past its timeoutSeconds fails with WatchStalledError and releases its socket', async () => {
    const c = new Client(connectionTo(wire), { watchDeadlineMarginMs: 200 });
    const names: string[] = [];
    const started = Date.now();
    const err = await (async () => {
      for await (const ev of c.watch<{ metadata: { name: string } }>({
        verb: 'watch',
        method: 'GET',
        path: '/watch/stuck',
        query: { watch: true, timeoutSeconds: 1 },
      }))
        if (ev.type !== 'ERROR') names.push(ev.object.metadata.name);
    })().catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    assert.deepEqual(names, ['first']);
    assert.ok(err instanceof WatchStalledError, String(err));
    assert.equal(err.message, 'watch GET /watch/stuck: the watch was still open 200 ms after its 1 s timeout');
    assert.ok(elapsed >= 1_150 && elapsed < 4_000, `${elapsed} ms`);
    await closedSoon('/watch/stuck', started + 1_200);
    await c.close();
  });
});
