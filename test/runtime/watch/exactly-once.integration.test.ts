// Acceptance 3: exactly-once watch delivery. Over 10,000 creates, updates and deletes, the test server cuts
// every watch part-way through an event after a few dozen events, fails some requests, ends watches on
// their timeout and compacts its history so that some resumptions get 410 and relist. The watcher must
// deliver the server's change log exactly — nothing lost, nothing twice — and informers must end equal to
// the server's state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Informer, nextState, Watcher, type WatcherEvent, type WatcherState } from '@kubegen/runtime';
import { startApiServer, type ApiServer, type Change } from '../../../server/index.ts';
import { sharedSpecPaths } from '../../helpers/server.ts';
import { sharedSkip } from '../../helpers/shared.ts';
import { inParallel, type ConfigMap } from '../helpers/stream-data.ts';
import { BareTransport } from '../helpers/stream-transport.ts';
import { verifyDelivery } from '../helpers/stream-verify.ts';

const namespaces = ['default', 'team-a', 'team-b'];
const changes = 10_000;
const workers = 8;
const namesPerWorker = 60;

describe('watch state machine', () => {
  it('moves list → watch → resume → relist as client-go does', () => {
    let s: WatcherState = { phase: 'listing', relist: false, failures: 0 };
    s = nextState(s, { kind: 'failed', error: new Error('503') });
    assert.deepEqual(s, { phase: 'listing', relist: false, failures: 1 });
    s = nextState(s, { kind: 'listed', resourceVersion: '10' });
    assert.deepEqual(s, { phase: 'watching', resourceVersion: '10', failures: 0 });
    s = nextState(s, { kind: 'dropped', resourceVersion: '10', progressed: false, error: new Error('reset') });
    assert.deepEqual(s, { phase: 'watching', resourceVersion: '10', failures: 1 });
    s = nextState(s, { kind: 'ended', resourceVersion: '42', progressed: true });
    assert.deepEqual(s, { phase: 'watching', resourceVersion: '42', failures: 0 });
    s = nextState(s, { kind: 'expired' });
    assert.deepEqual(s, { phase: 'listing', relist: true, failures: 0 });
    assert.deepEqual(nextState({ phase: 'stopped' }, { kind: 'listed', resourceVersion: '1' }), { phase: 'stopped' });
  });
});

describe('exactly-once watch under drops, timeouts and compaction', { skip: sharedSkip }, () => {
  let server: ApiServer;
  let transport: BareTransport;
  before(async () => {
    server = await startApiServer({ specs: sharedSpecPaths(), watchWindow: 400, bookmarkIntervalMs: 40 });
    transport = new BareTransport(server.url);
    for (const ns of namespaces.slice(1)) {
      await transport.request({
        verb: 'create',
        method: 'POST',
        path: '/api/v1/namespaces',
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      });
    }
  });
  after(async () => {
    await transport?.close();
    await server?.stop();
  });

  it(`delivers each of ${changes} changes once, and informers end equal to the server`, {
    timeout: 120_000,
  }, async () => {
    server.injectFault({
      match: { verb: 'watch', resource: 'configmaps' },
      fault: { type: 'cutWatch', afterEvents: 37 },
    });
    server.injectFault({
      match: { verb: 'list', resource: 'configmaps' },
      fault: { type: 'error', code: 503 },
      times: 2,
    });
    const stop = new AbortController();
    const handlerErrors: unknown[] = [];
    const options = {
      signal: stop.signal,
      pageSize: 150,
      watchTimeoutSeconds: 1,
      backoff: { initialMs: 5, maxMs: 100 },
      onHandlerError: (e: unknown) => handlerErrors.push(e),
    };
    const phases: string[] = [];
    const delivered: WatcherEvent<ConfigMap>[] = [];
    const watcher = new Watcher<ConfigMap>(transport, '/api/v1/configmaps', {
      ...options,
      onState: (s) => phases.push(s.phase === 'listing' ? (s.relist ? 'relist' : 'list') : s.phase),
    });
    const consuming = (async () => {
      for await (const e of watcher) delivered.push(e);
    })();
    const all = new Informer<ConfigMap>(transport, '/api/v1/configmaps', options);
    const even = new Informer<ConfigMap>(transport, '/api/v1/configmaps', { ...options, labelSelector: 'parity=even' });
    const mirror = new Map<string, ConfigMap>();
    all.on({
      add: (o) => void mirror.set(`${o.metadata.namespace}/${o.metadata.name}`, o),
      update: (old, o) => {
        assert.ok(mirror.has(`${old.metadata.namespace}/${old.metadata.name}`));
        mirror.set(`${o.metadata.namespace}/${o.metadata.name}`, o);
      },
      delete: (o) => assert.ok(mirror.delete(`${o.metadata.namespace}/${o.metadata.name}`)),
    });
    const running = [all.start(), even.start()];
    await Promise.all([all.synced, even.synced]);

    await writeChanges(transport, changes, () => {
      // Now and then the server forgets its history and ends every watch with 410, as a restarted apiserver would.
      server.expireWatches();
    });
    const final = configMaps(server.changes());
    const expected = stateOf(final);
    await until(
      () =>
        sameKeys(watcher.known, expected) &&
        sameKeys(cacheOf(all), expected) &&
        sameKeys(cacheOf(even), filter(expected, 'even')),
      30_000,
    );
    stop.abort();
    await Promise.all([consuming, ...running]);

    const log = final;
    const report = verifyDelivery(delivered, log);
    const counts = count(phases);
    assert.equal(
      report.realEvents + report.collapsed,
      log.length,
      'every change was delivered or folded into a relist',
    );
    assert.ok(report.realEvents > changes * 0.5, `most changes arrive as real events (${JSON.stringify(report)})`);
    assert.ok((counts.relist ?? 0) >= 3, `some resumptions hit 410 and relisted: ${JSON.stringify(counts)}`);
    assert.ok((counts.watching ?? 0) > changes / 37, `the watch resumed after every cut: ${JSON.stringify(counts)}`);
    assert.ok(report.syntheticEvents > 0, 'relists reconciled with synthetic events');

    for (const [key, object] of all.list().map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o] as const)) {
      assert.deepEqual(object.data, final.findLast((c) => `${c.namespace}/${c.name}` === key)!.object.data, key);
    }
    assert.deepEqual(handlerErrors, []);
    assert.deepEqual(new Set(mirror.keys()), new Set(all.keys()), 'the handlers saw every add, update and delete');
    assert.ok(even.list().every((o) => o.metadata.labels?.parity === 'even'));
  });
});

