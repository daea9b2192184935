// /openapi/v3 of a server given a Swagger 2.0 spec alone: one document per group-version, shaped as
// kube-apiserver publishes them, listed in the index with their hashes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { servedAt, v3Schema } from '../../server/openapi/v3.ts';
import { fixtureSpecPaths } from '../helpers/server.ts';
import { call } from '../helpers/server-http.ts';
import { projectRoot } from '../helpers/shared.ts';

type Doc = Record<string, any>;

describe('v3 documents made from a v2 spec', () => {
  let server: ApiServer;
  before(async () => {
    server = await startApiServer({ specs: [join(projectRoot, 'examples', 'widgets-api.yaml')] });
  });
  after(async () => {
    await server?.stop();
  });
  const v3 = async (path: string): Promise<Doc> => (await call(server.url, 'GET', `/openapi/v3/${path}`)).body;

  it('lists every group-version in the index, each at its hashed URL', async () => {
    const index = (await call(server.url, 'GET', '/openapi/v3')).body as { paths: Record<string, Doc> };
    assert.deepEqual(Object.keys(index.paths), ['api/v1', 'apis/example.kubegen.dev/v1', 'version']);
    for (const [path, entry] of Object.entries(index.paths)) {
      assert.match(entry.serverRelativeURL, new RegExp(`^/openapi/v3/${path}\\?hash=[0-9A-F]{128}$`));
      const doc = await fetch(server.url + entry.serverRelativeURL);
      assert.equal(doc.status, 200);
      assert.equal(doc.headers.get('cache-control'), 'public, immutable');
    }
  });

  it("holds in each document the group-version's paths and exactly the schemas they reach", async () => {
    const doc = await v3('apis/example.kubegen.dev/v1');
    assert.equal(doc.openapi, '3.0.0');
    assert.ok(Object.keys(doc.paths).every((p) => p.startsWith('/apis/example.kubegen.dev/v1/')));
    const schemas = Object.keys(doc.components.schemas);
    for (const name of ['dev.kubegen.example.v1.Widget', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'])
      assert.ok(schemas.includes(name), name);
    assert.ok(!schemas.includes('io.k8s.api.core.v1.ConfigMap'));
    const core = await v3('api/v1');
    assert.ok(Object.keys(core.components.schemas).includes('io.k8s.api.core.v1.ConfigMap'));
    assert.ok(!Object.keys(core.components.schemas).includes('dev.kubegen.example.v1.Widget'));
  });

  it('writes operations as v3 does: typed parameters, a request body per consumed type, content per produced type', async () => {
    const doc = await v3('apis/example.kubegen.dev/v1');
    const item = doc.paths['/apis/example.kubegen.dev/v1/namespaces/{namespace}/widgets/{name}'];
    const namespace = item.parameters.find((p: Doc) => p.name === 'namespace');
    assert.deepEqual(namespace.schema, { type: 'string' });
    assert.equal(namespace.type, undefined);
    const patch = item.patch;
    assert.equal(
      patch.parameters?.some((p: Doc) => p.in === 'body'),
      false,
    );
    assert.deepEqual(Object.keys(patch.requestBody.content).sort(), [
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
    ]);
    assert.deepEqual(patch.responses['200'].content['application/json'].schema, {
      $ref: '#/components/schemas/dev.kubegen.example.v1.Widget',
    });
    assert.equal(patch.consumes, undefined);
    assert.equal(patch.schemes, undefined);
    assert.equal(patch['x-kubernetes-action'], 'patch');
  });

  it('gives IntOrString and Quantity the JSON types v3 lists for them', async () => {
    const schemas = (await v3('apis/example.kubegen.dev/v1')).components.schemas;
    const intOrString = schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'];
    assert.deepEqual(intOrString.oneOf, [{ type: 'integer' }, { type: 'string' }]);
    assert.equal(intOrString.format, 'int-or-string');
    assert.equal(intOrString.type, undefined);
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf, [
      { type: 'string' },
      { type: 'number' },
    ]);
  });
});

describe('v3 → v2 → v3', () => {
  const servers: ApiServer[] = [];
  let work: string;
  before(() => {
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    work = mkdtempSync(join(projectRoot, 'test', '.work', 'openapi-'));
  });
  after(async () => {
    for (const s of servers) await s.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("gives back every group-version's document of a server given v3, from its own /openapi/v2", async () => {
    const fromV3 = await startApiServer({ specs: fixtureSpecPaths() });
    servers.push(fromV3);
    const v2 = join(work, 'openapi-v2.json');
    writeFileSync(v2, JSON.stringify((await call(fromV3.url, 'GET', '/openapi/v2')).body));
    const fromV2 = await startApiServer({ specs: [v2] });
    servers.push(fromV2);
    const paths = async (s: ApiServer) => Object.keys((await call(s.url, 'GET', '/openapi/v3')).body.paths as Doc);
    const served = await paths(fromV3);
    assert.deepEqual(await paths(fromV2), served);
    for (const path of served) {
      const [want, got] = await Promise.all(
        [fromV3, fromV2].map(async (s) => (await call(s.url, 'GET', `/openapi/v3/${path}`)).body),
      );
      assert.deepEqual(got, want, path);
    }
  });
});

describe('v2 schemas and paths as v3 writes them', () => {
  const schemaCases: [string, { given: unknown; want: unknown }][] = [
    ['a lone reference', { given: { $ref: '#/definitions/a.B' }, want: { $ref: '#/components/schemas/a.B' } }],
    [
      'a reference with a description',
      {
        given: { $ref: '#/definitions/a.B', description: 'd' },
        want: { description: 'd', allOf: [{ $ref: '#/components/schemas/a.B' }] },
      },
    ],
    [
      'references inside items and maps',
      {
        given: { type: 'array', items: { additionalProperties: { $ref: '#/definitions/a.B' } } },
        want: { type: 'array', items: { additionalProperties: { $ref: '#/components/schemas/a.B' } } },
      },
    ],
    [
      'a property named $ref (JSONSchemaProps)',
      {
        given: { properties: { $ref: { type: 'string' } } },
        want: { properties: { $ref: { type: 'string' } } },
      },
    ],
  ];
  for (const [name, { given, want }] of schemaCases)
    it(`v3Schema: ${name}`, () => assert.deepEqual(v3Schema(given), want));

  const pathCases: [string, string][] = [
    ['/api/v1/namespaces/{namespace}/pods/{name}/log', 'api/v1'],
    ['/api/v1/watch/pods', 'api/v1'],
    ['/apis/apps/v1/', 'apis/apps/v1'],
    ['/apis/apps/', 'apis/apps'],
    ['/apis/', 'apis'],
    ['/api/', 'api'],
    ['/version/', 'version'],
    ['/logs/{logpath}', 'logs'],
    ['/.well-known/openid-configuration/', '.well-known/openid-configuration'],
    ['/openid/v1/jwks/', 'openid/v1/jwks'],
  ];
  for (const [given, want] of pathCases) it(`servedAt ${given}`, () => assert.equal(servedAt(given), want));
});
