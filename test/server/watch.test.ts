// Watches on the wire: events from a resourceVersion, selector transitions, bookmarks, initial events,
// timeouts, 410 Expired once the window has moved on, and the change log matching what watchers saw.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { fixtureSpecPaths } from '../helpers/server.ts';
import { call, watch } from '../helpers/server-http.ts';

const cms = '/api/v1/namespaces/default/configmaps';

describe('watch', () => {
  let server: ApiServer;
  let base: string;
  const create = async (name: string, labels: Record<string, string> = {}) => {
    const r = await call(base, 'POST', cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, labels },
      data: { n: '0' },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return (r.body.metadata as { resourceVersion: string }).resourceVersion;
  };
  const set = async (name: string, patch: unknown) => {
    const r = await call(base, 'PATCH', `${cms}/${name}`, patch, 'application/merge-patch+json');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return (r.body.metadata as { resourceVersion: string }).resourceVersion;
  };

  before(async () => {
    server = await startApiServer({ specs: fixtureSpecPaths(), watchWindow: 8, bookmarkIntervalMs: 200 });
    base = server.url;
  });
  after(async () => {
    await server?.stop();
  });

  it('streams ADDED, MODIFIED and DELETED from a resourceVersion, in order', async () => {
    const rv = await create('w1');
    const w = await watch(base, `${cms}?watch=true&resourceVersion=${rv}`);
    assert.equal(w.status, 200);
    await set('w1', { data: { n: '1' } });
    await create('w2');
    assert.equal((await call(base, 'DELETE', `${cms}/w1`)).status, 200);
    const seen = [];
    for (let i = 0; i < 3; i++) {
      const e = (await w.next())!;
      seen.push(`${e.type} ${e.object.metadata!.name as string}`);
    }
    assert.deepEqual(seen, ['MODIFIED w1', 'ADDED w2', 'DELETED w1']);
    w.close();
  });

  it('replays changes after the given resourceVersion and delivers each change exactly once', async () => {
    const start = String(server.resourceVersion);
    const w = await watch(base, `${cms}?watch=true&resourceVersion=${start}`);
    await create('once-a');
    await set('once-a', { data: { n: '2' } });
    await create('once-b');
    const expected = server
      .changes()
      .filter((c) => Number(c.resourceVersion) > Number(start) && c.bucket === '/configmaps');
    const got = [];
    for (let i = 0; i < expected.length; i++) got.push((await w.next())!);
    assert.deepEqual(
      got.map((e) => `${e.type}@${e.object.metadata!.resourceVersion as string}`),
      expected.map((c) => `${c.type}@${c.resourceVersion}`),
    );
    w.close();
  });

  it('turns selector transitions into ADDED and DELETED', async () => {
    await create('sel', { team: 'a' });
    const w = await watch(base, `${cms}?watch=true&labelSelector=team%3Da&resourceVersion=${server.resourceVersion}`);
    await set('sel', { metadata: { labels: { team: 'b' } } });
    await set('sel', { metadata: { labels: { team: 'a' } } });
    assert.equal((await w.next())!.type, 'DELETED');
    assert.equal((await w.next())!.type, 'ADDED');
    w.close();
  });

  it('sends initial events and the initial-events-end bookmark, then periodic bookmarks', async () => {
    const w = await watch(
      base,
      `${cms}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
    );
    const listed = ((await call(base, 'GET', cms)).body.items as unknown[]).length;
    for (let i = 0; i < listed; i++) assert.equal((await w.next())!.type, 'ADDED');
    const end = (await w.next())!;
    assert.equal(end.type, 'BOOKMARK');
    assert.deepEqual((end.object.metadata as { annotations: unknown }).annotations, {
      'k8s.io/initial-events-end': 'true',
    });
    const periodic = (await w.next(2000))!;
    assert.equal(periodic.type, 'BOOKMARK');
    assert.equal(periodic.object.kind, 'ConfigMap');
    w.close();
  });

  it('ends the stream after timeoutSeconds', async () => {
    const started = Date.now();
    const w = await watch(base, `${cms}?watch=true&resourceVersion=${server.resourceVersion}&timeoutSeconds=1`);
    assert.equal(await w.next(3000), undefined);
    assert.ok(Date.now() - started >= 900);
  });

  it('answers a watch from a compacted resourceVersion with an ERROR event carrying 410 Expired', async () => {
    const old = await create('old');
    for (let i = 0; i < 10; i++) await set('old', { data: { n: String(i + 10) } });
    const w = await watch(base, `${cms}?watch=true&resourceVersion=${old}`);
    assert.equal(w.status, 200);
    const e = (await w.next())!;
    assert.equal(e.type, 'ERROR');
    assert.equal(e.object.kind, 'Status');
    assert.equal(e.object.code, 410);
    assert.equal(e.object.reason, 'Expired');
    assert.match(String(e.object.message), /too old resource version/);
    assert.equal(await w.next(), undefined);
    const exact = await call(base, 'GET', `${cms}?resourceVersion=${old}&resourceVersionMatch=Exact`);
    assert.equal(exact.status, 410);
    assert.equal(exact.body.reason, 'Expired');
  });

  it('lists at an exact resourceVersion still in the window', async () => {
    const rv = await create('exact-a');
    await create('exact-b');
    const r = await call(base, 'GET', `${cms}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    assert.equal(r.status, 200);
    const names = (r.body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);
    assert.ok(names.includes('exact-a') && !names.includes('exact-b'), names.join(','));
    assert.equal((r.body.metadata as { resourceVersion: string }).resourceVersion, rv);
  });
});
