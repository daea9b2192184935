// A bounded soak on loopback: an informer follows a collection that changes all the time while the server injects
// every fault kind at random — refusals and server errors on lists and watches, ERROR events (with and without a
// code), streams that stall, are cut mid-event or carry a malformed line, lists that never answer, reset
// connections, empty and garbled 200 lists, and compactions that make resumptions expire. Faults are dealt from a
// shuffled deck, so every kind is injected again and again in a random order. At the end the cache equals the
// server's state, every kind took effect, and the error handler was told of each fault that did, once, in the
// phase (list or watch) it happened in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  Informer,
  InvalidResponseError,
  NetworkError,
  noCredentials,
  TimeoutError,
  WatchDecodeError,
  WatchStalledError,
  WatchStatusError,
  type WatchErrorContext,
} from '@kubegen/runtime';
import {
  collectionPath,
  ScriptedCluster,
  type ConfigMap,
  type Fault,
  type Fired,
} from '../helpers/scripted-cluster.ts';

const soakMs = Number(process.env.KUBEGEN_SOAK_MS ?? 20_000);
/** The churn goes on past `soakMs` until every kind of fault has taken effect, but never past this. */
const soakCapMs = Math.max(soakMs, 40_000);
const seed = Number(process.env.KUBEGEN_SOAK_SEED ?? Date.now() % 1_000_000);

