// The stream helpers (paged lists, the resumable Watcher, informers) and a generated client, run through the
// HTTP client over HTTPS with a token: what applications actually run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Client,
  Informer,
  isConflict,
  isNotFound,
  listAll,
  listPages,
  Watcher,
  type ApiError,
  type RetryEvent,
  type WatcherEvent,
} from '@kubegen/runtime';
import { coreV1 } from '../../../generated/example/core/v1.ts';
import { startApiServer, type ApiServer } from '../../../server/index.ts';
import { fixtureSpecPaths } from '../../helpers/server.ts';
import { connectionTo } from '../helpers/client.ts';
import { createConfigMaps, inParallel, type ConfigMap } from '../helpers/stream-data.ts';
import { verifyDelivery } from '../helpers/stream-verify.ts';

const path = '/api/v1/namespaces/default/configmaps';

describe('runtime client: lists, watches and informers', () => {
  let server: ApiServer;
  let client: Client;
  const retries: RetryEvent[] = [];
  before(async () => {
    server = await startApiServer({
      specs: fixtureSpecPaths(),
      tls: true,
      auth: true,
      watchWindow: 300,
      bookmarkIntervalMs: 50,
    });
    client = new Client(connectionTo(server, { token: server.credentials.token }), {
      retry: { baseMs: 5, capMs: 50, onRetry: (e) => retries.push(e) },
      // A thousand writes in a few seconds: client-side throttling is not what these tests are about.
      rateLimit: false,
    });
    await createConfigMaps(client, 'default', 120);
  });
  after(async () => {
    await client?.close();
    await server?.stop();
  });

  it('walks every page, and rides out a 503 on a page by itself', async () => {
    server.injectFault({
      match: { verb: 'list', resource: 'configmaps' },
      fault: { type: 'error', code: 503 },
      times: 1,
    });
    retries.length = 0;
    const sizes: number[] = [];
    for await (const page of listPages<ConfigMap>(client, path, { limit: 25 })) sizes.push(page.items.length);
    // 120 made here, and the kube-root-ca.crt every namespace has.
    assert.deepEqual(sizes, [25, 25, 25, 25, 21]);
    assert.equal(retries.length, 1);
    const all = await listAll<ConfigMap>(client, path, { limit: 50, labelSelector: '' });
    assert.equal(new Set(all.items.map((o) => o.metadata.name)).size, 121);
  });

  it('delivers every change exactly once through cut watches and a 410, and an informer ends equal to the server', {
    timeout: 60_000,
  }, async () => {
    server.injectFault({
      match: { verb: 'watch', resource: 'configmaps' },
      fault: { type: 'cutWatch', afterEvents: 23 },
    });
    const stop = new AbortController();
    const options = { signal: stop.signal, pageSize: 40, watchTimeoutSeconds: 2, backoff: { initialMs: 5, maxMs: 50 } };
    const delivered: WatcherEvent<ConfigMap>[] = [];
    const phases: string[] = [];
    const watcher = new Watcher<ConfigMap>(client, path, {
      ...options,
      onState: (s) => phases.push(s.phase === 'listing' ? (s.relist ? 'relist' : 'list') : s.phase),
    });
    const consuming = (async () => {
      for await (const e of watcher) delivered.push(e);
    })();
    const informer = new Informer<ConfigMap>(client, path, options);
    const running = informer.start();
    await informer.synced;
    assert.equal(informer.size, 121);

    let done = 0;
    await inParallel(6, 6, async (w) => {
      for (let i = 0; i < 150; i++) {
        const name = `cm-${String((w * 20 + (i % 20)) % 120).padStart(5, '0')}`;
        if (++done === 450) server.expireWatches();
        await client.request({
          verb: 'patch',
          method: 'PATCH',
          path: `${path}/${name}`,
          body: { data: { v: `${w}-${i}` } },
          contentType: 'application/merge-patch+json',
        });
      }
    });
    await client.request({ verb: 'delete', method: 'DELETE', path: `${path}/cm-00119` });
    const log = server.changes().filter((c) => c.bucket === '/configmaps' && c.namespace === 'default');
    const expected = new Map(log.map((c) => [`${c.namespace}/${c.name}`, c]));
    const final = new Map(
      [...expected].filter(([, c]) => c.type !== 'DELETED').map(([k, c]) => [k, c.resourceVersion]),
    );
    const rvs = (m: Map<string, ConfigMap>) => new Map([...m].map(([k, o]) => [k, o.metadata.resourceVersion]));
    for (
      let i = 0;
      i < 600 &&
      !(
        sameMap(rvs(watcher.known), final) &&
        sameMap(rvs(new Map(informer.list().map((o) => [`default/${o.metadata.name}`, o]))), final)
      );
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    stop.abort();
    await Promise.all([consuming, running]);

    const report = verifyDelivery(delivered, log);
    assert.equal(
      report.realEvents + report.collapsed,
      log.length,
      'every change was delivered or folded into the relist',
    );
    assert.ok(
      phases.filter((p) => p === 'watching').length > 900 / 23,
      `resumed after every cut (${phases.length} states)`,
    );
    assert.ok(phases.includes('relist'), '410 led to a relist');
    assert.equal(informer.size, 120);
    assert.ok(
      sameMap(rvs(new Map(informer.list().map((o) => [`default/${o.metadata.name}`, o]))), final),
      'the informer holds the server state',
    );
  });

  it('serves a generated client end to end: create, merge, strategic and apply patches, a conflict, list, delete', async () => {
    const core = coreV1(client);
    const created = await core.configmaps.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'generated' },
      data: { from: 'generated' },
    });
    assert.equal(created.metadata?.namespace, 'default');
    const patched = await core.configmaps.patch('generated', { data: { more: 'yes' } }, { type: 'merge' });
    assert.deepEqual(patched.data, { from: 'generated', more: 'yes' });
    const strategic = await core.configmaps.patch('generated', { data: { strategic: 'yes' } }, { type: 'strategic' });
    assert.equal(strategic.data?.strategic, 'yes');
    const applied = await core.configmaps.patch(
      'generated',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'generated' }, data: { from: 'apply' } },
      { type: 'apply', fieldManager: 'other-manager', force: true },
    );
    assert.equal(applied.data?.from, 'apply');
    // Without force, taking a field another manager owns is a conflict whose causes name the field.
    const conflict = await core.configmaps
      .patch(
        'generated',
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'generated' }, data: { from: 'mine' } },
        { type: 'apply', fieldManager: 'third-manager' },
      )
      .catch((e: unknown) => e);
    assert.ok(isConflict(conflict), String(conflict));
    assert.ok(
      (conflict as ApiError).details?.causes?.some((c) => c.field === '.data.from'),
      JSON.stringify((conflict as ApiError).details),
    );
    const listed = await core.configmaps.list({ limit: 500 });
    assert.ok(listed.items.some((o) => o.metadata?.name === 'generated'));
    await core.configmaps.delete('generated');
    await assert.rejects(core.configmaps.get('generated'), isNotFound);
  });
});

function sameMap<K, V>(a: Map<K, V>, b: Map<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
