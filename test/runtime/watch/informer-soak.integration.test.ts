// A bounded soak on loopback: an informer follows a collection that changes all the time while the server injects
// every fault kind at random — refusals and server errors on lists and watches, ERROR events (with and without a
// code), streams that stall, are cut mid-event or carry a malformed line, reset connections, empty and garbled
// 200 lists, and compactions that make resumptions expire. At the end the cache equals the server's state, and the
// error handler was told of each fault that took effect, once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  Informer,
  InvalidResponseError,
  NetworkError,
  noCredentials,
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
const seed = Number(process.env.KUBEGEN_SOAK_SEED ?? Date.now() % 1_000_000);

/** A small seeded generator, so that a failing run can be repeated with KUBEGEN_SOAK_SEED. */
function random(start: number): () => number {
  let state = start || 1;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const listFaults: Fault[] = [
  { kind: 'status', code: 401, reason: 'Unauthorized' },
  { kind: 'status', code: 403, reason: 'Forbidden' },
  { kind: 'status', code: 404, reason: 'NotFound' },
  { kind: 'status', code: 429, reason: 'TooManyRequests', retryAfter: '0' },
  { kind: 'status', code: 500, reason: 'InternalError' },
  { kind: 'status', code: 503, reason: 'ServiceUnavailable' },
  { kind: 'reset' },
  { kind: 'body', body: '' },
  { kind: 'body', body: '{"kind": "ConfigMapList", "items": [' },
  { kind: 'body', body: 'upstream connect error', contentType: 'text/plain' },
];
const watchFaults: Fault[] = [
  ...listFaults.filter((f) => f.kind === 'status' || f.kind === 'reset'),
  { kind: 'errorEvent', code: 403, reason: 'Forbidden', afterEvents: 2 },
  { kind: 'errorEvent', code: 410, reason: 'Expired', afterEvents: 1 },
  { kind: 'errorEvent', reason: 'Expired', afterEvents: 0 },
  { kind: 'errorEvent', code: 500, reason: 'InternalError', afterEvents: 3 },
  { kind: 'stall', afterEvents: 1 },
  { kind: 'cut', afterEvents: 2 },
  { kind: 'malformed', afterEvents: 1 },
];

/** Which kind of fault an error reported by the informer stands for. */
function faultOf(error: unknown): string {
  if (error instanceof ApiError) return `status ${error.status}`;
  if (error instanceof WatchStatusError) return 'ERROR event';
  if (error instanceof WatchStalledError) return 'stall';
  if (error instanceof WatchDecodeError) return error.truncated ? 'connection' : 'malformed';
  if (error instanceof NetworkError) return 'connection';
  if (error instanceof InvalidResponseError) return 'bad 200';
  return `unexpected: ${String(error)}`;
}

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

  it('ends with the cache equal to the server, every fault reported once', { timeout: soakMs + 40_000 }, async () => {
    const next = random(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    for (let i = 0; i < 40; i++) cluster.put(`cm-${i}`, { v: '0' });

    const reported: { error: unknown; context: WatchErrorContext }[] = [];
    const stop = new AbortController();
    const informer = new Informer<ConfigMap>(client, collectionPath, {
      signal: stop.signal,
      watchTimeoutSeconds: 1,
      watchDeadlineMarginMs: 400,
      backoff: { initialMs: 5, maxMs: 200 },
      onError: (error, context) => void reported.push({ error, context }),
    });
    const running = informer.start();
    await informer.synced;

    // The churn: changes every few ms, a fault now and then, a compaction rarely.
    const until = Date.now() + soakMs;
    let version = 0;
    while (Date.now() < until) {
      const name = `cm-${Math.floor(next() * 60)}`;
      cluster.put(name, next() < 0.2 ? undefined : { v: String(++version) });
      const roll = next();
      if (roll < 0.06) cluster.inject('watch', pick(watchFaults));
      else if (roll < 0.09) cluster.inject('list', pick(listFaults));
      else if (roll < 0.1) cluster.compact();
      await new Promise((r) => setTimeout(r, 5));
    }
    cluster.clearFaults();

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
    stop.abort();
    await running;

    assert.ok(equal(), "the cache equals the server's state");
    const want = count(cluster.fired.map(reportedAs));
    const got = count(reported.map((r) => faultOf(r.error)));
    assert.ok(cluster.fired.length >= 30, `enough faults took effect: ${cluster.fired.length}`);
    assert.deepEqual(got, want, `seed ${seed}: every fault that took effect was reported once`);
    assert.ok(reported.every((r) => !r.context.fatal));
  });
});

function count(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs.sort()) out[x] = (out[x] ?? 0) + 1;
  return out;
}
