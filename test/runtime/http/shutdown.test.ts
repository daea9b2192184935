// Shutting a client down: close() with watches and followed streams open resolves promptly and ends them;
// destroy() after close() closes every socket and ends every consumer; a Watcher on a closed or destroyed client
// ends (with ClientClosedError) instead of retrying forever, and so does an informer, telling its error handler.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, ClientClosedError, Informer, noCredentials, Watcher } from '@kubegen/runtime';
import { startWireServer, type WireServer } from '../helpers/wire.ts';

/** Settles within `ms`, or says which promise hung. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

describe('client shutdown', () => {
  let wire: WireServer;
  const open = new Set<string>();
  before(async () => {
    wire = await startWireServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (!req.url.includes('watch=true') && !req.url.includes('follow=true'))
        return void res.end('{"kind":"ConfigMapList","metadata":{"resourceVersion":"5"},"items":[]}');
      open.add(req.url);
      res.on('close', () => open.delete(req.url));
      res.write(
        `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'x', namespace: 'default', resourceVersion: '6' } } })}\n`,
      );
      // then nothing: an open watch (or a followed log)
    });
  });
  after(() => wire?.close());

  const client = () =>
    new Client(
      { server: wire.url, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
      { onWarning: false },
    );
  const consume = (iterable: AsyncIterable<unknown>) =>
    (async () => {
      for await (const _ of iterable) void _;
    })().then(
      () => 'ended',
      (e: unknown) => e,
    );

  it('close() with a watch and a followed log open resolves promptly and ends both', async () => {
    const c = client();
    const watch = consume(c.watch({ verb: 'watch', method: 'GET', path: '/w/1', query: { watch: true } }));
    const log = consume(await c.stream({ verb: 'get', method: 'GET', path: '/log/1', query: { follow: true } }));
    while (open.size < 2) await new Promise((r) => setTimeout(r, 10));
    await within(2_000, 'close()', c.close());
    assert.equal(await within(2_000, 'the watch consumer', watch), 'ended');
    assert.equal(await within(2_000, 'the log consumer', log), 'ended');
    for (let i = 0; i < 50 && open.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(open.size, 0, 'the server saw both streams end');
    const late = await c.request({ verb: 'get', method: 'GET', path: '/after' }).catch((e: unknown) => e);
    assert.ok(late instanceof ClientClosedError, String(late));
    assert.equal(late.message, 'get GET /after: the client is closed');
  });

  it('destroy() after a close() that waits closes the watch socket and ends its consumer', async () => {
    const c = client();
    const slow = c
      .request({ verb: 'get', method: 'GET', path: '/w/slow', query: { follow: true } })
      .catch((e: unknown) => e);
    const watch = consume(c.watch({ verb: 'watch', method: 'GET', path: '/w/2', query: { watch: true } }));
    while (open.size < 2) await new Promise((r) => setTimeout(r, 10));
    const closing = c.close();
    await within(2_000, 'destroy()', c.destroy());
    await within(2_000, 'close() after destroy()', closing);
    assert.notEqual(await within(2_000, 'the watch consumer', watch), undefined);
    assert.ok((await within(2_000, 'the hung request', slow)) instanceof Error);
    for (let i = 0; i < 50 && open.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(open.size, 0, 'no socket left open');
  });

  it('a Watcher on a destroyed client ends with ClientClosedError instead of retrying forever', async () => {
    const c = client();
    const errors: unknown[] = [];
    const watcher = new Watcher(c, '/w/3', {
      backoff: { initialMs: 5, maxMs: 10 },
      onError: (e) => void errors.push(e),
    });
    const ended = consume(watcher);
    while (open.size < 1) await new Promise((r) => setTimeout(r, 10));
    await c.destroy();
    const result = await within(3_000, 'the watcher', ended);
    assert.ok(result instanceof ClientClosedError, String(result));
    assert.ok(errors.length <= 2, `${errors.length} errors before it ended`);
    assert.equal(watcher.state.phase, 'stopped');
  });

  for (const how of ['close', 'destroy'] as const) {
    it(`an informer on a client that is shut down (${how}()) stops, saying why, instead of retrying forever`, async () => {
      const c = client();
      const reported: { error: unknown; fatal: boolean }[] = [];
      const informer = new Informer(c, '/w/informer', {
        backoff: { initialMs: 5, maxMs: 10 },
        onError: (error, context) => void reported.push({ error, fatal: context.fatal }),
      });
      const running = informer.start().then(
        () => 'stopped',
        (e: unknown) => e,
      );
      await informer.synced;
      while (![...open].some((url) => url.startsWith('/w/informer'))) await new Promise((r) => setTimeout(r, 10));
      await within(2_000, `${how}()`, c[how]());
      const result = await within(3_000, 'the informer', running);
      assert.ok(result instanceof ClientClosedError, String(result));
      assert.deepEqual(
        reported.map((r) => [r.error instanceof ClientClosedError, r.fatal]),
        [[true, true]],
      );
      const health = informer.health();
      assert.equal(health.phase, 'stopped');
      assert.equal(health.error, result);
    });
  }
});
