// A generated client checks discovery on first use: against a cluster that does not serve its group-version it
// fails with the runtime's NotServedError naming what the cluster serves, instead of a bare 404. One discovery request per
// transport and group-version, shared by concurrent first calls; `{ discovery: false }` turns it off.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { ApiError, type Client, NotServedError, type Transport } from '@kubegen/runtime';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { buildModel } from '../../core/model/build.ts';
import { renderFiles } from '../../generator/emit/render.ts';
import { writeOutput } from '../../generator/pipeline/write.ts';
import { coreV1 } from '../../generated/example/core/v1.ts';
import { exampleKubegenDevV1 } from '../../generated/example/example.kubegen.dev/v1.ts';
import { startRecordingServer, TestTransport, type RecordingServer } from '../helpers/recording-server.ts';
import { projectRoot } from '../helpers/shared.ts';
import { clientOf, factoryFrom, rejection, type Factory } from '../helpers/generated-client.ts';

const exampleSpec = join(projectRoot, 'examples', 'widgets-api.yaml');
const work = join(projectRoot, 'test', '.work', 'emit-discovery');

describe('discovery on first use, counted on a recording server', () => {
  let server: RecordingServer;
  before(async () => (server = await startRecordingServer()));
  after(() => server.close());
  const paths = (from: number) => server.requests.slice(from).map((r) => `${r.method} ${r.path}`);

  it('asks once per transport and group-version, before the first call, shared by concurrent first calls', async () => {
    const start = server.requests.length;
    const t = new TestTransport(server.url, 'team-a');
    const ex = exampleKubegenDevV1(t);
    await Promise.all([ex.widgets.get('a'), ex.widgets.get('b')]);
    await exampleKubegenDevV1(t).widgetclasses.list(); // another client object, same transport: no new check
    await coreV1(t).configmaps.list();
    const seen = paths(start);
    assert.deepEqual(
      seen.filter((p) => !p.includes('/namespaces/') && !p.endsWith('/widgetclasses') && !p.endsWith('/configmaps')),
      ['GET /apis/example.kubegen.dev/v1', 'GET /api/v1'],
    );
    assert.equal(seen[0], 'GET /apis/example.kubegen.dev/v1', 'discovery comes first');
    assert.equal(seen.length, 6);
    const again = server.requests.length;
    await exampleKubegenDevV1(new TestTransport(server.url)).widgets.get('a');
    assert.deepEqual(
      paths(again),
      ['GET /apis/example.kubegen.dev/v1', 'GET /apis/example.kubegen.dev/v1/namespaces/default/widgets/a'],
      'a new transport asks again',
    );
  });

  it('sends no discovery request with { discovery: false }', async () => {
    const start = server.requests.length;
    await exampleKubegenDevV1(new TestTransport(server.url), { discovery: false }).widgets.get('a');
    assert.deepEqual(paths(start), ['GET /apis/example.kubegen.dev/v1/namespaces/default/widgets/a']);
  });

  it('does not block calls when discovery gives no answer (403, network): the call reports for itself', async () => {
    const start = server.requests.length;
    const t = new TestTransport(server.url);
    const denied: Transport = {
      ...transportOf(t),
      request: (req) =>
        req.path === '/api/v1'
          ? Promise.reject(Object.assign(new Error('forbidden'), { status: 403 }))
          : t.request(req),
    };
    await coreV1(denied).configmaps.get('cm');
    await coreV1(denied).configmaps.get('cm');
    assert.deepEqual(paths(start), [
      'GET /api/v1/namespaces/default/configmaps/cm',
      'GET /api/v1/namespaces/default/configmaps/cm',
    ]);
  });
});

/** A plain object view of a transport (methods bound), to override one of them. */
function transportOf(t: Transport): Transport {
  return {
    namespace: t.namespace,
    request: (r) => t.request(r),
    stream: (r) => t.stream(r),
    watch: (r) => t.watch(r),
    connect: (r) => t.connect(r),
  };
}

describe('discovery against the test API server (the example spec)', () => {
  let server: ApiServer;
  let client: Client;
  let beta: Factory;
  let gone: Factory;
  before(async () => {
    server = await startApiServer({ specs: [exampleSpec] });
    client = clientOf(server);
    // Clients of group-versions this server does not serve: the example's group moved to v1beta1, and a group it has never had.
    const doc = parse(readFileSync(exampleSpec, 'utf8')) as { paths: Record<string, unknown> };
    const moved = (from: string, to: string) => ({
      ...doc,
      paths: Object.fromEntries(Object.entries(doc.paths).map(([p, v]) => [p.replace(from, to), v])),
    });
    writeOutput(
      join(work, 'beta'),
      renderFiles(
        buildModel([
          { file: 'beta.json', doc: moved('/apis/example.kubegen.dev/v1/', '/apis/example.kubegen.dev/v1beta1/') },
        ]),
      ),
    );
    writeOutput(
      join(work, 'gone'),
      renderFiles(
        buildModel([{ file: 'gone.json', doc: moved('/apis/example.kubegen.dev/v1/', '/apis/gone.kubegen.dev/v1/') }]),
      ),
    );
    beta = await factoryFrom(join(work, 'beta', 'example.kubegen.dev', 'v1beta1.ts'), 'exampleKubegenDevV1beta1');
    gone = await factoryFrom(join(work, 'gone', 'gone.kubegen.dev', 'v1.ts'), 'goneKubegenDevV1');
  });
  after(async () => {
    await client.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves the calls of a served group-version as usual', async () => {
    const ex = exampleKubegenDevV1(client);
    await ex.widgets.create({
      apiVersion: 'example.kubegen.dev/v1',
      kind: 'Widget',
      metadata: { name: 'w1' },
      spec: { size: 'small' },
    });
    assert.equal((await ex.widgets.get('w1')).metadata?.name, 'w1');
    assert.ok(Array.isArray((await coreV1(client).configmaps.list()).items));
  });

  it('names the served versions when a version of the group is gone', async () => {
    const err = await rejection(beta(client).widgets!.list!());
    assert.ok(err instanceof NotServedError, String(err));
    assert.equal(
      err.message,
      'group-version example.kubegen.dev/v1beta1 is not served by this cluster (served: example.kubegen.dev/v1)',
    );
    assert.deepEqual(
      { ...(err as unknown as { apiVersion: string; served: string[] }) },
      { apiVersion: 'example.kubegen.dev/v1beta1', served: ['example.kubegen.dev/v1'], name: 'NotServedError' },
    );
  });

  it('says so when the cluster serves no version of the group; watches fail the same way', async () => {
    const err = await rejection(gone(client).widgets!.get!('w1'));
    assert.equal(
      (err as Error).message,
      'group-version gone.kubegen.dev/v1 is not served by this cluster (served: no version of this group)',
    );
    const watch = gone(client).widgets!.watch!() as AsyncIterable<unknown>;
    await assert.rejects(async () => {
      for await (const _ of watch) assert.fail('no event from an unserved group-version');
    }, /group-version gone\.kubegen\.dev\/v1 is not served by this cluster/);
  });

  it('without the check, the same call is the bare 404 it replaces', async () => {
    const err = await rejection(beta(client, { discovery: false }).widgets!.list!());
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.status, 404);
  });

  it("re-exports the runtime's error class from the generated index", async () => {
    const index = (await import(pathToFileURL(join(projectRoot, 'generated', 'example', 'index.ts')).href)) as {
      NotServedError: unknown;
    };
    assert.equal(index.NotServedError, NotServedError);
  });
});
