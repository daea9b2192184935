// CRD manifests → the OpenAPI v3 documents kube-apiserver publishes for them, over every shared CRD file.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { globSync } from 'tinyglobby';
import { sharedSkip, sharedPath } from '../helpers/shared.ts';
import {
  CrdError,
  crdsToOpenApiDocuments,
  crdToOpenApiDocuments,
  dedupeCrds,
  parseCrdManifest,
  readCrdFiles,
  type CrdDocument,
  type LoadedCrd,
} from '../../core/source/crd/index.ts';
import type { OperationObject, PathItem } from '../../core/source/crd/paths.ts';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

function operations(doc: CrdDocument): Array<OperationObject & { path: string; method: string }> {
  return Object.entries(doc.document.paths).flatMap(([path, item]: [string, PathItem]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ ...item[m]!, path, method: m })),
  );
}

function refs(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.add(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('CRD manifests from ../shared/crds', { skip: sharedSkip }, () => {
  let files: string[] = [];
  let loaded: LoadedCrd[] = [];
  let docs: CrdDocument[] = [];
  before(async () => {
    files = globSync('**/*.{yaml,yml,json}', { cwd: sharedPath('crds'), absolute: true }).sort();
    loaded = await readCrdFiles(files);
    docs = crdsToOpenApiDocuments(dedupeCrds(loaded).map((c) => c.crd));
  });

  it('parses every file, and every served version of every CRD has its paths and kind schema', () => {
    assert.ok(files.length > 100, `expected the shared CRDs, found ${files.length} files`);
    const fromFiles = new Set(loaded.map((c) => c.file));
    assert.deepEqual([...fromFiles].sort(), files, 'every file yields at least one CRD');
    for (const { crd } of dedupeCrds(loaded)) {
      for (const v of crd.spec.versions.filter((x) => x.served)) {
        const doc = docs.find((d) => d.path === `apis/${crd.spec.group}/${v.name}`);
        assert.ok(doc, `${crd.metadata.name} ${v.name}: no document`);
        const base =
          crd.spec.scope === 'Namespaced'
            ? `/apis/${crd.spec.group}/${v.name}/namespaces/{namespace}/${crd.spec.names.plural}`
            : `/apis/${crd.spec.group}/${v.name}/${crd.spec.names.plural}`;
        assert.ok(
          doc.document.paths[base]?.get && doc.document.paths[`${base}/{name}`]?.patch,
          `${crd.metadata.name} ${v.name}: ${base}`,
        );
        const gvk = operations(doc).find((o) => o.path === base)!['x-kubernetes-group-version-kind'];
        assert.deepEqual(gvk, { group: crd.spec.group, version: v.name, kind: crd.spec.names.kind });
      }
    }
  });

  it('every $ref of every document resolves inside that document', () => {
    for (const doc of docs) {
      for (const ref of refs(doc.document)) {
        const name = ref.replace('#/components/schemas/', '');
        assert.ok(doc.document.components.schemas[name], `${doc.path}: dangling ${ref}`);
      }
    }
  });

  it("operationIds are unique per document and shaped like the server's", () => {
    for (const doc of docs) {
      const ids = operations(doc).map((o) => o.operationId);
      assert.equal(new Set(ids).size, ids.length, `${doc.path}: duplicate operationIds`);
    }
  });

  it('publishes cert-manager.io/v1 Certificate as kube-apiserver does', () => {
    const doc = docs.find((d) => d.path === 'apis/cert-manager.io/v1')!;
    const ops = operations(doc).filter((o) => o.path.includes('/certificates'));
    const byId = Object.fromEntries(
      ops.map((o) => [o.operationId, `${o.method} ${o.path} ${o['x-kubernetes-action']}`]),
    );
    const ns = '/apis/cert-manager.io/v1/namespaces/{namespace}/certificates';
    assert.deepEqual(byId, {
      listCertManagerIoV1CertificateForAllNamespaces: 'get /apis/cert-manager.io/v1/certificates list',
      listCertManagerIoV1NamespacedCertificate: `get ${ns} list`,
      createCertManagerIoV1NamespacedCertificate: `post ${ns} post`,
      deleteCertManagerIoV1CollectionNamespacedCertificate: `delete ${ns} deletecollection`,
      readCertManagerIoV1NamespacedCertificate: `get ${ns}/{name} get`,
      replaceCertManagerIoV1NamespacedCertificate: `put ${ns}/{name} put`,
      patchCertManagerIoV1NamespacedCertificate: `patch ${ns}/{name} patch`,
      deleteCertManagerIoV1NamespacedCertificate: `delete ${ns}/{name} delete`,
      readCertManagerIoV1NamespacedCertificateStatus: `get ${ns}/{name}/status get`,
      replaceCertManagerIoV1NamespacedCertificateStatus: `put ${ns}/{name}/status put`,
      patchCertManagerIoV1NamespacedCertificateStatus: `patch ${ns}/{name}/status patch`,
    });
    const patch = ops.find((o) => o.operationId === 'patchCertManagerIoV1NamespacedCertificate')!;
    assert.deepEqual(Object.keys(patch.requestBody!.content).sort(), [
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
    ]);
    assert.ok(patch.parameters!.some((p) => p.name === 'force'));
    const list = ops.find((o) => o.operationId === 'listCertManagerIoV1NamespacedCertificate')!;
    assert.ok(list.parameters!.some((p) => p.name === 'watch'));
    assert.equal(list.tags[0], 'certManagerIo_v1');
    const schema = doc.document.components.schemas['io.cert-manager.v1.Certificate']!;
    assert.deepEqual(schema['x-kubernetes-group-version-kind'], [
      { group: 'cert-manager.io', kind: 'Certificate', version: 'v1' },
    ]);
    assert.deepEqual(schema.properties!.metadata!.allOf, [
      { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
    ]);
    assert.equal(schema.properties!.kind!.type, 'string');
    assert.ok(schema.properties!.spec!.properties!.secretName, 'spec fields come from the CRD schema');
    const list2 = doc.document.components.schemas['io.cert-manager.v1.CertificateList']!;
    assert.deepEqual(list2.properties!.items!.items, { $ref: '#/components/schemas/io.cert-manager.v1.Certificate' });
    const info = schema['x-kubegen-crd'] as { storage: boolean; shortNames: string[]; namespaced: boolean };
    assert.equal(info.storage, true);
    assert.ok(info.shortNames.includes('cert'));
  });

  it('cluster-scoped resources have no namespace in their paths and no all-namespaces list', () => {
    const doc = docs.find((d) => d.path === 'apis/cert-manager.io/v1')!;
    const ids = operations(doc)
      .filter((o) => o.path.includes('/clusterissuers'))
      .map((o) => o.operationId);
    assert.ok(ids.includes('listCertManagerIoV1ClusterIssuer'));
    assert.ok(ids.includes('readCertManagerIoV1ClusterIssuerStatus'));
    assert.ok(!ids.some((id) => id.includes('ForAllNamespaces') || id.includes('Namespaced')));
  });

  it('publishes the scale subresource with autoscaling/v1 Scale', () => {
    const withScale = dedupeCrds(loaded).find((c) =>
      c.crd.spec.versions.some((v) => v.served && v.subresources?.scale),
    );
    assert.ok(withScale, 'some shared CRD has a scale subresource');
    const v = withScale.crd.spec.versions.find((x) => x.served && x.subresources?.scale)!;
    const [doc] = crdToOpenApiDocuments(withScale.crd).filter((d) => d.version === v.name);
    const scale = operations(doc!).filter((o) => o.path.endsWith('/scale'));
    assert.deepEqual(scale.map((o) => o['x-kubernetes-action']).sort(), ['get', 'patch', 'put']);
    assert.deepEqual(scale[0]!.responses['200']!.content!['application/json']!.schema, {
      $ref: '#/components/schemas/io.k8s.api.autoscaling.v1.Scale',
    });
    assert.ok(doc!.document.components.schemas['io.k8s.api.autoscaling.v1.ScaleSpec']);
  });

  it('flags deprecated versions with their warning, and marks only the storage version', () => {
    const udp = loaded.find((c) => c.crd.metadata.name === 'udproutes.gateway.networking.k8s.io')!;
    const deprecated = udp.crd.spec.versions.find((v) => v.deprecated)!;
    const docsOf = crdToOpenApiDocuments(udp.crd);
    const infoOf = (d: CrdDocument) =>
      d.document.components.schemas[`io.k8s.networking.gateway.${d.version}.UDPRoute`]!['x-kubegen-crd'] as {
        deprecated: boolean;
        deprecationWarning?: string;
        storage: boolean;
      };
    const dep = infoOf(docsOf.find((d) => d.version === deprecated.name)!);
    assert.equal(dep.deprecated, true);
    assert.equal(dep.deprecationWarning, deprecated.deprecationWarning);
    assert.equal(
      docsOf.filter((d) => infoOf(d).storage).length,
      udp.crd.spec.versions.filter((v) => v.served && v.storage).length,
    );
  });

  it('uses the meta schemas a caller supplies', () => {
    const cert = loaded.find((c) => c.crd.metadata.name === 'certificates.cert-manager.io')!;
    const mine = { type: 'object', description: 'from the caller', properties: { name: { type: 'string' } } };
    const [doc] = crdToOpenApiDocuments(cert.crd, {
      metaSchemas: { 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': mine },
    });
    assert.equal(
      doc!.document.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']!.description,
      'from the caller',
    );
  });

  it('gives the same bytes for the same CRDs', () => {
    const again = crdsToOpenApiDocuments(dedupeCrds(loaded).map((c) => c.crd));
    assert.equal(JSON.stringify(again), JSON.stringify(docs));
  });
});

describe('bad CRD manifests', () => {
  const crd = (schema: unknown, extra = '') => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true${extra}
    schema:
      openAPIV3Schema: ${JSON.stringify(schema)}
`;

  it('accepts a valid one and defaults singular and listKind', () => {
    const [c] = parseCrdManifest(
      crd({ type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } }),
      'w.yaml',
    );
    assert.equal(c!.crd.spec.names.singular, 'widget');
    assert.equal(c!.crd.spec.names.listKind, 'WidgetList');
  });

  it('a file that is not a CRD names the file, document and pointer', () => {
    const text = `${crd({ type: 'object' })}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n`;
    assert.throws(
      () => parseCrdManifest(text, 'bundle.yaml'),
      (err: unknown) => {
        assert.ok(err instanceof CrdError);
        assert.equal(
          err.message,
          'bundle.yaml (document 2) at /kind: not a CustomResourceDefinition (kind is "ConfigMap")',
        );
        return true;
      },
    );
  });

  it('an untyped field is an invalid structural schema, with its pointer', () => {
    const text = crd({
      type: 'object',
      properties: { spec: { type: 'object', properties: { size: { description: 'no type' } } } },
    });
    assert.throws(() => parseCrdManifest(text, 'w.yaml'), {
      message:
        'w.yaml at /spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/type: missing: a structural schema gives every field a type (or x-kubernetes-int-or-string / x-kubernetes-preserve-unknown-fields)',
    });
  });

  it('rejects $ref, bad list types, v1beta1 CRDs, YAML errors and empty files', () => {
    assert.throws(
      () => parseCrdManifest(crd({ type: 'object', properties: { a: { $ref: '#/x' } } }), 'w.yaml'),
      /properties\/a\/\$ref: \$ref is not allowed/,
    );
    assert.throws(
      () =>
        parseCrdManifest(
          crd({
            type: 'object',
            properties: { a: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'map' } },
          }),
          'w.yaml',
        ),
      /x-kubernetes-list-map-keys: a list of type map must name its keys/,
    );
    assert.throws(
      () =>
        parseCrdManifest(
          crd({ type: 'object' }).replace('apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1'),
          'w.yaml',
        ),
      /at \/apiVersion: only apiextensions.k8s.io\/v1/,
    );
    assert.throws(() => parseCrdManifest('a: [1, 2\n', 'bad.yaml'), /bad.yaml:2:1 at \/: invalid YAML/);
    assert.throws(() => parseCrdManifest('# nothing\n', 'empty.yaml'), /empty.yaml at \/: no CustomResourceDefinition/);
    assert.throws(
      () => parseCrdManifest(crd({ type: 'string' }), 'w.yaml'),
      /openAPIV3Schema\/type: the root of a CRD schema must have type "object"/,
    );
  });

  it('reads JSON and Lists of CRDs', () => {
    const one = parseCrdManifest(crd({ type: 'object' }), 'w.yaml')[0]!.crd;
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [one] });
    const [c] = parseCrdManifest(json, 'list.json');
    assert.equal(c!.crd.metadata.name, 'widgets.example.com');
    assert.equal(c!.location, '/items/0');
  });
});
