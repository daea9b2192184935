// The informer's parts, each used alone: a Store kept current by a Watcher through `reflect` (kube-rs's reflector),
// a Store fed by hand, and Handlers told of changes — and the Informer as their assembly, its store the same one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Client,
  Handlers,
  Informer,
  noCredentials,
  reflect,
  Store,
  Watcher,
  type WatcherEvent,
} from '@kubegen/runtime';
import { collectionPath, ScriptedCluster, type ConfigMap } from '../helpers/scripted-cluster.ts';

const cm = (name: string, rv: string, namespace = 'default'): ConfigMap => ({
  metadata: { name, namespace, resourceVersion: rv },
});

describe('store, watcher and handlers, alone and together', () => {
  let cluster: ScriptedCluster;
  let client: Client;
  before(async () => {
    cluster = await new ScriptedCluster().start();
    client = new Client({
      server: cluster.url,
      namespace: 'default',
      tls: {},
      credentials: noCredentials,
      origin: { kind: 'explicit' },
    });
  });
  after(async () => {
    await client.destroy();
    await cluster.close();
  });

  it('a Store fed by hand: apply puts and removes by namespace/name, replace starts over', () => {
    const store = new Store<ConfigMap>();
    store.apply({ type: 'ADDED', object: cm('a', '1') });
    store.apply({ type: 'MODIFIED', object: cm('a', '2') });
    store.apply({ type: 'ADDED', object: cm('b', '3', 'other') });
    store.apply({ type: 'BOOKMARK', object: cm('', '4') });
    assert.deepEqual(store.keys().sort(), ['default/a', 'other/b']);
    assert.equal(store.get('a', 'default')?.metadata.resourceVersion, '2');
    assert.deepEqual(
      store.list('other').map((o) => o.metadata.name),
      ['b'],
    );
    store.apply({ type: 'DELETED', object: cm('a', '5') });
    assert.equal(store.size, 1);
    store.replace([cm('c', '6')]);
    assert.deepEqual(store.keys(), ['default/c']);
    assert.equal(store.getByKey('default/c')?.metadata.name, 'c');
  });

  it('reflect keeps a Store equal to the server from a Watcher of its own', async () => {
    cluster.put('x', { v: '1' });
    cluster.put('y', { v: '1' });
    const store = new Store<ConfigMap>();
    const stop = new AbortController();
    const watcher = new Watcher<ConfigMap>(client, collectionPath, { signal: stop.signal });
    const seen: WatcherEvent<ConfigMap>['type'][] = [];
    const following = (async () => {
      for await (const event of reflect(store, watcher)) {
        seen.push(event.type);
        if (event.type === 'SYNCED') {
          cluster.put('x', { v: '2' });
          cluster.put('y', undefined);
        }
        if (store.get('x', 'default')?.data?.v === '2' && !store.get('y', 'default')) stop.abort();
      }
    })();
    await following;
    assert.deepEqual(store.keys(), ['default/x']);
    assert.ok(seen.includes('SYNCED') && seen.includes('MODIFIED') && seen.includes('DELETED'), seen.join());
  });

  it('Handlers alone: every change told, a throwing handler reported and the others still told', () => {
    const thrown: unknown[] = [];
    const handlers = new Handlers<ConfigMap>((e) => thrown.push(e));
    const told: string[] = [];
    handlers.on({
      add: () => {
        throw new Error('boom');
      },
    });
    const off = handlers.on({
      add: (o, initial) => told.push(`add ${o.metadata.name} ${initial}`),
      update: (p, o) => told.push(`update ${p.metadata.resourceVersion}→${o.metadata.resourceVersion}`),
      delete: (o, unknown) => told.push(`delete ${o.metadata.name} ${unknown}`),
    });
    handlers.change({ type: 'ADDED', object: cm('a', '1'), synthetic: false }, true);
    handlers.change({ type: 'MODIFIED', object: cm('a', '2'), previous: cm('a', '1'), synthetic: false }, false);
    handlers.change({ type: 'DELETED', object: cm('a', '2'), previous: cm('a', '2'), synthetic: true }, false);
    off();
    handlers.change({ type: 'ADDED', object: cm('b', '3'), synthetic: false }, false);
    assert.deepEqual(told, ['add a true', 'update 1→2', 'delete a true']);
    assert.equal(thrown.length, 2);
    assert.equal(
      handlers.error(new Error('x'), { phase: 'watch', failures: 1, retryInMs: 0, resourceVersion: '', fatal: false }),
      false,
    );
  });

  it('an Informer is their assembly: its store is what get and list read', async () => {
    const stop = new AbortController();
    const informer = new Informer<ConfigMap>(client, collectionPath, { signal: stop.signal });
    informer.start().catch(() => undefined);
    await informer.synced;
    assert.equal(informer.store.get('x', 'default'), informer.get('x', 'default'));
    assert.equal(informer.store.size, informer.size);
    stop.abort();
  });
});
