// Generated clients over real HTTP: the example's client calls a recording server on 127.0.0.1 through a
// Transport, and each call must arrive as kube-apiserver expects it (method, path, query, content type, body).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { coreV1 } from '../../generated/example/core/v1.ts';
import { exampleKubegenDevV1 } from '../../generated/example/example.kubegen.dev/v1.ts';
import { startRecordingServer, TestTransport, type RecordingServer } from '../helpers/recording-server.ts';

describe('generated client over HTTP', () => {
  let server: RecordingServer;
  let transport: TestTransport;
  before(async () => {
    server = await startRecordingServer();
    transport = new TestTransport(server.url, 'team-a');
  });
  after(() => server.close());

  const last = () => server.requests.at(-1)!;

  it('lists in the transport namespace, a given namespace, or all namespaces, with typed query parameters', async () => {
    const core = coreV1(transport);
    await core.configmaps.list();
    assert.equal(last().path, '/api/v1/namespaces/team-a/configmaps');
    await core.configmaps.list({ namespace: 'default', labelSelector: 'app=web,tier!=db', limit: 5, continue: 'abc' });
    const { method, path, query, contentType, body } = last();
    assert.deepEqual(
      { method, path, query, contentType, body },
      {
        method: 'GET',
        path: '/api/v1/namespaces/default/configmaps',
        query: [
          ['labelSelector', 'app=web,tier!=db'],
          ['limit', '5'],
          ['continue', 'abc'],
        ],
        contentType: undefined,
        body: '',
      },
    );
    await core.configmaps.list({ allNamespaces: true, fieldSelector: 'metadata.name=x' });
    assert.equal(last().path, '/api/v1/configmaps');
    assert.deepEqual(last().query, [['fieldSelector', 'metadata.name=x']]);
  });

  it('creates, replaces and deletes with JSON bodies and escaped names', async () => {
    const ex = exampleKubegenDevV1(transport);
    const widget = {
      apiVersion: 'example.kubegen.dev/v1' as const,
      kind: 'Widget' as const,
      metadata: { name: 'w1' },
      spec: { size: 'small' as const, port: 8080 },
    };
    await ex.widgets.create(widget, { namespace: 'ns1', dryRun: 'All', fieldManager: 'me' });
    assert.equal(last().method, 'POST');
    assert.equal(last().path, '/apis/example.kubegen.dev/v1/namespaces/ns1/widgets');
    assert.equal(last().contentType, 'application/json');
    assert.deepEqual(JSON.parse(last().body), widget);
    assert.deepEqual(last().query, [
      ['dryRun', 'All'],
      ['fieldManager', 'me'],
    ]);
    await ex.widgets.update('a b/c', widget);
    assert.equal(last().method, 'PUT');
    assert.equal(last().path, '/apis/example.kubegen.dev/v1/namespaces/team-a/widgets/a%20b%2Fc');
    await ex.widgets.delete('w1', {
      propagationPolicy: 'Foreground',
      gracePeriodSeconds: 0,
      body: { dryRun: ['All'] },
    });
    assert.equal(last().method, 'DELETE');
    assert.deepEqual(last().query, [
      ['propagationPolicy', 'Foreground'],
      ['gracePeriodSeconds', '0'],
    ]);
    assert.deepEqual(JSON.parse(last().body), { dryRun: ['All'] });
    await ex.widgets.deleteCollection({ namespace: 'ns1', labelSelector: 'old=true' });
    assert.equal(last().path, '/apis/example.kubegen.dev/v1/namespaces/ns1/widgets');
    assert.equal(last().method, 'DELETE');
  });

  it('patches with the content type of each patch type', async () => {
    const ex = exampleKubegenDevV1(transport);
    await ex.widgets.patch('w1', { spec: { replicas: 3 } }, { type: 'merge' });
    assert.equal(last().contentType, 'application/merge-patch+json');
    assert.deepEqual(JSON.parse(last().body), { spec: { replicas: 3 } });
    await ex.widgets.patch('w1', [{ op: 'replace', path: '/spec/replicas', value: 2 }], { type: 'json' });
    assert.equal(last().contentType, 'application/json-patch+json');
    await ex.widgets.patch(
      'w1',
      { apiVersion: 'example.kubegen.dev/v1', kind: 'Widget', spec: { size: 'large' } },
      { type: 'apply', fieldManager: 'me', force: true },
    );
    assert.equal(last().contentType, 'application/apply-patch+yaml');
    assert.deepEqual(last().query, [
      ['fieldManager', 'me'],
      ['force', 'true'],
    ]);
    assert.equal(last().method, 'PATCH');
    assert.equal(last().path, '/apis/example.kubegen.dev/v1/namespaces/team-a/widgets/w1');
    const core = coreV1(transport);
    await core.configmaps.patch('cm', { data: { a: '1' } }, { type: 'strategic', namespace: 'kube-system' });
    assert.equal(last().contentType, 'application/strategic-merge-patch+json');
    assert.equal(last().path, '/api/v1/namespaces/kube-system/configmaps/cm');
  });

  it('reaches subresources and cluster-scoped resources', async () => {
    const ex = exampleKubegenDevV1(transport);
    await ex.widgets.scale.get('w1');
    assert.equal(last().path, '/apis/example.kubegen.dev/v1/namespaces/team-a/widgets/w1/scale');
    await ex.widgets.scale.patch('w1', { spec: { replicas: 4 } }, { type: 'merge' });
    assert.equal(last().path, '/apis/example.kubegen.dev/v1/namespaces/team-a/widgets/w1/scale');
    await ex.widgets.status.update('w1', {
      metadata: { name: 'w1' },
      spec: { size: 'small' },
      status: { replicas: 1 },
    });
    assert.equal(last().method, 'PUT');
    assert.equal(last().path, '/apis/example.kubegen.dev/v1/namespaces/team-a/widgets/w1/status');
    await ex.widgetclasses.get('fast');
    assert.equal(last().path, '/apis/example.kubegen.dev/v1/widgetclasses/fast');
    await coreV1(transport).namespaces.create({ metadata: { name: 'n2' } });
    assert.equal(last().path, '/api/v1/namespaces');
  });

  it('watches through the list path with watch=true and yields typed events', async () => {
    const ex = exampleKubegenDevV1(transport);
    const seen: string[] = [];
    for await (const event of ex.widgets.watch({
      allNamespaces: true,
      resourceVersion: '7',
      allowWatchBookmarks: true,
    })) {
      seen.push(`${event.type} ${event.type === 'ERROR' ? event.object.message : event.object.metadata?.name}`);
    }
    assert.deepEqual(seen, ['ADDED a', 'DELETED a']);
    assert.equal(last().path, '/apis/example.kubegen.dev/v1/widgets');
    assert.deepEqual(last().query, [
      ['resourceVersion', '7'],
      ['allowWatchBookmarks', 'true'],
      ['watch', 'true'],
    ]);
  });

  it('passes the abort signal and rejects an empty name before sending anything', async () => {
    const ex = exampleKubegenDevV1(transport);
    const count = server.requests.length;
    await assert.rejects(ex.widgets.get(''), /name must be a non-empty string/);
    assert.equal(server.requests.length, count);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(ex.widgets.get('w1', { signal: controller.signal }), /abort/i);
  });
});
