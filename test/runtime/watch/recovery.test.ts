// Watchers and informers never go quietly stale: every failed list or watch (an ERROR event, a 403 or 404 answer, a
// 401 on a relist, a stream that goes silent, a list that never answers, an Expired event without a code) is
// reported to the error handler and retried with backoff until the cache follows the server again; only an abort or
// the caller's own policy stops them. Each case runs against a scripted server on loopback.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  Informer,
  informer,
  noCredentials,
  TimeoutError,
  WatchStalledError,
  WatchStatusError,
  type InformerOptions,
} from '@kubegen/runtime';
import { collectionPath, ScriptedCluster, type ConfigMap } from '../helpers/scripted-cluster.ts';

const fast = { backoff: { initialMs: 10, maxMs: 50 } };

async function until(what: string, ok: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('watchers and informers recover from every failure and report it', () => {
  let cluster: ScriptedCluster;
  let client: Client;
  const stops: AbortController[] = [];
  before(async () => {
    cluster = await new ScriptedCluster().start();
    client = new Client(
      { server: cluster.url, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
      { onWarning: false },
    );
  });
  after(async () => {
    await client.destroy();
    await cluster.close();
  });
  afterEach(() => {
    cluster.clearFaults();
    for (const s of stops.splice(0)) s.abort();
  });

  /** A started informer on the scripted collection, its errors gathered; synced before it returns. */
  const follow = async (options: Partial<InformerOptions<ConfigMap>> = {}) => {
    const stop = new AbortController();
    stops.push(stop);
    const errors: unknown[] = [];
    const informer = new Informer<ConfigMap>(client, collectionPath, {
      ...fast,
      signal: stop.signal,
      onError: (e) => void errors.push(e),
      ...options,
    });
    const running = informer.start();
    running.catch(() => undefined);
    await informer.synced;
    return { informer, errors, running };
  };
  const follows = (informer: Informer<ConfigMap>, name: string, value: string) =>
    informer.get(name, 'default')?.data?.v === value;

  it('an ERROR event with code 403: reported, then relisted and followed again', async () => {
    cluster.put('a', { v: '1' });
    const { informer, errors } = await follow();
    cluster.inject('watch', { kind: 'errorEvent', code: 403, reason: 'Forbidden', message: 'configmaps is forbidden' });
    cluster.endWatches();
    await until('the 403 was reported', () => errors.length > 0);
    cluster.put('a', { v: '2' });
    await until('the cache follows the server after the 403', () => follows(informer, 'a', '2'));
    assert.ok(errors[0] instanceof WatchStatusError && errors[0].status === 403, String(errors[0]));
    assert.equal(informer.health().error, undefined, 'the error is cleared once the watch is back');
  });

  it('a 403 and a 404 answer to the watch request (an RBAC blip, a CRD briefly gone)', async () => {
    cluster.put('b', { v: '1' });
    const { informer, errors } = await follow();
    const before = cluster.calls.length;
    cluster.inject('watch', { kind: 'status', code: 403, reason: 'Forbidden' });
    cluster.inject('watch', { kind: 'status', code: 404, reason: 'NotFound' });
    cluster.endWatches();
    cluster.put('b', { v: '2' });
    await until(
      'the cache follows the server after a 403 and a 404',
      () => follows(informer, 'b', '2') && cluster.pending('watch') === 0,
    );
    await until('both were reported', () => errors.length >= 2);
    assert.deepEqual(
      errors.slice(0, 2).map((e) => (e as ApiError).status),
      [403, 404],
    );
    // As client-go's reflector: a refused watch lists again, so whatever changed meanwhile (a CRD recreated) is seen.
    await until('four requests since', () => cluster.calls.length - before >= 4);
    assert.deepEqual(
      cluster.calls
        .slice(before)
        .map((c) => c.verb)
        .slice(0, 4),
      ['watch', 'list', 'watch', 'list'],
    );
  });

  it('a 401 on the relist after a 410', async () => {
    cluster.put('c', { v: '1' });
    const { informer, errors } = await follow();
    cluster.compact();
    cluster.inject('list', { kind: 'status', code: 401, reason: 'Unauthorized' });
    cluster.endWatches();
    await until('the 401 was reported', () => errors.some((e) => e instanceof ApiError && e.status === 401));
    cluster.put('c', { v: '2' });
    await until('the cache follows the server after the 401', () => follows(informer, 'c', '2'));
  });

  it("the error reaches the informer's handlers too, and health() tells a readiness probe", async () => {
    const { informer } = await follow();
    const told: unknown[] = [];
    informer.on({ error: (e) => void told.push(e) });
    const healthy = informer.health();
    assert.equal(healthy.synced, true);
    assert.equal(healthy.resourceVersion, cluster.resourceVersion);
    assert.ok(healthy.lastSyncTime instanceof Date);
    cluster.inject('watch', { kind: 'status', code: 403, reason: 'Forbidden' }, 1000);
    cluster.endWatches();
    await until('the handler was told', () => told.length >= 2);
    const sick = informer.health();
    assert.ok(sick.error instanceof ApiError && sick.error.status === 403, String(sick.error));
    assert.ok(sick.failures >= 2);
    cluster.clearFaults();
    await until('healthy again', () => informer.health().error === undefined, 5_000);
  });

  it("stops only when the caller's policy says an error is fatal", async () => {
    const { informer, errors, running } = await follow({ isFatal: (e) => e instanceof ApiError && e.status === 403 });
    cluster.inject('watch', { kind: 'status', code: 403, reason: 'Forbidden' });
    cluster.endWatches();
    const err = await running.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApiError && err.status === 403, String(err));
    assert.equal(errors.length, 1, 'the fatal error was reported too');
    assert.equal(informer.health().error, err);
  });

  it('a stream that sends one event and then goes silent is abandoned at timeoutSeconds plus a margin, and resumed', async () => {
    cluster.put('d', { v: '1' });
    const { informer, errors } = await follow({ watchTimeoutSeconds: 2, watchDeadlineMarginMs: 300 });
    const before = cluster.calls.length;
    cluster.inject('watch', { kind: 'stall', afterEvents: 1 });
    cluster.endWatches();
    await until('the next watch started', () => cluster.calls.slice(before).some((c) => c.verb === 'watch'));
    cluster.put('d', { v: '2' });
    await until('the one event before the silence arrived', () => follows(informer, 'd', '2'));
    const silent = Date.now();
    cluster.put('d', { v: '3' });
    await until('the cache follows the server after the silence', () => follows(informer, 'd', '3'), 5_000);
    const took = Date.now() - silent;
    assert.ok(took < 2_000 + 300 + 1_000, `the silent watch held the watcher ${took} ms`);
    const stalled = errors.filter((e) => e instanceof WatchStalledError);
    assert.equal(stalled.length, 1, errors.map(String).join('; '));
    assert.equal((stalled[0] as WatchStalledError).timeoutSeconds, 2);
    const watches = cluster.calls.slice(before).filter((c) => c.verb === 'watch');
    assert.ok(watches.length >= 2, 'a new watch replaced the silent one');
    assert.ok(
      watches.every((c) => c.query.get('timeoutSeconds') === '2'),
      'every watch asks the server for its timeout too',
    );
  });

  it('a list that never answers is abandoned at listTimeoutMs, reported, and tried again', async () => {
    cluster.put('f', { v: '1' });
    cluster.inject('list', { kind: 'stall' });
    const started = Date.now();
    const { informer, errors } = await follow({ listTimeoutMs: 300 });
    assert.ok(Date.now() - started < 2_000, `synced after ${Date.now() - started} ms`);
    assert.ok(errors[0] instanceof TimeoutError, String(errors[0]));
    assert.equal(errors[0].path, collectionPath);
    assert.ok(follows(informer, 'f', '1'));
  });

  it('an ERROR event with reason Expired and no code relists instead of resuming forever', async () => {
    cluster.put('e', { v: '1' });
    const { informer } = await follow();
    const before = cluster.calls.length;
    cluster.inject('watch', { kind: 'errorEvent', reason: 'Expired', message: 'the resourceVersion is too old' });
    cluster.endWatches();
    await until('a list followed the Expired event', () => cluster.calls.slice(before).some((c) => c.verb === 'list'));
    const watches = cluster.calls.slice(before).filter((c) => c.verb === 'watch').length;
    assert.ok(watches <= 3, `${watches} watch requests before the relist`);
    cluster.put('e', { v: '2' });
    await until('the cache follows the server', () => follows(informer, 'e', '2'));
  });

  it('without an error handler a refusal is a process warning, and so is the error that stops it', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => void warnings.push(w);
    process.on('warning', onWarning);
    try {
      const stop = new AbortController();
      stops.push(stop);
      const quiet = informer<ConfigMap>(client, collectionPath, { ...fast, signal: stop.signal });
      await quiet.synced;
      cluster.inject('watch', { kind: 'status', code: 403, reason: 'Forbidden', message: 'configmaps is forbidden' });
      cluster.endWatches();
      await until('a warning was printed', () => warnings.some((w) => w.name === 'WatchWarning'));
      assert.match(
        warnings.find((w) => w.name === 'WatchWarning')!.message,
        /^watch GET \/api\/v1\/namespaces\/default\/configmaps: 403 Forbidden: configmaps is forbidden \(retrying in \d+ ms\)$/,
      );
      stop.abort();
      warnings.length = 0;
      const fatal = informer<ConfigMap>(client, collectionPath, { ...fast, isFatal: () => true });
      await fatal.synced;
      cluster.inject('watch', { kind: 'status', code: 404, reason: 'NotFound' });
      cluster.endWatches();
      await until('the stop was printed', () => warnings.some((w) => /\(the watcher stops\)$/.test(w.message)));
      assert.equal(fatal.health().phase, 'stopped');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
