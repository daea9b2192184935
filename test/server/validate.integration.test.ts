// fieldValidation (Strict, Warn, Ignore) for built-in kinds and custom resources, duplicate fields in JSON and
// YAML bodies, and custom resources checked against their CRD's openAPIV3Schema (defaults, 422 with causes).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { fixtures, sharedSpecPaths } from '../helpers/server.ts';
import { call, type Answer } from '../helpers/server-http.ts';
import { sharedSkip } from '../helpers/shared.ts';

const deployments = '/apis/apps/v1/namespaces/default/deployments';
const gadgets = '/apis/example.com/v1/namespaces/default/gadgets';

const warnings = (a: Answer) => (a.headers.get('warning') ?? '').split(/,\s*(?=299 )/).filter(Boolean);

function deploymentJson(name: string, extra = ''): string {
  return `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"${name}"},"spec":{"replicas":1,${extra}"selector":{"matchLabels":{"app":"v"}},"template":{"metadata":{"labels":{"app":"v"}},"spec":{"containers":[{"name":"c","image":"busybox:1","bar":true}]}},"foo":1}}`;
}

describe('field validation and CRD schemas', { skip: sharedSkip }, () => {
  let server: ApiServer;
  let base: string;
  before(async () => {
    server = await startApiServer({ specs: sharedSpecPaths(), crds: [join(fixtures, 'gadget-crd.yaml')] });
    base = server.url;
  });
  after(async () => {
    await server?.stop();
  });

  // Unknown fields are reported in the order the body has them, then duplicates.
  it('refuses unknown and duplicate fields with 400 under Strict, storing nothing', async () => {
    const rv = server.resourceVersion;
    const r = await call(
      base,
      'POST',
      `${deployments}?fieldValidation=Strict`,
      deploymentJson('strict', '"replicas":3,'),
    );
    assert.equal(r.status, 400);
    assert.equal(r.body.reason, 'BadRequest');
    assert.equal(
      r.body.message,
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].bar", unknown field "spec.foo", duplicate field "spec.replicas"',
    );
    assert.equal(server.resourceVersion, rv);
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twice\ndata:\n  a: "1"\n  a: "2"\n';
    const y = await call(
      base,
      'POST',
      '/api/v1/namespaces/default/configmaps?fieldValidation=Strict',
      yaml,
      'application/yaml',
    );
    assert.equal(y.status, 400);
    assert.match(String(y.body.message), /strict decoding error: duplicate field "data.a"$/);
  });

  it('warns under Warn (the default) and drops unknown fields; Ignore drops them silently', async () => {
    for (const [query, name] of [
      ['?fieldValidation=Warn', 'warned'],
      ['', 'defaulted'],
    ] as const) {
      const r = await call(base, 'POST', `${deployments}${query}`, deploymentJson(name, '"replicas":3,'));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual(warnings(r), [
        '299 - "unknown field \\"spec.template.spec.containers[0].bar\\""',
        '299 - "unknown field \\"spec.foo\\""',
        '299 - "duplicate field \\"spec.replicas\\""',
      ]);
      const stored = await call(base, 'GET', `${deployments}/${name}`);
      const spec = stored.body.spec as {
        replicas: number;
        foo?: unknown;
        template: { spec: { containers: Record<string, unknown>[] } };
      };
      assert.equal(spec.replicas, 3, 'the last of duplicate fields wins');
      assert.equal(spec.foo, undefined);
      assert.equal(spec.template.spec.containers[0]!.bar, undefined);
    }
    const ignored = await call(base, 'POST', `${deployments}?fieldValidation=Ignore`, deploymentJson('ignored'));
    assert.equal(ignored.status, 201);
    assert.equal(ignored.headers.get('warning'), null);
    assert.equal((ignored.body.spec as { foo?: unknown }).foo, undefined);
    const bad = await call(base, 'POST', `${deployments}?fieldValidation=Loose`, deploymentJson('loose'));
    assert.equal(bad.status, 400);
  });

  it('checks patched objects too', async () => {
    const r = await call(
      base,
      'PATCH',
      `${deployments}/warned?fieldValidation=Strict`,
      { spec: { paused: true, pasued: true } },
      'application/merge-patch+json',
    );
    assert.equal(r.status, 400);
    assert.match(String(r.body.message), /strict decoding error: unknown field "spec.pasued"$/);
    const s = await call(
      base,
      'PATCH',
      `${deployments}/warned?fieldValidation=Strict`,
      { spec: { template: { spec: { containers: [{ name: 'c', imagePullPolicyy: 'Always' }] } } } },
      'application/strategic-merge-patch+json',
    );
    assert.equal(s.status, 400);
    assert.match(String(s.body.message), /unknown field "spec.template.spec.containers\[0\].imagePullPolicyy"/);
  });

  it('defaults custom resources, prunes unknown fields and keeps preserved ones', async () => {
    const r = await call(base, 'POST', gadgets, {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g1' },
      spec: {
        size: 'small',
        port: 'http',
        owners: [{ name: 'ann' }],
        extra: { anything: { goes: [1] } },
        colour: 'red',
      },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body.spec, {
      size: 'small',
      port: 'http',
      owners: [{ name: 'ann', role: 'viewer' }],
      extra: { anything: { goes: [1] } },
      replicas: 1,
    });
    assert.deepEqual(warnings(r), ['299 - "unknown field \\"spec.colour\\""']);
    const strict = await call(base, 'POST', `${gadgets}?fieldValidation=Strict`, {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g2', bogus: 1 },
      spec: { size: 'small', colour: 'red' },
    });
    assert.equal(strict.status, 400);
    assert.equal(
      strict.body.message,
      'Gadget in version "v1" cannot be handled as a Gadget: strict decoding error: unknown field "metadata.bogus", unknown field "spec.colour"',
    );
  });

  it('refuses custom resources that break the schema with 422 Invalid and every cause', async () => {
    const rv = server.resourceVersion;
    const r = await call(base, 'POST', gadgets, {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'broken' },
      spec: {
        size: 'huge',
        replicas: 11,
        name: 'Not-Lower',
        port: true,
        tags: ['a', 'a', 'b', 'c'],
        owners: [{ role: 'x' }],
      },
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.reason, 'Invalid');
    const causes = (r.body.details as { causes: { reason: string; message: string; field: string }[] }).causes;
    assert.deepEqual(causes, [
      {
        reason: 'FieldValueNotSupported',
        message: 'Unsupported value: "huge": supported values: "small", "large"',
        field: 'spec.size',
      },
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: 11: spec.replicas in body should be less than or equal to 10',
        field: 'spec.replicas',
      },
      // kube-openapi stops at the first failing string check: maxLength, then minLength, then pattern.
      { reason: 'FieldValueTooLong', message: 'Too long: may not be more than 8 bytes', field: 'spec.name' },
      {
        reason: 'FieldValueTypeInvalid',
        message: 'Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
        field: 'spec.port',
      },
      { reason: 'FieldValueTooMany', message: 'Too many: 4: must have at most 3 items', field: 'spec.tags' },
      { reason: 'FieldValueDuplicate', message: 'Duplicate value: "a"', field: 'spec.tags[1]' },
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.owners[0].name' },
    ]);
    assert.match(
      String(r.body.message),
      /^Gadget\.example\.com "broken" is invalid: \[spec\.size: Unsupported value: "huge"/,
    );
    const missing = await call(base, 'POST', gadgets, {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'empty' },
      spec: { replicas: 'two' },
    });
    assert.equal(missing.status, 422);
    assert.equal(
      missing.body.message,
      'Gadget.example.com "empty" is invalid: [spec.size: Required value, spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"]',
    );
    const patched = await call(
      base,
      'PATCH',
      `${gadgets}/g1`,
      { spec: { replicas: -1 } },
      'application/merge-patch+json',
    );
    assert.equal(patched.status, 422);
    assert.equal((patched.body.details as { causes: { field: string }[] }).causes[0]!.field, 'spec.replicas');
    assert.equal(server.resourceVersion, rv, 'nothing invalid is stored');
    assert.equal(((await call(base, 'GET', `${gadgets}/g1`)).body.spec as { replicas: number }).replicas, 1);
  });
});
