// The test API server refuses what `kubegen validate` reports, with the same causes: for create, update, patch
// and server-side apply of built-in kinds (as far as their schemas go) and custom resources with CEL rules,
// including a transition rule that sees the stored object as oldSelf. Built on the project's own fixtures.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { type ApiServer, startApiServer } from '../../server/index.ts';
import { call } from '../helpers/server-http.ts';
import { projectRoot } from '../helpers/shared.ts';
import { type JsonReport, runValidateCli } from '../helpers/validate-cli.ts';

const spec = join(projectRoot, 'examples', 'widgets-api.yaml');
const crds = [
  join(projectRoot, 'test', 'fixtures', 'validate', 'rockets-crd.yaml'),
  join(projectRoot, 'test', 'fixtures', 'server', 'gadget-crd.yaml'),
];
const rockets = '/apis/example.com/v1/namespaces/default/rockets';
const widgets = '/apis/example.kubegen.dev/v1/namespaces/default/widgets';

type Obj = Record<string, unknown>;
interface Cause {
  reason: string;
  field: string;
  message: string;
}

const rocket = (name: string, spec: Obj): Obj => ({
  apiVersion: 'example.com/v1',
  kind: 'Rocket',
  metadata: { name, namespace: 'default' },
  spec,
});

describe('the server validates writes as kubegen validate does', () => {
  let server: ApiServer;
  let dir: string;
  before(async () => {
    server = await startApiServer({ specs: [spec], crds });
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    dir = mkdtempSync(join(projectRoot, 'test', '.work', 'validate-server-'));
  });
  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The causes `kubegen validate` reports for one object, as a Status would carry them. */
  async function cliCauses(obj: Obj): Promise<Cause[]> {
    const file = join(dir, `${(obj.metadata as Obj).name}.yaml`);
    writeFileSync(file, stringify(obj));
    const r = await runValidateCli({ filename: [file], spec: [spec], crd: crds, output: 'json' });
    const report = JSON.parse(r.out) as JsonReport;
    return report.objects[0]!.errors.map(({ reason, field, message }) => ({ reason, field, message }));
  }

  const causesOf = (body: Obj) => (body.details as { causes: Cause[] }).causes;

  for (const [what, path, obj] of [
    [
      'a custom resource breaking CEL rules (message, messageExpression and fieldPath, reason)',
      rockets,
      rocket('vostok', {
        stages: 2,
        fuel: 'solid',
        restartable: true,
        minThrust: 30,
        maxThrust: 20,
        payloads: [{ name: 'probe', mass: 0 }],
      }),
    ],
    [
      'a custom resource breaking its schema',
      '/apis/example.com/v1/namespaces/default/gadgets',
      {
        apiVersion: 'example.com/v1',
        kind: 'Gadget',
        metadata: { name: 'g' },
        spec: { size: 'huge', name: 'Not-Lower', tags: ['a', 'a'], owners: [{ role: 'x' }] },
      },
    ],
    [
      'a kind of the spec breaking its schema and ObjectMeta rules',
      widgets,
      {
        apiVersion: 'example.kubegen.dev/v1',
        kind: 'Widget',
        metadata: { name: 'w', labels: { 'bad key!': 'x' } },
        // A quantity that does not parse is refused earlier, when the body is decoded (400), as for built-in kinds.
        spec: { size: 'huge', replicas: 'three' },
      },
    ],
  ] as const) {
    it(`answers 422 with the causes the CLI prints: ${what}`, async () => {
      const want = await cliCauses(obj);
      assert.ok(want.length > 1, JSON.stringify(want));
      const r = await call(server.url, 'POST', path, obj);
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.equal(r.body.reason, 'Invalid');
      assert.deepEqual(causesOf(r.body), want);
      const { kind, apiVersion } = obj as { kind: string; apiVersion: string };
      const group = apiVersion.split('/')[0];
      const listed = want.map((c) => `${c.field}: ${c.message}`).join(', ');
      assert.equal(r.body.message, `${kind}.${group} "${(obj.metadata as Obj).name}" is invalid: [${listed}]`);
    });
  }

  it('checks updates, merge patches and server-side apply, and transition rules against the stored object', async () => {
    const created = await call(server.url, 'POST', rockets, rocket('saturn', { stages: 3 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((created.body.spec as Obj).fuel, 'liquid', 'defaults are stored');
    const rv = server.resourceVersion;

    const put = await call(server.url, 'PUT', `${rockets}/saturn`, { ...created.body, spec: { stages: 4 } });
    assert.equal(put.status, 422, JSON.stringify(put.body));
    assert.deepEqual(causesOf(put.body), [
      { reason: 'FieldValueInvalid', field: 'spec', message: 'Invalid value: "object": stages is immutable' },
    ]);

    const patch = { spec: { minThrust: 30, maxThrust: 20 } };
    const merged = await call(server.url, 'PATCH', `${rockets}/saturn`, patch, 'application/merge-patch+json');
    assert.equal(merged.status, 422);
    const want = await cliCauses(rocket('saturn', { stages: 3, ...patch.spec }));
    assert.deepEqual(causesOf(merged.body), want);

    const applied = await call(
      server.url,
      'PATCH',
      `${rockets}/saturn?fieldManager=test&force=true`,
      stringify(rocket('saturn', { stages: 3, fuel: 'solid', restartable: true })),
      'application/apply-patch+yaml',
    );
    assert.equal(applied.status, 422);
    assert.deepEqual(causesOf(applied.body), [
      { reason: 'FieldValueForbidden', field: 'spec.restartable', message: 'Forbidden: solid fuel cannot restart' },
    ]);
    assert.equal(server.resourceVersion, rv, 'nothing invalid is stored');

    const valid = await call(
      server.url,
      'PATCH',
      `${rockets}/saturn`,
      { spec: { payloads: [{ name: 'a', mass: 1 }] } },
      'application/merge-patch+json',
    );
    assert.equal(valid.status, 200, JSON.stringify(valid.body));
  });
});
