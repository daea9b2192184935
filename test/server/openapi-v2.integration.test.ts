// /openapi/v2 as kubectl reads it: in protobuf (the only encoding kubectl asks for), made from the v3 documents
// when the server was given no v2 document, with custom resources' schemas in it. kubectl needs it to validate a
// `List` (v3 has no schema for one): the items are checked field by field before anything is sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { sharedSpecPaths, suiteKubectlSession } from '../helpers/server.ts';
import { sharedPath, sharedSkip } from '../helpers/shared.ts';

const protobufType = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

const list = (items: object[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
const configMap = (name: string, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data: { a: 'b' },
  ...extra,
});
const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
});
const issuer = (name: string, spec: object) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Issuer',
  metadata: { name },
  spec,
});

// Which specs each suite serves is read inside it: without the shared data the suites skip before asking.
for (const [title, specs] of [
  ['a server given v2 and v3 documents', () => sharedSpecPaths()],
  ['a server given v3 documents alone', () => sharedSpecPaths().slice(1)],
] as const) {
  describe(`kubectl and /openapi/v2: ${title}`, { skip: sharedSkip || kubectlSkip }, () => {
    const s = suiteKubectlSession({ specs: specs(), crds: [sharedPath('crds', 'cert-manager')] });

    it('answers in protobuf when asked, labelled with the type that parses, and in JSON by default', async () => {
      const proto = await fetch(`${s.server.url}/openapi/v2`, { headers: { Accept: protobufType } });
      assert.equal(proto.status, 200);
      assert.equal(proto.headers.get('content-type'), 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
      const bytes = Buffer.from(await proto.arrayBuffer());
      // Field 1 (swagger), length 3, "2.0".
      assert.deepEqual([...bytes.subarray(0, 5)], [0x0a, 3, ...Buffer.from('2.0')]);
      const again = await fetch(`${s.server.url}/openapi/v2`, {
        headers: { Accept: protobufType, 'If-None-Match': proto.headers.get('etag')! },
      });
      assert.equal(again.status, 304);
      const json = (await (await fetch(`${s.server.url}/openapi/v2`)).json()) as {
        swagger: string;
        definitions: Record<string, unknown>;
        paths: Record<string, unknown>;
      };
      assert.equal(json.swagger, '2.0');
      assert.ok(json.definitions['io.k8s.api.apps.v1.Deployment']);
      assert.ok(json.definitions['io.cert-manager.v1.Issuer'], 'custom resources are in the definitions');
      assert.ok(json.paths['/apis/apps/v1/namespaces/{namespace}/deployments']);
    });

    it('lets kubectl create a List of built-in and custom objects', async () => {
      const r = await s.run(['create', '-f', '-'], {
        input: list([configMap('listed'), deployment('listed'), issuer('listed', { selfSigned: {} })]),
      });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /configmap\/listed created/);
      assert.match(r.stdout, /deployment\.apps\/listed created/);
      assert.match(r.stdout, /issuer\.cert-manager\.io\/listed created/);
      const applied = await s.run(['apply', '-f', '-'], { input: list([configMap('listed', { data: { a: 'c' } })]) });
      assert.equal(applied.code, 0, applied.stderr);
      assert.equal((await s.run(['get', 'configmap', 'listed', '-o', 'jsonpath={.data.a}'])).stdout, 'c');
    });

    it("refuses a List whose items have unknown fields with kubectl's own validation, creating nothing", async () => {
      const r = await s.run(['create', '-f', '-'], {
        input: list([configMap('refused', { bogus: 1 }), issuer('refused', { selfSigned: {}, zzz: 1 })]),
      });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /unknown field "bogus" in io\.k8s\.api\.core\.v1\.ConfigMap/);
      assert.match(r.stderr, /unknown field "zzz" in io\.cert-manager\.v1\.Issuer\.spec/);
      const got = await s.run(['get', 'configmap', 'refused']);
      assert.match(got.stderr, /NotFound/);
    });
  });
}