/** Creates, updates (flipping a label) and deletes configmaps; each worker owns its names, so no call conflicts. */
async function writeChanges(transport: BareTransport, total: number, expire: () => void): Promise<void> {
  let done = 0;
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  await inParallel(workers, workers, async (w) => {
    const exists = new Map<string, number>();
    while (done < total) {
      const ns = namespaces[Math.floor(random() * namespaces.length)]!;
      const name = `w${w}-${Math.floor(random() * namesPerWorker)}`;
      const path = `/api/v1/namespaces/${ns}/configmaps`;
      const version = exists.get(`${ns}/${name}`);
      done++;
      if (done % 2500 === 0) expire();
      if (version === undefined) {
        await transport.request({
          verb: 'create',
          method: 'POST',
          path,
          body: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name, labels: { parity: 'even' } },
            data: { v: '0' },
          },
        });
        exists.set(`${ns}/${name}`, 0);
      } else if (random() < 0.25) {
        await transport.request({ verb: 'delete', method: 'DELETE', path: `${path}/${name}` });
        exists.delete(`${ns}/${name}`);
      } else {
        const v = version + 1;
        const body = { metadata: { labels: { parity: v % 2 === 0 ? 'even' : 'odd' } }, data: { v: String(v) } };
        await transport.request({
          verb: 'patch',
          method: 'PATCH',
          path: `${path}/${name}`,
          body,
          contentType: 'application/merge-patch+json',
        });
        exists.set(`${ns}/${name}`, v);
      }
    }
  });
}

function configMaps(log: Change[]): Change[] {
  return log.filter((c) => c.bucket === '/configmaps');
}

function stateOf(log: Change[]): Map<string, ConfigMap> {
  const state = new Map<string, ConfigMap>();
  for (const c of log) {
    const key = `${c.namespace}/${c.name}`;
    if (c.type === 'DELETED') state.delete(key);
    else state.set(key, c.object as unknown as ConfigMap);
  }
  return state;
}

function filter(state: Map<string, ConfigMap>, parity: string): Map<string, ConfigMap> {
  return new Map([...state].filter(([, o]) => o.metadata.labels?.parity === parity));
}

function cacheOf(inf: Informer<ConfigMap>): Map<string, ConfigMap> {
  return new Map(inf.list().map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]));
}

/** Same keys at the same resourceVersions. */
function sameKeys(a: Map<string, ConfigMap>, b: Map<string, ConfigMap>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, o] of a) if (b.get(k)?.metadata.resourceVersion !== o.metadata.resourceVersion) return false;
  return true;
}

function count(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

async function until(ok: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`the clients did not catch up with the server within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
