// Namespace lifecycle as kube-apiserver's NamespaceLifecycle admission enforces it: default, kube-system and
// kube-public cannot be deleted, and nothing new may be created in a namespace that is being terminated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { suiteApiServer, suiteKubectlSession } from '../helpers/server.ts';
import { sharedSkip } from '../helpers/shared.ts';

async function send(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function forbidden(message: string, details: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Forbidden',
    details,
    code: 403,
  };
}

describe('namespace lifecycle', { skip: sharedSkip || kubectlSkip }, () => {
  const s = suiteKubectlSession();

  it('refuses to delete the immortal namespaces, with kubectl and on the wire, and keeps them', async () => {
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const r = await s.run(['delete', 'namespace', name, '--wait=false']);
      assert.notEqual(r.code, 0, `deleting ${name} succeeded`);
      assert.equal(
        r.stderr.trim(),
        `Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`,
      );
    }
    const dry = await s.run(['delete', 'namespace', 'default', '--dry-run=server']);
    assert.match(dry.stderr, /namespaces "default" is forbidden: this namespace may not be deleted/);
    const wire = await send(`${s.server.url}/api/v1/namespaces/kube-public`, 'DELETE');
    assert.equal(wire.status, 403);
    assert.deepEqual(
      wire.body,
      forbidden('namespaces "kube-public" is forbidden: this namespace may not be deleted', {
        name: 'kube-public',
        kind: 'namespaces',
      }),
    );
    const phases = await s.run([
      'get',
      'namespaces',
      'default',
      'kube-system',
      'kube-public',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}={.status.phase} {end}',
    ]);
    assert.equal(phases.stdout.trim(), 'default=Active kube-system=Active kube-public=Active');
    assert.ok(
      !s.server.changes().some((c) => c.bucket === '/namespaces' && c.type !== 'ADDED'),
      'an immortal namespace changed',
    );
    // Other namespaces can still be deleted.
    assert.equal((await s.run(['create', 'namespace', 'short-lived'])).code, 0);
    assert.equal((await s.run(['delete', 'namespace', 'short-lived'])).code, 0);
  });

  it('labels every namespace with its own name, and keeps the label whatever a client writes', async () => {
    const shown = await s.run([
      'get',
      'namespaces',
      'default',
      'kube-system',
      '-o',
      'jsonpath={range .items[*]}{.metadata.labels.kubernetes\\.io/metadata\\.name} {end}',
    ]);
    assert.equal(shown.stdout.trim(), 'default kube-system');
    assert.equal((await s.run(['create', 'namespace', 'labelled'])).code, 0);
    const overwrite = await s.run([
      'label',
      'namespace',
      'labelled',
      '--overwrite',
      'kubernetes.io/metadata.name=other',
      'team=a',
    ]);
    assert.equal(overwrite.code, 0, overwrite.stderr);
    const selected = await s.run([
      'get',
      'namespaces',
      '-l',
      'kubernetes.io/metadata.name=labelled,team=a',
      '-o',
      'name',
    ]);
    assert.equal(selected.stdout.trim(), 'namespace/labelled');
  });

  it('refuses new content in a terminating namespace with 403 and the NamespaceTerminating cause', async () => {
    assert.equal((await s.run(['create', 'namespace', 'doomed'])).code, 0);
    assert.equal((await s.run(['create', 'configmap', 'held', '-n', 'doomed', '--from-literal=a=b'])).code, 0);
    // A finalizer keeps the namespace terminating until it is removed.
    assert.equal(
      (
        await s.run([
          'patch',
          'configmap',
          'held',
          '-n',
          'doomed',
          '-p',
          '{"metadata":{"finalizers":["example.com/hold"]}}',
        ])
      ).code,
      0,
    );
    assert.equal((await s.run(['delete', 'namespace', 'doomed', '--wait=false'])).code, 0);
    assert.match((await s.run(['get', 'namespace', 'doomed'])).stdout, /doomed\s+Terminating/);

    const r = await s.run(['create', 'configmap', 'late', '-n', 'doomed']);
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated/,
    );
    const applied = await s.run(['apply', '--server-side', '-f', '-'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: doomed\n',
    });
    assert.notEqual(applied.code, 0);
    assert.match(
      applied.stderr,
      /configmaps "applied" is forbidden: unable to create new content in namespace doomed because it is being terminated/,
    );

    const wire = await send(`${s.server.url}/api/v1/namespaces/doomed/secrets`, 'POST', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { generateName: 'gen-' },
    });
    assert.equal(wire.status, 403);
    assert.deepEqual(
      wire.body,
      forbidden(
        'secrets "" is forbidden: unable to create new content in namespace doomed because it is being terminated',
        {
          name: '',
          kind: 'secrets',
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: 'namespace doomed is being terminated',
              field: 'metadata.namespace',
            },
          ],
        },
      ),
    );
    const apps = await send(`${s.server.url}/apis/apps/v1/namespaces/doomed/deployments`, 'POST', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
    });
    assert.equal(apps.status, 403);
    assert.equal((apps.body.details as Record<string, unknown>).group, 'apps');
    assert.equal(
      apps.body.message,
      'deployments.apps "d" is forbidden: unable to create new content in namespace doomed because it is being terminated',
    );

    // Updates of what is already there still work; releasing the finalizer lets the namespace go.
    assert.equal(
      (
        await s.run([
          'patch',
          'configmap',
          'held',
          '-n',
          'doomed',
          '--type=json',
          '-p',
          '[{"op":"remove","path":"/metadata/finalizers"}]',
        ])
      ).code,
      0,
    );
    for (let i = 0; i < 50 && (await s.run(['get', 'namespace', 'doomed'])).code === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.match((await s.run(['get', 'namespace', 'doomed'])).stderr, /namespaces "doomed" not found/);
  });
});

