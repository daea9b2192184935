// The HTTP client against the test API server over HTTPS with a token: the verbs a generated client uses, typed
// errors for the answers kube-apiserver gives, and network errors that keep their cause.
import assert from 'node:assert/strict';
import { closedPort } from '../helpers/wire.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  Client,
  connect,
  isAlreadyExists,
  isConflict,
  isGone,
  isNotFound,
  NetworkError,
  runtimeVersion,
  type ClusterConnection,
} from '@kubegen/runtime';
import { startApiServer, type ApiServer } from '../../../server/index.ts';
import { fixtureSpecPaths } from '../../helpers/server.ts';
import { projectRoot } from '../../helpers/shared.ts';
import { connectionTo } from '../helpers/client.ts';

interface ConfigMap {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; managedFields?: { manager: string }[] };
  data?: Record<string, string>;
}

const configmaps = '/api/v1/namespaces/default/configmaps';
const cm = (name: string, data: Record<string, string> = {}): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

describe('runtime client: requests and errors over HTTPS', () => {
  let server: ApiServer;
  let client: Client;
  before(async () => {
    server = await startApiServer({ specs: fixtureSpecPaths(), tls: true, auth: true });
    client = new Client(connectionTo(server, { token: server.credentials.token }), { retry: false });
  });
  after(async () => {
    await client?.close();
    await server?.stop();
  });

  it('creates, reads, lists, replaces, patches and deletes, naming itself kubegen', async () => {
    const created = await client.request<ConfigMap>({
      verb: 'create',
      method: 'POST',
      path: configmaps,
      body: cm('crud', { a: '1' }),
    });
    assert.equal(created.metadata.namespace, 'default');
    assert.equal(
      created.metadata.managedFields?.[0]?.manager,
      'kubegen',
      'the field manager comes from our User-Agent',
    );
    assert.match(runtimeVersion, /^\d+\.\d+\.\d+/);
    const got = await client.request<ConfigMap>({ verb: 'get', method: 'GET', path: `${configmaps}/crud` });
    assert.deepEqual(got.data, { a: '1' });
    const list = await client.request<{ items: ConfigMap[] }>({
      verb: 'list',
      method: 'GET',
      path: configmaps,
      query: { labelSelector: undefined, limit: 10 },
    });
    assert.ok(list.items.some((o) => o.metadata.name === 'crud'));
    const replaced = await client.request<ConfigMap>({
      verb: 'update',
      method: 'PUT',
      path: `${configmaps}/crud`,
      body: { ...got, data: { a: '2' } },
    });
    assert.deepEqual(replaced.data, { a: '2' });
    const merged = await client.request<ConfigMap>({
      verb: 'patch',
      method: 'PATCH',
      path: `${configmaps}/crud`,
      body: { data: { b: '3' } },
      contentType: 'application/merge-patch+json',
    });
    assert.deepEqual(merged.data, { a: '2', b: '3' });
    const jsonPatched = await client.request<ConfigMap>({
      verb: 'patch',
      method: 'PATCH',
      path: `${configmaps}/crud`,
      body: [{ op: 'remove', path: '/data/a' }],
      contentType: 'application/json-patch+json',
    });
    assert.deepEqual(jsonPatched.data, { b: '3' });
    const status = await client.request<{ kind: string }>({
      verb: 'delete',
      method: 'DELETE',
      path: `${configmaps}/crud`,
    });
    assert.ok(status.kind === 'ConfigMap' || status.kind === 'Status');
    await assert.rejects(client.request({ verb: 'get', method: 'GET', path: `${configmaps}/crud` }), isNotFound);
  });

  it('turns NotFound, AlreadyExists, Conflict and Gone into ApiErrors with the Status fields, verb and path', async () => {
    const missing = await client
      .request({ verb: 'get', method: 'GET', path: `${configmaps}/nope`, query: { pretty: 'private-query-value' } })
      .catch((e: unknown) => e);
    assert.ok(missing instanceof ApiError);
    assert.equal(missing.status, 404);
    assert.equal(missing.reason, 'NotFound');
    assert.equal(missing.statusMessage, 'configmaps "nope" not found');
    assert.equal(missing.details?.name, 'nope');
    assert.equal(missing.details?.kind, 'configmaps');
    assert.equal(missing.verb, 'get');
    assert.equal(missing.method, 'GET');
    assert.equal(missing.path, `${configmaps}/nope`);
    assert.equal(missing.message, `get GET ${configmaps}/nope: 404 NotFound: configmaps "nope" not found`);
    assert.ok(!missing.message.includes('private-query-value'), 'the query string stays out of messages');
    assert.ok(isNotFound(missing) && !isConflict(missing) && !isGone(missing));

    await client.request({ verb: 'create', method: 'POST', path: configmaps, body: cm('twice') });
    const taken = await client
      .request({ verb: 'create', method: 'POST', path: configmaps, body: cm('twice') })
      .catch((e: unknown) => e);
    assert.ok(taken instanceof ApiError && isAlreadyExists(taken) && !isConflict(taken));
    assert.equal(taken.reason, 'AlreadyExists');
    assert.equal(taken.details?.name, 'twice');

    const current = await client.request<ConfigMap>({ verb: 'get', method: 'GET', path: `${configmaps}/twice` });
    await client.request({
      verb: 'update',
      method: 'PUT',
      path: `${configmaps}/twice`,
      body: { ...current, data: { v: '1' } },
    });
    const stale = await client
      .request({ verb: 'update', method: 'PUT', path: `${configmaps}/twice`, body: { ...current, data: { v: '2' } } })
      .catch((e: unknown) => e);
    assert.ok(stale instanceof ApiError && isConflict(stale) && !isAlreadyExists(stale));
    assert.equal(stale.status, 409);
    assert.equal(stale.reason, 'Conflict');

    await client.request({ verb: 'create', method: 'POST', path: configmaps, body: cm('another') });
    const first = await client.request<{ metadata: { continue?: string } }>({
      verb: 'list',
      method: 'GET',
      path: configmaps,
      query: { limit: 1 },
    });
    assert.ok(first.metadata.continue, 'two configmaps exist, so a continue token');
    await client.request({
      verb: 'patch',
      method: 'PATCH',
      path: `${configmaps}/twice`,
      body: { data: { v: '3' } },
      contentType: 'application/merge-patch+json',
    });
    server.compact();
    const expired = await client
      .request({
        verb: 'list',
        method: 'GET',
        path: configmaps,
        query: { limit: 1, continue: first.metadata.continue },
      })
      .catch((e: unknown) => e);
    assert.ok(expired instanceof ApiError && isGone(expired), String(expired));
    assert.equal(expired.status, 410);
    assert.equal(expired.reason, 'Expired');
  });

  it('keeps the cause of a network failure (connection refused) and retries reads before giving up', async () => {
    const port = await closedPort();
    const retries: number[] = [];
    const conn: ClusterConnection = {
      ...connectionTo(server, { token: 'unused-token-value' }),
      server: `https://127.0.0.1:${port}`,
    };
    const refused = new Client(conn, {
      retry: { maxRetries: 2, baseMs: 5, capMs: 10, onRetry: (e) => retries.push(e.attempt) },
    });
    try {
      const err = await refused.request({ verb: 'list', method: 'GET', path: configmaps }).catch((e: unknown) => e);
      assert.ok(err instanceof NetworkError, String(err));
      assert.equal(err.code, 'ECONNREFUSED');
      assert.equal((err.cause as { code?: string }).code, 'ECONNREFUSED');
      assert.match(err.message, /^list GET \/api\/v1\/namespaces\/default\/configmaps: .*ECONNREFUSED/);
      assert.deepEqual(retries, [1, 2]);
      retries.length = 0;
      const create = await refused
        .request({ verb: 'create', method: 'POST', path: configmaps, body: cm('never') })
        .catch((e: unknown) => e);
      assert.ok(create instanceof NetworkError);
      assert.deepEqual(retries, [], 'a create is never repeated');
    } finally {
      await refused.close();
    }
  });

  it('connect() picks in-cluster files when running in a pod, else the kubeconfig, and says which', async () => {
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    const dir = mkdtempSync(join(projectRoot, 'test', '.work', 'connect-'));
    try {
      const kubeconfig = join(dir, 'config');
      writeFileSync(kubeconfig, server.kubeconfig({ namespace: 'kube-public' }), { mode: 0o600 });
      const sa = join(dir, 'serviceaccount');
      mkdirSync(sa);
      writeFileSync(join(sa, 'token'), server.credentials.token!);
      writeFileSync(join(sa, 'ca.crt'), server.ca!);
      writeFileSync(join(sa, 'namespace'), 'kube-system');
      const env = { KUBECONFIG: kubeconfig, HOME: dir };
      const fromConfig = await connect({ env, inCluster: { env, dir: sa } });
      const inPod = { ...env, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(server.port) };
      const fromPod = await connect({ env: inPod, inCluster: { env: inPod, dir: sa } });
      try {
        assert.equal(fromConfig.describe().origin.kind, 'kubeconfig');
        assert.match(fromConfig.describe().chosen, /^kubeconfig context "kubegen"/);
        assert.equal(fromConfig.namespace, 'kube-public');
        assert.equal(fromPod.describe().origin.kind, 'in-cluster');
        assert.match(fromPod.describe().chosen, /^in-cluster service account/);
        assert.equal(fromPod.namespace, 'kube-system');
        for (const c of [fromConfig, fromPod]) {
          const ns = await c.request<{ metadata: { name: string } }>({
            verb: 'get',
            method: 'GET',
            path: `/api/v1/namespaces/${c.namespace}`,
          });
          assert.equal(ns.metadata.name, c.namespace);
          assert.ok(!JSON.stringify(c.describe()).includes(server.credentials.token!));
        }
      } finally {
        await fromConfig.close();
        await fromPod.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