/** A small seeded generator, so that a failing run can be repeated with KUBEGEN_SOAK_SEED. */
function random(start: number): () => number {
  let state = start || 1;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Deals `cards` in a shuffled order, reshuffling once all are dealt: each kind comes round again and again. */
function deck<T>(cards: readonly T[], next: () => number): () => T {
  let hand: T[] = [];
  return () => {
    if (hand.length === 0) {
      hand = [...cards];
      for (let i = hand.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [hand[i], hand[j]] = [hand[j]!, hand[i]!];
      }
    }
    return hand.pop()!;
  };
}

const listFaults: Fault[] = [
  { kind: 'status', code: 401, reason: 'Unauthorized' },
  { kind: 'status', code: 403, reason: 'Forbidden' },
  { kind: 'status', code: 404, reason: 'NotFound' },
  { kind: 'status', code: 429, reason: 'TooManyRequests', retryAfter: '0' },
  { kind: 'status', code: 500, reason: 'InternalError' },
  { kind: 'status', code: 503, reason: 'ServiceUnavailable' },
  { kind: 'reset' },
  { kind: 'stall' },
  { kind: 'body', body: '' },
  { kind: 'body', body: '{"kind": "ConfigMapList", "items": [' },
  { kind: 'body', body: 'upstream connect error', contentType: 'text/plain' },
];
const watchFaults: Fault[] = [
  ...listFaults.filter((f) => f.kind === 'status' || f.kind === 'reset'),
  { kind: 'stall', afterEvents: 1 },
  { kind: 'errorEvent', code: 403, reason: 'Forbidden', afterEvents: 2 },
  { kind: 'errorEvent', code: 410, reason: 'Expired', afterEvents: 1 },
  { kind: 'errorEvent', reason: 'Expired', afterEvents: 0 },
  { kind: 'errorEvent', code: 500, reason: 'InternalError', afterEvents: 3 },
  { kind: 'cut', afterEvents: 2 },
  { kind: 'malformed', afterEvents: 1 },
];

/** Which kind of fault an error reported by the informer stands for. */
function faultOf(error: unknown): string {
  if (error instanceof ApiError) return `status ${error.status}`;
  if (error instanceof WatchStatusError) return 'ERROR event';
  if (error instanceof WatchStalledError || error instanceof TimeoutError) return 'stall';
  if (error instanceof WatchDecodeError) return error.truncated ? 'connection' : 'malformed';
  if (error instanceof NetworkError) return 'connection';
  if (error instanceof InvalidResponseError) return 'bad 200';
  return `unexpected: ${String(error)}`;
}

/** Every kind of fault, as `kindOf` names one that took effect. */
const everyKind = [
  ...listFaults.map((f) => `list ${JSON.stringify(f)}`),
  ...watchFaults.map((f) => `watch ${JSON.stringify(f)}`),
  'watch expired',
];
const kindOf = (f: Fired) => `${f.verb} ${f.fault ? JSON.stringify(f.fault) : f.kind}`;

/** The same, for a fault the server says took effect. */
function reportedAs(fired: Fired): string {
  if (fired.kind === 'expired' || fired.kind === 'errorEvent') return 'ERROR event';
  if (fired.fault?.kind === 'status') return `status ${fired.fault.code}`;
  if (fired.kind === 'reset' || fired.kind === 'cut') return 'connection';
  if (fired.kind === 'body') return 'bad 200';
  return fired.kind;
}

describe(`informer soak with random faults (seed ${seed})`, () => {
  let cluster: ScriptedCluster;
  let client: Client;
  before(async () => {
    cluster = await new ScriptedCluster({ bookmarkMs: 300 }).start();
    // No client retries: every fault reaches the informer, whose own backoff must ride it out.
    client = new Client(
      { server: cluster.url, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
      { retry: false, onWarning: false },
    );
  });
  after(async () => {
    await client?.destroy();
    await cluster?.close();
  });

  it('ends with the cache equal to the server, every fault reported once', {
    timeout: soakCapMs + 40_000,
  }, async (t) => {
    const next = random(seed);
    const watchFault = deck(watchFaults, next);
    const listFault = deck(listFaults, next);
    for (let i = 0; i < 40; i++) cluster.put(`cm-${i}`, { v: '0' });

    const reported: { error: unknown; context: WatchErrorContext }[] = [];
    const stop = new AbortController();
    const informer = new Informer<ConfigMap>(client, collectionPath, {
      signal: stop.signal,
      watchTimeoutSeconds: 1,
      watchDeadlineMarginMs: 400,
      listTimeoutMs: 500,
      backoff: { initialMs: 5, maxMs: 200 },
      onError: (error, context) => void reported.push({ error, context }),
    });
    const running = informer.start();
    await informer.synced;

    // The churn: changes every few ms, a fault now and then, a compaction or a watch ended early by the server
    // rarely; for `soakMs`, and on until every kind of fault has taken effect.
    const started = Date.now();
    const missing = () => {
      const tookEffect = new Set(cluster.fired.map(kindOf));
      return everyKind.filter((kind) => !tookEffect.has(kind));
    };
    let version = 0;
    while (Date.now() - started < soakMs || (Date.now() - started < soakCapMs && missing().length > 0)) {
      const name = `cm-${Math.floor(next() * 60)}`;
      cluster.put(name, next() < 0.2 ? undefined : { v: String(++version) });
      const roll = next();
      // One fault queued per verb at a time: queued faster than requests take them, they would keep the informer
      // failing lists for the whole run.
      if (roll < 0.06 && cluster.pending('watch') === 0) cluster.inject('watch', watchFault());
      else if (roll < 0.09 && cluster.pending('list') === 0) cluster.inject('list', listFault());
      else if (roll < 0.1) cluster.compact();
      else if (roll < 0.12) cluster.endWatches();
      await new Promise((r) => setTimeout(r, 5));
    }
    cluster.clearFaults();
    t.diagnostic(`${cluster.fired.length} faults took effect in ${Date.now() - started} ms of churn`);

    // Quiet now: the informer must catch up with the server.
    const equal = () => {
      const want = cluster.state();
      const got = new Map(informer.list().map((o) => [`default/${o.metadata.name}`, o]));
      return (
        got.size === want.size &&
        [...want].every(([k, o]) => got.get(k)?.metadata.resourceVersion === o.metadata.resourceVersion)
      );
    };
    const deadline = Date.now() + 20_000;
    while (!equal() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // Every stalled watch has run into its deadline by now (1 s plus the margin).
    await new Promise((r) => setTimeout(r, 1_600));
    const healthy = Date.now() + 3_000;
    while (informer.health().error !== undefined && Date.now() < healthy) await new Promise((r) => setTimeout(r, 20));
    const health = informer.health();
    stop.abort();
    await running;

    assert.ok(equal(), "the cache equals the server's state");
    assert.deepEqual([health.synced, health.error, health.phase], [true, undefined, 'watching']);
    assert.deepEqual(missing(), [], `seed ${seed}: every kind of fault took effect`);
    const want = count(cluster.fired.map((f) => `${f.verb}: ${reportedAs(f)}`));
    const got = count(reported.map((r) => `${r.context.phase}: ${faultOf(r.error)}`));
    assert.deepEqual(got, want, `seed ${seed}: every fault that took effect was reported once, in its phase`);
    assert.ok(reported.every((r) => !r.context.fatal));
  });
});

function count(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs.sort()) out[x] = (out[x] ?? 0) + 1;
  return out;
}
