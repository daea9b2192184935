// The wire details a client can tell apart from kube-apiserver: discovery shapes, OpenAPI caching, list
// pagination, error Status bodies, finalizers, dry runs, bad bodies that must not change stored state.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { fixtureSpecPaths, suiteApiServer } from '../helpers/server.ts';
import { call } from '../helpers/server-http.ts';

const cms = '/api/v1/namespaces/default/configmaps';
const deployments = '/apis/apps/v1/namespaces/default/deployments';

describe('API server wire behaviour', () => {
  const api = suiteApiServer({ specs: fixtureSpecPaths() });

  it('serves /version and legacy discovery', async () => {
    const version = await call(api.base, 'GET', '/version');
    assert.equal(version.body.major, '1');
    assert.equal(version.body.minor, '35');
    const groups = await call(api.base, 'GET', '/apis');
    assert.equal(groups.body.kind, 'APIGroupList');
    const apps = (groups.body.groups as { name: string; preferredVersion: { groupVersion: string } }[]).find(
      (g) => g.name === 'apps',
    );
    assert.equal(apps?.preferredVersion.groupVersion, 'apps/v1');
    const core = await call(api.base, 'GET', '/api/v1');
    const resources = core.body.resources as Record<string, unknown>[];
    assert.deepEqual(
      resources.find((r) => r.name === 'pods'),
      {
        name: 'pods',
        singularName: 'pod',
        namespaced: true,
        kind: 'Pod',
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['po'],
        categories: ['all'],
      },
    );
    assert.deepEqual(
      resources.find((r) => r.name === 'pods/status'),
      { name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    );
    const scale = (await call(api.base, 'GET', '/apis/apps/v1')).body.resources as Record<string, unknown>[];
    assert.deepEqual(
      scale.find((r) => r.name === 'deployments/scale'),
      {
        name: 'deployments/scale',
        singularName: '',
        namespaced: true,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      },
    );
    assert.equal((await call(api.base, 'GET', '/apis/nothing.example.com/v1')).status, 404);
  });

  it('serves aggregated discovery when the Accept header asks for it', async () => {
    for (const v of ['v2', 'v2beta1']) {
      const accept = `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList,application/json`;
      const r = await call(api.base, 'GET', '/apis', undefined, undefined, { Accept: accept });
      assert.equal(
        r.headers.get('content-type'),
        `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`,
      );
      assert.equal(r.body.apiVersion, `apidiscovery.k8s.io/${v}`);
      const apps = (
        r.body.items as {
          metadata: { name: string };
          versions: { version: string; resources: Record<string, unknown>[] }[];
        }[]
      ).find((i) => i.metadata.name === 'apps')!;
      const dep = apps.versions[0]!.resources.find((x) => x.resource === 'deployments')!;
      assert.deepEqual(dep.responseKind, { group: 'apps', version: 'v1', kind: 'Deployment' });
      assert.equal(dep.scope, 'Namespaced');
      assert.deepEqual(dep.shortNames, ['deploy']);
    }
  });

  it('answers health checks: ok, one check by name, or every check with ?verbose', async () => {
    const text = async (path: string) => {
      const res = await fetch(`${api.base}${path}`);
      return { status: res.status, body: await res.text() };
    };
    for (const endpoint of ['/healthz', '/livez', '/readyz'])
      assert.deepEqual(await text(endpoint), { status: 200, body: 'ok' });
    assert.deepEqual(await text('/livez/ping'), { status: 200, body: 'ok' });
    assert.equal((await text('/readyz/no-such-check')).status, 404);
    const verbose = await text('/readyz?verbose&exclude=etcd');
    const lines = verbose.body.trimEnd().split('\n');
    assert.equal(lines[0], '[+]ping ok');
    assert.ok(lines.includes('[+]etcd excluded: ok'));
    assert.ok(lines.includes('[+]informer-sync ok'));
    assert.equal(lines.at(-1), 'readyz check passed');
  });

  it('publishes /openapi/v3 with hashed URLs, ETags and 304s, and /openapi/v2 as JSON or protobuf', async () => {
    const index = await call(api.base, 'GET', '/openapi/v3');
    const entry = (index.body.paths as Record<string, { serverRelativeURL: string }>)['apis/apps/v1']!;
    assert.match(entry.serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    const doc = await fetch(api.base + entry.serverRelativeURL);
    const etag = doc.headers.get('etag')!;
    assert.equal(doc.status, 200);
    assert.equal(doc.headers.get('cache-control'), 'public, immutable');
    assert.ok(
      ((await doc.json()) as { paths: Record<string, unknown> }).paths[
        '/apis/apps/v1/namespaces/{namespace}/deployments'
      ],
    );
    const again = await fetch(`${api.base}/openapi/v3/apis/apps/v1`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    const v2 = await call(api.base, 'GET', '/openapi/v2');
    assert.equal(v2.body.swagger, '2.0');
    const proto = await fetch(`${api.base}/openapi/v2`, {
      headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
    });
    assert.equal(proto.status, 200);
    assert.equal(proto.headers.get('content-type'), 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    const yaml = await fetch(`${api.base}/openapi/v2`, { headers: { Accept: 'application/yaml' } });
    assert.equal(yaml.status, 406);
  });

  it('creates with generateName and stamps server-owned metadata', async () => {
    const r = await call(api.base, 'POST', cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { generateName: 'gen-', uid: 'mine', resourceVersion: '42' },
    });
    assert.equal(r.status, 201);
    const meta = r.body.metadata as Record<string, unknown>;
    assert.match(String(meta.name), /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.notEqual(meta.uid, 'mine');
    assert.equal(meta.resourceVersion, String(api.server.resourceVersion));
    assert.match(String(meta.creationTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('answers errors with the real Status bodies', async () => {
    const missing = await call(api.base, 'GET', `${deployments}/nope`);
    assert.deepEqual(missing.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
      code: 404,
    });
    const noNs = await call(api.base, 'POST', '/api/v1/namespaces/ghost/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
    });
    assert.equal(noNs.status, 404);
    assert.equal(noNs.body.message, 'namespaces "ghost" not found');
    await call(api.base, 'POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dup' } });
    const dup = await call(api.base, 'POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dup' } });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.reason, 'AlreadyExists');
    const stale = await call(api.base, 'PUT', `${cms}/dup`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dup', resourceVersion: '1' },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.reason, 'Conflict');
    assert.match(String(stale.body.message), /the object has been modified/);
    const unknownResource = await call(api.base, 'GET', '/api/v1/namespaces/default/widgets');
    assert.equal(unknownResource.status, 404);
    assert.equal(unknownResource.body.message, 'the server could not find the requested resource');
    const badName = await call(api.base, 'POST', cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'Not_Valid' },
    });
    assert.equal(badName.status, 422);
    assert.equal(badName.body.reason, 'Invalid');
    const notAllowed = await call(api.base, 'PUT', cms, {});
    assert.equal(notAllowed.status, 405);
    const badPatch = await call(api.base, 'PATCH', `${cms}/dup`, '{}', 'text/plain');
    assert.equal(badPatch.status, 415);
    assert.equal(badPatch.body.reason, 'UnsupportedMediaType');
  });

  it('refuses bad bodies and leaves stored state as it was', async () => {
    const before = api.server.resourceVersion;
    const malformed = await call(api.base, 'POST', cms, '{"apiVersion": "v1", "kind": ', 'application/json');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.reason, 'BadRequest');
    const badYaml = await call(api.base, 'POST', cms, 'a: [b', 'application/yaml');
    assert.equal(badYaml.status, 400);
    const wrongKind = await call(api.base, 'POST', cms, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } });
    assert.equal(wrongKind.status, 400);
    const wrongGroup = await call(api.base, 'POST', cms, {
      apiVersion: 'apps/v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
    });
    assert.equal(wrongGroup.status, 400);
    const huge = await call(api.base, 'POST', cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'huge' },
      data: { big: 'x'.repeat(4 * 1024 * 1024) },
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.reason, 'RequestEntityTooLarge');
    const otherNs = await call(api.base, 'POST', cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'kube-system' },
    });
    assert.equal(otherNs.status, 400);
    assert.equal(api.server.resourceVersion, before);
    assert.equal((await call(api.base, 'GET', `${cms}/x`)).status, 404);
  });

  it('pages lists with limit and continue at one consistent resourceVersion', async () => {
    for (let i = 0; i < 5; i++)
      await call(api.base, 'POST', '/api/v1/namespaces/kube-public/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `page-${i}` },
      });
    const path = '/api/v1/namespaces/kube-public/configmaps';
    const first = await call(api.base, 'GET', `${path}?limit=2`);
    const meta = first.body.metadata as { continue: string; resourceVersion: string; remainingItemCount: number };
    assert.equal((first.body.items as unknown[]).length, 2);
    // The namespace's kube-root-ca.crt sorts first.
    assert.equal(meta.remainingItemCount, 4);
    await call(api.base, 'POST', path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'page-late' } });
    const names: string[] = (first.body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);
    let token: string | undefined = meta.continue;
    while (token) {
      const next = await call(api.base, 'GET', `${path}?limit=2&continue=${encodeURIComponent(token)}`);
      assert.equal((next.body.metadata as { resourceVersion: string }).resourceVersion, meta.resourceVersion);
      names.push(...(next.body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name));
      token = (next.body.metadata as { continue?: string }).continue;
    }
    assert.deepEqual(names, ['kube-root-ca.crt', 'page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    const bad = await call(api.base, 'GET', `${path}?limit=2&continue=garbage`);
    assert.equal(bad.status, 400);
  });

  it('keeps an object with finalizers until they are removed', async () => {
    await call(api.base, 'POST', cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fin', finalizers: ['example.com/hold'] },
    });
    const del = await call(api.base, 'DELETE', `${cms}/fin`);
    assert.equal(del.status, 200);
    assert.ok((del.body.metadata as { deletionTimestamp?: string }).deletionTimestamp);
    assert.equal((await call(api.base, 'GET', `${cms}/fin`)).status, 200);
    const released = await call(
      api.base,
      'PATCH',
      `${cms}/fin`,
      { metadata: { finalizers: null } },
      'application/merge-patch+json',
    );
    assert.equal(released.status, 200);
    assert.equal((await call(api.base, 'GET', `${cms}/fin`)).status, 404);
  });

  it('answers a delete with a Status or with the object, as each kind does', async () => {
    await call(api.base, 'POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gone' } });
    const cm = await call(api.base, 'DELETE', `${cms}/gone`);
    assert.equal(cm.body.kind, 'Status');
    assert.equal(cm.body.status, 'Success');
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    await call(api.base, 'POST', '/api/v1/namespaces/default/pods', pod);
    const deleted = await call(api.base, 'DELETE', '/api/v1/namespaces/default/pods/p');
    assert.equal(deleted.body.kind, 'Pod');
  });

  it('does nothing on dryRun=All', async () => {
    const before = api.server.resourceVersion;
    const r = await call(api.base, 'POST', `${cms}?dryRun=All`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dry' },
    });
    assert.equal(r.status, 201);
    assert.equal(api.server.resourceVersion, before);
    assert.equal((await call(api.base, 'GET', `${cms}/dry`)).status, 404);
  });

  it('cascades deletion to dependents in the background', async () => {
    const owner = await call(api.base, 'POST', cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owner' },
    });
    const uid = (owner.body.metadata as { uid: string }).uid;
    await call(api.base, 'POST', cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'child', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid }] },
    });
    await call(api.base, 'DELETE', `${cms}/owner`);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await call(api.base, 'GET', `${cms}/child`)).status, 404);
  });

  it("answers a Foreground or Orphan delete with the object under the garbage collector's finalizer, then removes it", async () => {
    const make = async (name: string, owner?: { uid: string; name: string }) =>
      (
        await call(api.base, 'POST', cms, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name,
            ...(owner ? { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', ...owner }] } : {}),
          },
        })
      ).body as { metadata: { uid: string } };
    const settle = () => new Promise((r) => setTimeout(r, 50));
    // Foreground, with nothing depending on the object: the answer is still the marked object, not a Status.
    await make('fg-alone');
    const alone = await call(api.base, 'DELETE', `${cms}/fg-alone?propagationPolicy=Foreground`);
    assert.equal(alone.status, 200);
    assert.equal(alone.body.kind, 'ConfigMap');
    const meta = alone.body.metadata as { deletionTimestamp?: string; finalizers?: string[] };
    assert.ok(meta.deletionTimestamp);
    assert.deepEqual(meta.finalizers, ['foregroundDeletion']);
    await settle();
    assert.equal((await call(api.base, 'GET', `${cms}/fg-alone`)).status, 404);
    // Orphan: the dependent stays, without its owner reference.
    const owner = await make('orphaner');
    await make('orphan-child', { uid: owner.metadata.uid, name: 'orphaner' });
    const orphaned = await call(api.base, 'DELETE', `${cms}/orphaner`, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Orphan',
    });
    assert.deepEqual((orphaned.body.metadata as { finalizers?: string[] }).finalizers, ['orphan']);
    await settle();
    assert.equal((await call(api.base, 'GET', `${cms}/orphaner`)).status, 404);
    const child = await call(api.base, 'GET', `${cms}/orphan-child`);
    assert.equal(child.status, 200);
    assert.equal((child.body.metadata as { ownerReferences?: unknown }).ownerReferences, undefined);
    // An object with a finalizer of its own keeps it, and stays until it is removed.
    await call(api.base, 'POST', cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fg-held', finalizers: ['example.com/hold'] },
    });
    await call(api.base, 'DELETE', `${cms}/fg-held?propagationPolicy=Foreground`);
    await settle();
    const held = await call(api.base, 'GET', `${cms}/fg-held`);
    assert.deepEqual((held.body.metadata as { finalizers?: string[] }).finalizers, ['example.com/hold']);
    await call(
      api.base,
      'PATCH',
      `${cms}/fg-held`,
      [{ op: 'remove', path: '/metadata/finalizers' }],
      'application/json-patch+json',
    );
    assert.equal((await call(api.base, 'GET', `${cms}/fg-held`)).status, 404);
  });

  it("leaves alone a dependent freed of its owner after the owner's delete, before the collector acts", async () => {
    const owner = (
      await call(api.base, 'POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'race-owner' } })
    ).body as { metadata: { uid: string } };
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'race-owner', uid: owner.metadata.uid };
    assert.equal(
      (
        await call(api.base, 'POST', cms, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'race-freed', ownerReferences: [ref] },
        })
      ).status,
      201,
    );
    assert.equal(
      (
        await call(api.base, 'POST', cms, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'race-owned', ownerReferences: [ref] },
        })
      ).status,
      201,
    );
    // Both requests in one write: the server handles the second before it turns to the collector's work.
    const free = JSON.stringify([{ op: 'remove', path: '/metadata/ownerReferences' }]);
    const answers = await pipelined(api.server.port, [
      `DELETE ${cms}/race-owner HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n`,
      `PATCH ${cms}/race-freed HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json-patch+json\r\nContent-Length: ${Buffer.byteLength(free)}\r\nConnection: close\r\n\r\n${free}`,
    ]);
    assert.deepEqual(answers.match(/HTTP\/1\.1 \d+/g), ['HTTP/1.1 200', 'HTTP/1.1 200']);
    await new Promise((r) => setImmediate(r));
    assert.equal((await call(api.base, 'GET', `${cms}/race-owned`)).status, 404);
    assert.equal(
      (await call(api.base, 'GET', `${cms}/race-freed`)).status,
      200,
      'the collector deleted a dependent that no longer had the owner',
    );
  });

  it('keeps a Foreground-deleted owner until the dependents that block it are gone', async () => {
    const settle = () => new Promise((r) => setImmediate(r));
    const owner = (
      await call(api.base, 'POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fg-owner' } })
    ).body as { metadata: { uid: string } };
    const dependent = (name: string, blockOwnerDeletion: boolean) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        finalizers: ['example.com/hold'],
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'fg-owner', uid: owner.metadata.uid, blockOwnerDeletion },
        ],
      },
    });
    assert.equal((await call(api.base, 'POST', cms, dependent('fg-blocker', true))).status, 201);
    assert.equal((await call(api.base, 'POST', cms, dependent('fg-bystander', false))).status, 201);
    const unhold = async (name: string) => {
      const r = await call(
        api.base,
        'PATCH',
        `${cms}/${name}`,
        [{ op: 'remove', path: '/metadata/finalizers' }],
        'application/json-patch+json',
      );
      assert.equal(r.status, 200);
      await settle();
    };
    assert.equal((await call(api.base, 'DELETE', `${cms}/fg-owner?propagationPolicy=Foreground`)).status, 200);
    await settle();
    const waiting = await call(api.base, 'GET', `${cms}/fg-owner`);
    assert.equal(waiting.status, 200, 'the owner went before its blocking dependent');
    assert.deepEqual((waiting.body.metadata as { finalizers?: string[] }).finalizers, ['foregroundDeletion']);
    assert.ok(
      ((await call(api.base, 'GET', `${cms}/fg-blocker`)).body.metadata as { deletionTimestamp?: string })
        .deletionTimestamp,
      'the dependent is being deleted',
    );
    // A dependent that does not block the owner's deletion does not hold it.
    await unhold('fg-bystander');
    assert.equal((await call(api.base, 'GET', `${cms}/fg-bystander`)).status, 404);
    assert.equal((await call(api.base, 'GET', `${cms}/fg-owner`)).status, 200);
    await unhold('fg-blocker');
    assert.equal((await call(api.base, 'GET', `${cms}/fg-blocker`)).status, 404);
    assert.equal((await call(api.base, 'GET', `${cms}/fg-owner`)).status, 404);
  });

  it("stops serving a CRD's resources once the CRD is gone, however its deletion ends", async () => {
    const crds = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
    const crd = (plural: string, kind: string, finalizers?: string[]) => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.gone.example.com`, ...(finalizers ? { finalizers } : {}) },
      spec: {
        group: 'gone.example.com',
        scope: 'Namespaced',
        names: { plural, singular: kind.toLowerCase(), kind },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    });
    const served = async (plural: string) =>
      (await call(api.base, 'GET', `/apis/gone.example.com/v1/namespaces/default/${plural}`)).status;
    const settle = () => new Promise((r) => setImmediate(r));
    // An Orphan delete: the garbage collector's finalizer goes, and the CRD with it.
    assert.equal((await call(api.base, 'POST', crds, crd('orphans', 'Orphan'))).status, 201);
    await settle();
    assert.equal(await served('orphans'), 200);
    assert.equal(
      (await call(api.base, 'DELETE', `${crds}/orphans.gone.example.com?propagationPolicy=Orphan`)).status,
      200,
    );
    await settle();
    assert.equal((await call(api.base, 'GET', `${crds}/orphans.gone.example.com`)).status, 404);
    assert.equal(await served('orphans'), 404);
    // A finalizer of its own, removed by an update.
    assert.equal((await call(api.base, 'POST', crds, crd('holds', 'Hold', ['example.com/hold']))).status, 201);
    await settle();
    assert.equal(await served('holds'), 200);
    assert.equal((await call(api.base, 'DELETE', `${crds}/holds.gone.example.com`)).status, 200);
    assert.equal(await served('holds'), 200, 'served while its finalizer holds the CRD');
    const released = await call(
      api.base,
      'PATCH',
      `${crds}/holds.gone.example.com`,
      [{ op: 'remove', path: '/metadata/finalizers' }],
      'application/json-patch+json',
    );
    assert.equal(released.status, 200);
    assert.equal((await call(api.base, 'GET', `${crds}/holds.gone.example.com`)).status, 404);
    assert.equal(await served('holds'), 404);
  });

  it('leaves no empty finalizer list on an object the garbage collector deletes', async () => {
    await call(api.base, 'POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fg-event' } });
    assert.equal((await call(api.base, 'DELETE', `${cms}/fg-event?propagationPolicy=Foreground`)).status, 200);
    await new Promise((r) => setImmediate(r));
    const last = api.server
      .changes()
      .filter((c) => c.name === 'fg-event')
      .at(-1)!;
    assert.equal(last.type, 'DELETED');
    assert.equal(last.object.metadata?.finalizers, undefined);
  });

  it('serves Tables to clients that ask for them', async () => {
    const r = await call(api.base, 'GET', cms, undefined, undefined, {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    assert.equal(r.body.kind, 'Table');
    assert.deepEqual(
      (r.body.columnDefinitions as { name: string }[]).map((c) => c.name),
      ['Name', 'Data', 'Age'],
    );
    const row = (r.body.rows as { cells: unknown[]; object: { kind: string } }[])[0]!;
    assert.equal(row.object.kind, 'PartialObjectMetadata');
  });

  it('scales through the scale subresource and bumps generation', async () => {
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'scaled' },
      spec: {
        selector: { matchLabels: { app: 's' } },
        template: { metadata: { labels: { app: 's' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
      },
    };
    assert.equal((await call(api.base, 'POST', deployments, dep)).status, 201);
    const scale = await call(api.base, 'GET', `${deployments}/scaled/scale`);
    assert.deepEqual(scale.body.spec, { replicas: 1 });
    assert.deepEqual(scale.body.status, { replicas: 0, selector: 'app=s' });
    const patched = await call(
      api.base,
      'PATCH',
      `${deployments}/scaled/scale`,
      { spec: { replicas: 4 } },
      'application/merge-patch+json',
    );
    assert.equal(patched.body.kind, 'Scale');
    const after = await call(api.base, 'GET', `${deployments}/scaled`);
    assert.equal((after.body.spec as { replicas: number }).replicas, 4);
    assert.equal((after.body.metadata as { generation: number }).generation, 2);
  });
});

/** Sends raw HTTP/1.1 requests in one write on one connection; resolves with everything answered. */
function pipelined(port: number, requests: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(port, '127.0.0.1', () => socket.end(requests.join('')));
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
}
