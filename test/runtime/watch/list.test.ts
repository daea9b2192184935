// Paged lists against the test API server: every page with limit + continue, one consistent
// resourceVersion, selectors, and an expired continue token as a clear error or a restart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAll, listItems, listPages, ListExpiredError, type ApiRequest, type Transport } from '@kubegen/runtime';
import { startApiServer, type ApiServer } from '../../../server/index.ts';
import { fixtureSpecPaths } from '../../helpers/server.ts';
import { BareTransport } from '../helpers/stream-transport.ts';
import { createConfigMaps, type ConfigMap } from '../helpers/stream-data.ts';

const path = '/api/v1/namespaces/default/configmaps';

describe('paged lists', () => {
  let server: ApiServer;
  let transport: BareTransport;
  before(async () => {
    server = await startApiServer({ specs: fixtureSpecPaths() });
    transport = new BareTransport(server.url);
    await createConfigMaps(transport, 'default', 250, (i) => ({ tier: i % 5 === 0 ? 'cache' : 'web' }));
  });
  /** A change after every continue token handed out so far, so that compaction expires them. */
  const touch = () =>
    transport.request({
      verb: 'patch',
      method: 'PATCH',
      path: `${path}/cm-00001`,
      body: { data: { touched: String(Date.now()) } },
      contentType: 'application/merge-patch+json',
    });
  after(async () => {
    await transport?.close();
    await server?.stop();
  });

  it('walks every page with limit and continue, at one resourceVersion', async () => {
    transport.log.length = 0;
    const pages = [];
    for await (const page of listPages<ConfigMap>(transport, path, { limit: 40 })) pages.push(page);
    assert.equal(pages.length, 7);
    // 250 made here, and the kube-root-ca.crt every namespace has.
    assert.deepEqual(
      pages.map((p) => p.items.length),
      [40, 40, 40, 40, 40, 40, 11],
    );
    assert.equal(new Set(pages.map((p) => p.resourceVersion)).size, 1);
    assert.equal(pages[0]!.remainingItemCount, 211);
    const names = pages.flatMap((p) => p.items.map((o) => o.metadata.name));
    assert.equal(new Set(names).size, 251);
    assert.match(transport.log[0]!, /^list \/api\/v1\/namespaces\/default\/configmaps\?limit=40$/);
    assert.ok(transport.log.slice(1).every((l) => /limit=40&continue=[\w-]+/.test(l)));
    const unpaged = await transport.request<{ items: ConfigMap[] }>({ verb: 'list', method: 'GET', path });
    assert.deepEqual(
      names,
      unpaged.items.map((o) => o.metadata.name),
    );
  });

  it('gathers pages and yields items one by one, with selectors', async () => {
    const all = await listAll<ConfigMap>(transport, path, { limit: 33 });
    assert.equal(all.items.length, 251);
    assert.equal(all.resourceVersion, String(server.resourceVersion));
    let count = 0;
    for await (const item of listItems<ConfigMap>(transport, path, { limit: 7, labelSelector: 'tier=cache' })) {
      assert.equal(item.metadata.labels?.tier, 'cache');
      count++;
    }
    assert.equal(count, 50);
  });

  it('turns an expired continue token into a clear error by default', async () => {
    const pages = listPages<ConfigMap>(transport, path, { limit: 100 });
    const first = await pages.next();
    assert.equal(first.value?.items.length, 100);
    await touch();
    server.compact();
    await assert.rejects(pages.next(), (err: unknown) => {
      assert.ok(err instanceof ListExpiredError);
      assert.equal(err.status, 410);
      assert.equal(err.pagesRead, 1);
      assert.match(
        err.message,
        /list GET \/api\/v1\/namespaces\/default\/configmaps: the continue token expired after 1 page \(410 Expired\)/,
      );
      return true;
    });
  });

  it('restarts from the first page when asked, seeing changes made meanwhile', async () => {
    let served = 0;
    const compacting = wrap(transport, async () => {
      if (++served === 2) {
        await transport.request({
          verb: 'create',
          method: 'POST',
          path,
          body: { metadata: { name: 'late-arrival' }, data: {} },
        });
        server.compact();
      }
    });
    const pages = [];
    for await (const page of listPages<ConfigMap>(compacting, path, { limit: 100, onExpired: 'restart' }))
      pages.push(page);
    assert.deepEqual(
      pages.map((p) => p.restarted),
      [false, true, false, false],
    );
    const all = await listAll<ConfigMap>(compacting, path, { limit: 100, onExpired: 'restart' });
    assert.equal(all.items.length, 252);
    assert.ok(all.items.some((o) => o.metadata.name === 'late-arrival'));
  });

  it('falls back to one unpaged list when the token keeps expiring', async () => {
    const always = wrap(transport, async (req) => {
      if (req.query?.continue !== undefined) {
        await touch();
        server.compact();
      }
    });
    transport.log.length = 0;
    const all = await listAll<ConfigMap>(always, path, { limit: 100, onExpired: 'restart', maxRestarts: 1 });
    assert.equal(all.items.length, 252);
    assert.deepEqual(
      transport.log
        .filter((l) => l.startsWith('list '))
        .map((l) => (l.includes('continue=') ? 'next' : l.includes('limit=') ? 'first' : 'unpaged')),
      ['first', 'next', 'first', 'next', 'unpaged'],
    );
  });
});

/** A transport that runs `before` ahead of every request, to change the server between pages. */
function wrap(inner: Transport, before: (req: ApiRequest) => Promise<void>): Transport {
  return {
    namespace: inner.namespace,
    request: async <T>(req: ApiRequest) => {
      await before(req);
      return inner.request<T>(req);
    },
    stream: (req) => inner.stream(req),
    watch: <T>(req: ApiRequest) => inner.watch<T>(req),
    connect: (req) => inner.connect(req),
  };
}
