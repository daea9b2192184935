// Each fault-injection hook does what it says: delay, 429 with Retry-After, 500/503, dropped connections,
// watches cut mid-line, watches expired by rule and all at once.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { fixtureSpecPaths } from '../helpers/server.ts';
import { call, watch } from '../helpers/server-http.ts';

const cms = '/api/v1/namespaces/default/configmaps';

describe('fault injection', () => {
  let server: ApiServer;
  const create = (name: string) =>
    call(server.url, 'POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

  before(async () => {
    server = await startApiServer({ specs: fixtureSpecPaths() });
  });
  afterEach(() => server.clearFaults());
  after(async () => {
    await server?.stop();
  });

  it('delays matching requests', async () => {
    server.injectFault({ match: { verb: 'list', resource: 'configmaps' }, fault: { type: 'delay', ms: 1500 } });
    const t0 = Date.now();
    assert.equal((await call(server.url, 'GET', cms)).status, 200);
    assert.ok(Date.now() - t0 >= 1490);
    // Another request is not held (a bound with room for a busy machine, well below the delay).
    const t1 = Date.now();
    assert.equal((await call(server.url, 'GET', '/api/v1/namespaces/default/secrets')).status, 200);
    assert.ok(Date.now() - t1 < 1000);
  });

  it('answers 429 with Retry-After, for as many requests as told', async () => {
    server.injectFault({ match: { path: cms }, fault: { type: 'throttle', retryAfterSeconds: 2 }, times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await call(server.url, 'GET', cms);
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '2');
      assert.equal(r.body.reason, 'TooManyRequests');
      assert.deepEqual(r.body.details, { retryAfterSeconds: 2 });
    }
    assert.equal((await call(server.url, 'GET', cms)).status, 200);
  });

  it('answers 500 and 503 Status errors without touching state', async () => {
    const before = server.resourceVersion;
    server.injectFault({ match: { method: 'POST' }, fault: { type: 'error', code: 500 }, times: 1 });
    const r500 = await create('never');
    assert.equal(r500.status, 500);
    assert.equal(r500.body.reason, 'InternalError');
    server.injectFault({ match: { method: 'POST' }, fault: { type: 'error', code: 503 }, times: 1 });
    const r503 = await create('never');
    assert.equal(r503.status, 503);
    assert.equal(r503.body.reason, 'ServiceUnavailable');
    assert.equal(server.resourceVersion, before);
    assert.equal((await call(server.url, 'GET', `${cms}/never`)).status, 404);
  });

  it('drops the connection without an answer', async () => {
    server.injectFault({ match: { path: /\/configmaps$/ }, fault: { type: 'drop' }, times: 1 });
    await assert.rejects(fetch(server.url + cms));
    assert.equal((await call(server.url, 'GET', cms)).status, 200);
  });

  it('cuts a watch stream in the middle of a line', async () => {
    await create('cut-a');
    await create('cut-b');
    server.injectFault({ match: { resource: 'configmaps' }, fault: { type: 'cutWatch', afterEvents: 1 }, times: 1 });
    const w = await watch(server.url, `${cms}?watch=true`);
    assert.equal((await w.next())!.type, 'ADDED');
    assert.equal(await w.next(), undefined);
    assert.ok(w.rest.length > 0, 'part of a line was sent');
    assert.throws(() => JSON.parse(w.rest));
  });

  it('expires a watch by rule with an ERROR 410 event', async () => {
    server.injectFault({ match: { resource: 'configmaps' }, fault: { type: 'expireWatch', afterEvents: 1 }, times: 1 });
    const w = await watch(server.url, `${cms}?watch=true`);
    assert.equal((await w.next())!.type, 'ADDED');
    const e = (await w.next())!;
    assert.equal(e.type, 'ERROR');
    assert.equal(e.object.code, 410);
    assert.equal(await w.next(), undefined);
  });

  it('expires every open watch and compacts, so resuming from an old version gets 410', async () => {
    const rv = server.resourceVersion;
    const w = await watch(server.url, `${cms}?watch=true&resourceVersion=${rv}`);
    await create('before-expiry');
    assert.equal((await w.next())!.type, 'ADDED');
    server.expireWatches();
    const e = (await w.next())!;
    assert.equal(e.type, 'ERROR');
    assert.equal(e.object.reason, 'Expired');
    const again = await watch(server.url, `${cms}?watch=true&resourceVersion=${rv}`);
    assert.equal((await again.next())!.object.code, 410);
  });
});
