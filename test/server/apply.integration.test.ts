// Server-side apply and managedFields on the wire: FieldsV1 sets per manager and operation, shared ownership,
// conflicts (409 with the real message and causes), force, removal of fields a manager stops applying,
// list merging by key, and Update entries taking fields over.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixtures, suiteApiServer } from '../helpers/server.ts';
import { call, type Answer } from '../helpers/server-http.ts';
import { sharedSkip } from '../helpers/shared.ts';

const cms = '/api/v1/namespaces/default/configmaps';
const deployments = '/apis/apps/v1/namespaces/default/deployments';
const applyType = 'application/apply-patch+yaml';

type Entry = {
  manager: string;
  operation: string;
  apiVersion: string;
  time: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  subresource?: string;
};

const managed = (a: Answer) => (a.body.metadata as { managedFields: Entry[] }).managedFields;
const fieldsOf = (a: Answer, manager: string, operation = 'Apply') =>
  managed(a).find((e) => e.manager === manager && e.operation === operation)?.fieldsV1;

describe('server-side apply', { skip: sharedSkip }, () => {
  const api = suiteApiServer();

  const apply = (path: string, manager: string, config: unknown, extra = '') =>
    call(api.base, 'PATCH', `${path}?fieldManager=${manager}${extra}`, JSON.stringify(config), applyType);
  const cm = (data: Record<string, string>, labels?: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'owned', ...(labels ? { labels } : {}) },
    data,
  });

  it('creates on apply and records the applied fields as FieldsV1', async () => {
    const r = await apply(`${cms}/owned`, 'alpha', cm({ k1: 'one', k2: 'two' }, { team: 'a' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(managed(r).length, 1);
    const [entry] = managed(r);
    assert.equal(entry!.operation, 'Apply');
    assert.equal(entry!.apiVersion, 'v1');
    assert.equal(entry!.fieldsType, 'FieldsV1');
    assert.match(entry!.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(entry!.fieldsV1, {
      'f:data': { 'f:k1': {}, 'f:k2': {} },
      'f:metadata': { 'f:labels': { 'f:team': {} } },
    });
    const missing = await call(api.base, 'PATCH', `${cms}/owned`, JSON.stringify(cm({})), applyType);
    assert.equal(missing.status, 400);
    assert.match(String(missing.body.message), /fieldManager: Required value/);
  });

  it('shares a field applied with the same value, and refuses a different value with a 409 naming owner and field', async () => {
    const shared = await apply(`${cms}/owned`, 'beta', cm({ k2: 'two' }));
    assert.equal(shared.status, 200);
    assert.deepEqual(fieldsOf(shared, 'beta'), { 'f:data': { 'f:k2': {} } });
    assert.deepEqual(fieldsOf(shared, 'alpha'), {
      'f:data': { 'f:k1': {}, 'f:k2': {} },
      'f:metadata': { 'f:labels': { 'f:team': {} } },
    });
    const rv = api.server.resourceVersion;
    const refused = await apply(`${cms}/owned`, 'beta', cm({ k1: 'changed', k2: 'two' }));
    assert.equal(refused.status, 409);
    assert.deepEqual(refused.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "alpha": .data.k1',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "alpha"', field: '.data.k1' }] },
      code: 409,
    });
    assert.equal(api.server.resourceVersion, rv, 'a conflicting apply stores nothing');
  });

  it('removes fields a manager stops applying unless another manager owns them', async () => {
    const r = await apply(`${cms}/owned`, 'alpha', cm({ k1: 'one' }));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.data, { k1: 'one', k2: 'two' }, 'k2 stays: beta owns it too');
    assert.equal((r.body.metadata as { labels?: unknown }).labels, undefined, 'the label only alpha applied is gone');
    const again = await apply(`${cms}/owned`, 'beta', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owned' },
    });
    assert.deepEqual(again.body.data, { k1: 'one' }, 'k2 goes once its last applier stops applying it');
    assert.equal(fieldsOf(again, 'beta'), undefined, 'a manager owning nothing is dropped');
  });

  it('takes ownership with force=true', async () => {
    const forced = await apply(`${cms}/owned`, 'beta', cm({ k1: 'forced' }), '&force=true');
    assert.equal(forced.status, 200);
    assert.deepEqual(forced.body.data, { k1: 'forced' });
    assert.deepEqual(fieldsOf(forced, 'beta'), { 'f:data': { 'f:k1': {} } });
    assert.equal(fieldsOf(forced, 'alpha'), undefined);
  });

  it('records Update entries for other writers, which then own what they changed', async () => {
    const put = await call(
      api.base,
      'PATCH',
      `${cms}/owned?fieldManager=editor`,
      { data: { k1: 'edited', k3: 'three' } },
      'application/merge-patch+json',
    );
    assert.equal(put.status, 200);
    assert.deepEqual(fieldsOf(put, 'editor', 'Update'), { 'f:data': { 'f:k1': {}, 'f:k3': {} } });
    assert.equal(managed(put).find((e) => e.manager === 'editor')!.apiVersion, 'v1');
    assert.equal(fieldsOf(put, 'beta'), undefined, 'beta lost k1 to the update');
    const refused = await apply(`${cms}/owned`, 'beta', cm({ k1: 'forced' }));
    assert.equal(refused.status, 409);
    assert.equal(refused.body.message, 'Apply failed with 1 conflict: conflict with "editor" using v1: .data.k1');
    assert.deepEqual(
      managed(put).map((e) => e.operation),
      [...managed(put).map((e) => e.operation)].sort(),
      'Apply entries sort before Update entries',
    );
  });

  it('keeps managedFields when a client sends an empty list, and strips them on [{}]', async () => {
    const path = `${cms}/owned`;
    const kept = await call(
      api.base,
      'PATCH',
      path,
      { metadata: { managedFields: [] }, data: { k4: 'four' } },
      'application/merge-patch+json',
    );
    assert.equal(kept.status, 200);
    assert.ok(fieldsOf(kept, 'editor', 'Update'));
    const stripped = await call(
      api.base,
      'PATCH',
      path,
      { metadata: { managedFields: [{}] } },
      'application/merge-patch+json',
    );
    assert.equal(stripped.status, 200);
    assert.equal((stripped.body.metadata as { managedFields?: unknown }).managedFields, undefined);
    const stored = await call(api.base, 'GET', path);
    assert.equal((stored.body.metadata as { managedFields?: unknown }).managedFields, undefined);
    assert.deepEqual(stored.body.data, { k1: 'edited', k3: 'three', k4: 'four' });
  });

  it('merges lists by key: each applier owns its own container, and several conflicts are listed together', async () => {
    const dep = (containers: { name: string; image: string }[], replicas?: number) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shared' },
      spec: {
        ...(replicas === undefined ? {} : { replicas }),
        selector: { matchLabels: { app: 'shared' } },
        template: { metadata: { labels: { app: 'shared' } }, spec: { containers } },
      },
    });
    assert.equal(
      (await apply(`${deployments}/shared`, 'api.base', dep([{ name: 'app', image: 'nginx:1' }], 2))).status,
      201,
    );
    const side = await apply(`${deployments}/shared`, 'sidecar', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shared' },
      spec: { template: { spec: { containers: [{ name: 'log', image: 'fluent:1' }] } } },
    });
    assert.equal(side.status, 200, JSON.stringify(side.body));
    const spec = side.body.spec as { replicas: number; template: { spec: { containers: { name: string }[] } } };
    assert.deepEqual(
      spec.template.spec.containers.map((c) => c.name),
      ['app', 'log'],
    );
    assert.deepEqual(fieldsOf(side, 'sidecar'), {
      'f:spec': {
        'f:template': {
          'f:spec': { 'f:containers': { 'k:{"name":"log"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    });
    const two = await apply(`${deployments}/shared`, 'sidecar', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shared' },
      spec: { replicas: 5, template: { spec: { containers: [{ name: 'app', image: 'nginx:2' }] } } },
    });
    assert.equal(two.status, 409);
    assert.equal(
      two.body.message,
      'Apply failed with 2 conflicts: conflicts with "api.base":\n- .spec.replicas\n- .spec.template.spec.containers[name="app"].image',
    );
    assert.deepEqual(
      (two.body.details as { causes: { field: string }[] }).causes.map((c) => c.field),
      ['.spec.replicas', '.spec.template.spec.containers[name="app"].image'],
    );
    const dropped = await apply(`${deployments}/shared`, 'sidecar', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shared' },
    });
    const left = dropped.body.spec as typeof spec;
    assert.deepEqual(
      left.template.spec.containers.map((c) => c.name),
      ['app'],
      'the sidecar container goes with its only applier',
    );
    assert.equal(left.replicas, 2);
  });

  it('merges custom resources by their list-map keys and sets by value, and refuses undeclared fields', async () => {
    const crd = await call(
      api.base,
      'POST',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      readFileSync(join(fixtures, 'gadget-crd.yaml'), 'utf8'),
      'application/yaml',
    );
    assert.equal(crd.status, 201);
    await new Promise((r) => setTimeout(r, 20));
    const gadgets = '/apis/example.com/v1/namespaces/default/gadgets';
    const gadget = (spec: Record<string, unknown>, finalizers?: string[]) => ({
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g', ...(finalizers ? { finalizers } : {}) },
      spec,
    });
    assert.equal(
      (
        await apply(
          `${gadgets}/g`,
          'one',
          gadget({ size: 'small', owners: [{ name: 'ann', role: 'admin' }], tags: ['x'] }, ['example.com/one']),
        )
      ).status,
      201,
    );
    const two = await apply(
      `${gadgets}/g`,
      'two',
      gadget({ size: 'small', owners: [{ name: 'bob' }], tags: ['y'] }, ['example.com/two']),
    );
    assert.equal(two.status, 200, JSON.stringify(two.body));
    const spec = two.body.spec as { owners: unknown[]; tags: string[] };
    assert.deepEqual(spec.owners, [
      { name: 'ann', role: 'admin' },
      { name: 'bob', role: 'viewer' },
    ]);
    assert.deepEqual(spec.tags, ['x', 'y']);
    assert.deepEqual((two.body.metadata as { finalizers: string[] }).finalizers, [
      'example.com/one',
      'example.com/two',
    ]);
    assert.deepEqual(fieldsOf(two, 'two'), {
      'f:metadata': { 'f:finalizers': { 'v:"example.com/two"': {} } },
      'f:spec': {
        'f:owners': { 'k:{"name":"bob"}': { '.': {}, 'f:name': {} } },
        'f:size': {},
        'f:tags': { 'v:"y"': {} },
      },
    });
    const undeclared = await apply(`${gadgets}/g`, 'two', gadget({ size: 'small', colour: 'red' }));
    assert.equal(undeclared.status, 400);
    assert.equal(
      undeclared.body.message,
      'failed to create typed patch object (default/g; example.com/v1, Kind=Gadget): .spec.colour: field not declared in schema',
    );
  });

  it('lets the kubectl manager take over only what the last-applied configuration holds, and updates it', async () => {
    const last = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'upgrade', namespace: 'default' },
      data: { a: '1' },
    });
    const created = await call(api.base, 'POST', `${cms}?fieldManager=kubectl-client-side-apply`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'upgrade', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': last } },
      data: { a: '1', b: '2' },
    });
    assert.equal(created.status, 201);
    const config = (data: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'upgrade' },
      data,
    });
    const refused = await apply(`${cms}/upgrade`, 'kubectl', config({ a: 'x', b: 'y' }));
    assert.equal(refused.status, 409);
    assert.equal(
      refused.body.message,
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.b',
    );
    const taken = await apply(`${cms}/upgrade`, 'kubectl', config({ a: 'x' }));
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    assert.deepEqual(taken.body.data, { a: 'x', b: '2' });
    const annotation = (taken.body.metadata as { annotations: Record<string, string> }).annotations[
      'kubectl.kubernetes.io/last-applied-configuration'
    ]!;
    assert.deepEqual(JSON.parse(annotation).data, { a: 'x' });
    const other = await apply(`${cms}/upgrade`, 'someone', config({ b: 'z' }));
    assert.equal(other.status, 409, 'other managers get no such leniency');
  });

  it('does not store a dry-run apply', async () => {
    const rv = api.server.resourceVersion;
    const dry = await apply(
      `${cms}/dry-apply`,
      'alpha',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry-apply' }, data: { a: 'b' } },
      '&dryRun=All',
    );
    assert.equal(dry.status, 201);
    assert.equal(api.server.resourceVersion, rv);
    assert.equal((await call(api.base, 'GET', `${cms}/dry-apply`)).status, 404);
  });
});