describe('a terminating namespace on the wire', { skip: sharedSkip }, () => {
  const api = suiteApiServer();

  /** Creates `name` with a ConfigMap that a finalizer holds, and starts deleting it. */
  async function terminating(name: string): Promise<Record<string, unknown>> {
    assert.equal((await send(`${api.base}/api/v1/namespaces`, 'POST', { metadata: { name } })).status, 201);
    assert.equal(
      (
        await send(`${api.base}/api/v1/namespaces/${name}/configmaps`, 'POST', {
          metadata: { name: 'held', finalizers: ['example.com/hold'] },
        })
      ).status,
      201,
    );
    const deleted = await send(`${api.base}/api/v1/namespaces/${name}`, 'DELETE');
    assert.equal(deleted.status, 200);
    return deleted.body;
  }

  it('is still there, terminating, after an update that keeps its spec finalizer', async () => {
    await terminating('labelled');
    const patched = await fetch(`${api.base}/api/v1/namespaces/labelled`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { a: 'b' } } }),
    });
    assert.equal(patched.status, 200);
    const ns = await send(`${api.base}/api/v1/namespaces/labelled`, 'GET');
    assert.equal(ns.status, 200, 'the update deleted the namespace');
    assert.equal((ns.body.status as { phase?: string }).phase, 'Terminating');
    assert.equal((ns.body.metadata as { labels?: Record<string, string> }).labels?.a, 'b');
    assert.equal((await send(`${api.base}/api/v1/namespaces/labelled/configmaps/held`, 'GET')).status, 200);
  });

  it('finalized and created again under the same name, is not terminated by the old deletion', async () => {
    const marked = await terminating('reborn');
    // Finalizing the terminating namespace removes it at once, its held content aside.
    const finalized = await send(`${api.base}/api/v1/namespaces/reborn/finalize`, 'PUT', {
      ...marked,
      spec: { finalizers: [] },
    });
    assert.equal(finalized.status, 200);
    assert.equal((await send(`${api.base}/api/v1/namespaces/reborn`, 'GET')).status, 404);
    assert.equal((await send(`${api.base}/api/v1/namespaces`, 'POST', { metadata: { name: 'reborn' } })).status, 201);
    assert.equal(
      (await send(`${api.base}/api/v1/namespaces/reborn/configmaps`, 'POST', { metadata: { name: 'fresh' } })).status,
      201,
    );
    // The old deletion retries every 200 ms while the held ConfigMap remains: give it a few rounds.
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(
      (await send(`${api.base}/api/v1/namespaces/reborn/configmaps/fresh`, 'GET')).status,
      200,
      'the new namespace lost its content',
    );
    const ns = await send(`${api.base}/api/v1/namespaces/reborn`, 'GET');
    assert.equal((ns.body.status as { phase?: string }).phase, 'Active');
  });
});
