// Golden HTTP requests: every method of the example client, called through the runtime's Client against a
// recording server on 127.0.0.1, and each request it sends (method, path, query, headers, body) written to
// test/fixtures/golden/requests/example.http. A change to the emitter, the templates or the runtime that alters
// what goes on the wire shows as a diff to review; `UPDATE_GOLDEN=1` rewrites the file.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, noCredentials } from '@kubegen/runtime';
import { coreV1, type CoreV1Client } from '../../generated/example/core/v1.ts';
import {
  exampleKubegenDevV1,
  type ExampleKubegenDevV1Client,
  type Widget,
} from '../../generated/example/example.kubegen.dev/v1.ts';
import { assertGolden } from '../helpers/golden.ts';
import { startRecordingServer, type Recorded, type RecordingServer } from '../helpers/recording-server.ts';

interface Clients {
  core: CoreV1Client;
  ex: ExampleKubegenDevV1Client;
}

const widget: Widget = {
  apiVersion: 'example.kubegen.dev/v1',
  kind: 'Widget',
  metadata: { name: 'w1', labels: { app: 'web' } },
  spec: { size: 'small', replicas: 2, port: 'http', memory: '64Mi' },
};
const scale = { apiVersion: 'autoscaling/v1' as const, kind: 'Scale' as const, spec: { replicas: 3 } };

/** One call per generated method (patch once per patch type), keyed `resource[.subresource].method`. */
const calls: [method: string, call: (c: Clients) => Promise<unknown>][] = [
  [
    'configmaps.create',
    (c) => c.core.configmaps.create({ metadata: { name: 'cm' }, data: { a: 'b' } }, { dryRun: 'All' }),
  ],
  [
    'configmaps.delete',
    (c) => c.core.configmaps.delete('cm', { propagationPolicy: 'Foreground', gracePeriodSeconds: 0 }),
  ],
  [
    'configmaps.deleteCollection',
    (c) => c.core.configmaps.deleteCollection({ namespace: 'ns1', labelSelector: 'app=web' }),
  ],
  ['configmaps.get', (c) => c.core.configmaps.get('a b/c', { namespace: 'ns1' })],
  ['configmaps.list', (c) => c.core.configmaps.list({ allNamespaces: true, limit: 50, continue: 'token' })],
  ['configmaps.patch', (c) => c.core.configmaps.patch('cm', { data: { a: null } }, { type: 'strategic' })],
  ['configmaps.patch', (c) => c.core.configmaps.patch('cm', [{ op: 'remove', path: '/data/a' }], { type: 'json' })],
  [
    'configmaps.patch',
    (c) =>
      c.core.configmaps.patch(
        'cm',
        { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'c' } },
        { type: 'apply', fieldManager: 'golden', force: true },
      ),
  ],
  [
    'configmaps.update',
    (c) => c.core.configmaps.update('cm', { metadata: { name: 'cm' } }, { fieldManager: 'golden' }),
  ],
  ['configmaps.watch', (c) => drain(c.core.configmaps.watch({ resourceVersion: '10', allowWatchBookmarks: true }))],
  ['namespaces.create', (c) => c.core.namespaces.create({ metadata: { name: 'ns1' } })],
  ['namespaces.delete', (c) => c.core.namespaces.delete('ns1')],
  ['namespaces.get', (c) => c.core.namespaces.get('ns1')],
  ['namespaces.list', (c) => c.core.namespaces.list({ labelSelector: 'team in (a,b)' })],
  ['namespaces.watch', (c) => drain(c.core.namespaces.watch({ fieldSelector: 'metadata.name=ns1' }))],
  ['widgetclasses.create', (c) => c.ex.widgetclasses.create({ metadata: { name: 'small' }, defaultSize: 'small' })],
  ['widgetclasses.delete', (c) => c.ex.widgetclasses.delete('small', { dryRun: 'All' })],
  ['widgetclasses.get', (c) => c.ex.widgetclasses.get('small')],
  ['widgetclasses.list', (c) => c.ex.widgetclasses.list()],
  ['widgetclasses.patch', (c) => c.ex.widgetclasses.patch('small', { defaultSize: 'large' }, { type: 'merge' })],
  ['widgetclasses.update', (c) => c.ex.widgetclasses.update('small', { metadata: { name: 'small' } })],
  ['widgetclasses.watch', (c) => drain(c.ex.widgetclasses.watch({ timeoutSeconds: 30 }))],
  ['widgets.create', (c) => c.ex.widgets.create(widget, { fieldValidation: 'Strict' })],
  ['widgets.delete', (c) => c.ex.widgets.delete('w1', { body: { propagationPolicy: 'Orphan' } })],
  ['widgets.deleteCollection', (c) => c.ex.widgets.deleteCollection({ fieldSelector: 'metadata.name!=keep' })],
  ['widgets.get', (c) => c.ex.widgets.get('w1')],
  [
    'widgets.list',
    (c) => c.ex.widgets.list({ namespace: 'ns1', resourceVersion: '0', resourceVersionMatch: 'NotOlderThan' }),
  ],
  ['widgets.patch', (c) => c.ex.widgets.patch('w1', { spec: { replicas: 4 } }, { type: 'merge', dryRun: 'All' })],
  ['widgets.update', (c) => c.ex.widgets.update('w1', widget)],
  ['widgets.watch', (c) => drain(c.ex.widgets.watch({ allNamespaces: true, labelSelector: 'app=web' }))],
  ['widgets.scale.get', (c) => c.ex.widgets.scale.get('w1')],
  ['widgets.scale.patch', (c) => c.ex.widgets.scale.patch('w1', { spec: { replicas: 5 } }, { type: 'merge' })],
  ['widgets.scale.update', (c) => c.ex.widgets.scale.update('w1', scale)],
  ['widgets.status.get', (c) => c.ex.widgets.status.get('w1')],
  [
    'widgets.status.patch',
    (c) =>
      c.ex.widgets.status.patch('w1', [{ op: 'replace', path: '/status/readyReplicas', value: 2 }], { type: 'json' }),
  ],
  ['widgets.status.update', (c) => c.ex.widgets.status.update('w1', widget)],
];

async function drain(events: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** `resource.method` and `resource.subresource.method` of every function a client object holds. */
function methodsOf(client: object): string[] {
  const out: string[] = [];
  for (const [resource, members] of Object.entries(client))
    for (const [name, member] of Object.entries(members as object)) {
      if (typeof member === 'function') out.push(`${resource}.${name}`);
      else for (const sub of Object.keys(member as object)) out.push(`${resource}.${name}.${sub}`);
    }
  return out;
}

/** A request as an HTTP message: request line, headers, and the body (JSON indented) after a blank line. */
function shown(r: Recorded): string {
  const head = [`${r.method} ${r.target}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)];
  if (!r.body) return `${head.join('\n')}\n`;
  const body = /json/.test(r.contentType ?? '') ? JSON.stringify(JSON.parse(r.body), null, 2) : r.body;
  return `${head.join('\n')}\n\n${body}\n`;
}

describe('the example client on the wire (golden requests)', () => {
  let server: RecordingServer;
  let client: Client;
  before(async () => {
    server = await startRecordingServer();
    client = new Client(
      { server: server.url, namespace: 'team-a', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
      { userAgent: 'kubegen-golden', retry: false, onWarning: false },
    );
  });
  after(async () => {
    await client.close();
    await server.close();
  });

  it('calls every generated method', () => {
    const clients = { core: coreV1(client), ex: exampleKubegenDevV1(client) };
    const generated = [...methodsOf(clients.core), ...methodsOf(clients.ex)].sort();
    assert.deepEqual([...new Set(calls.map(([m]) => m))].sort(), generated);
  });

  it('sends what the golden file says, discovery first, once per group-version', async () => {
    const clients = { core: coreV1(client), ex: exampleKubegenDevV1(client) };
    const sections: string[] = [];
    for (const [method, call] of calls) {
      const from = server.requests.length;
      await call(clients);
      sections.push(`### ${method}\n\n${server.requests.slice(from).map(shown).join('\n')}`);
    }
    assertGolden('requests/example.http', sections.join('\n'));
  });
});
