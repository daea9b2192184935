// Deprecations in the model: what descriptions say, read as kube-apiserver's authors write it (given/want), and
// where the model notes it — schemas and their fields, kinds and so resources, whole group-versions, operations.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildModel } from '../../core/model/build.ts';
import { deprecationIn } from '../../core/model/deprecation-text.ts';
import type { Deprecation } from '../../core/model/types.ts';
import { crdDocuments, readCrds } from '../../core/source/inputs/files.ts';
import { projectRoot } from '../helpers/shared.ts';

describe('deprecations a description states', () => {
  const cases: Array<[string, string, Deprecation | undefined]> = [
    [
      'a paragraph opening with Deprecated:, naming a Go kind and a release',
      'Endpoints is a collection of endpoints.\n\nDeprecated: This API is deprecated in v1.33+. Use discoveryv1.EndpointSlice.',
      {
        message: 'This API is deprecated in v1.33+. Use discoveryv1.EndpointSlice.',
        replacement: 'discoveryv1.EndpointSlice',
        since: 'v1.33',
      },
    ],
    [
      'a sentence opening with Deprecated: after another',
      'DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead.',
      { message: 'Use serviceAccountName instead.', replacement: 'serviceAccountName' },
    ],
    [
      'DEPRECATED in capitals',
      'Represents a volume.\n\nDEPRECATED: GitRepo is deprecated. To provision a container with a git repo, mount an EmptyDir.',
      { message: 'GitRepo is deprecated. To provision a container with a git repo, mount an EmptyDir.' },
    ],
    [
      'Deprecated. with a period, and consider using',
      'Deprecated. FlexVolume is deprecated. Consider using a CSIDriver instead.',
      { message: 'FlexVolume is deprecated. Consider using a CSIDriver instead.', replacement: 'CSIDriver' },
    ],
    [
      'after a quoted word, without a sentence end',
      'set this to "Proposed" Deprecated: Resize status is moved to two pod conditions.',
      { message: 'Resize status is moved to two pod conditions.' },
    ],
    [
      'this API is deprecated since a release',
      'NodeConfigSource specifies a source of node configuration. This API is deprecated since 1.22',
      { message: 'This API is deprecated since 1.22', since: 'v1.22' },
    ],
    [
      'the field is deprecated in favor of another, and removed in a release',
      'This field is deprecated in favor of `spec.image`, and is removed in v1.40.',
      {
        message: 'This field is deprecated in favor of `spec.image`, and is removed in v1.40.',
        replacement: '`spec.image`',
        removedIn: 'v1.40',
      },
    ],
    [
      'a @deprecated line, as CRD authors write it',
      'A Gadget.\n\n@deprecated example.dev/v1beta1 Gadget is deprecated; use example.dev/v1 Gadget',
      {
        message: 'example.dev/v1beta1 Gadget is deprecated; use example.dev/v1 Gadget',
        replacement: 'example.dev/v1 Gadget',
      },
    ],
    [
      'a replacement ends at the line break',
      'Deprecated: use pipelineRunSpec.Timeouts.Pipeline instead\nTimeout is the time after which the run fails.',
      {
        message: 'use pipelineRunSpec.Timeouts.Pipeline instead Timeout is the time after which the run fails.',
        replacement: 'pipelineRunSpec.Timeouts.Pipeline',
      },
    ],
    ['an enum value written (deprecated)', 'Retain, Delete, and Recycle (deprecated).', undefined],
    ['an annotation that is deprecated', 'The "kubernetes.io/x" annotation is deprecated since v1.32.', undefined],
    ['a field that names deprecation', 'deprecated indicates this version of the API is deprecated.', undefined],
    ['a word beginning with Deprecated', 'DeprecatedTopology holds the old topology.', undefined],
    [
      'a use inside a sentence is no replacement',
      'Deprecated: it clones the repo using git.',
      { message: 'it clones the repo using git.' },
    ],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(deprecationIn(text), want));

  it("OpenAPI's deprecated: true alone is a note without words", () => {
    assert.deepEqual(deprecationIn(undefined, true), {});
    assert.deepEqual(deprecationIn('The old name.', true), {});
  });
});

/** A v3 document of core/v1 endpoints (deprecated, as 1.33 says it) and discovery.k8s.io/v1 endpointslices. */
function endpointsSpec(): unknown {
  const kind = (group: string, kind: string, description: string, properties = {}) => ({
    type: 'object',
    description,
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, ...properties },
    'x-kubernetes-group-version-kind': [{ group, version: 'v1', kind }],
  });
  const get = (id: string, group: string, kind: string, extra = {}) => ({
    get: {
      operationId: id,
      responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } },
      'x-kubernetes-group-version-kind': { group, version: 'v1', kind },
      ...extra,
    },
  });
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: {
      '/api/v1/namespaces/{namespace}/endpoints/{name}': {
        ...get('readCoreV1NamespacedEndpoints', '', 'Endpoints'),
        parameters: [
          { name: 'namespace', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
        ],
      },
      '/apis/discovery.k8s.io/v1/endpointslices': get(
        'listDiscoveryV1EndpointSliceForAllNamespaces',
        'discovery.k8s.io',
        'EndpointSlice',
        { deprecated: true },
      ),
    },
    components: {
      schemas: {
        'io.k8s.api.core.v1.Endpoints': kind(
          '',
          'Endpoints',
          'Endpoints is a legacy API.\n\nDeprecated: This API is deprecated in v1.33+. Use discoveryv1.EndpointSlice.',
          {
            subsets: {
              type: 'array',
              items: {
                type: 'object',
                properties: { hostname: { type: 'string', description: 'Deprecated: Use hostnames instead.' } },
              },
            },
            legacy: { type: 'string', deprecated: true },
          },
        ),
        'io.k8s.api.discovery.v1.EndpointSlice': kind(
          'discovery.k8s.io',
          'EndpointSlice',
          'EndpointSlice lists endpoints.',
        ),
      },
    },
  };
}

describe('deprecations in the model', () => {
  it('notes a kind, its resource, its fields (by path) and operations, resolving Go kind names', () => {
    const model = buildModel([{ file: 'endpoints.json', doc: endpointsSpec() }]);
    const note = {
      message: 'This API is deprecated in v1.33+. Use discoveryv1.EndpointSlice.',
      replacement: 'discovery.k8s.io/v1 EndpointSlice',
      since: 'v1.33',
    };
    const endpoints = model.schemas['io.k8s.api.core.v1.Endpoints']!;
    assert.deepEqual(endpoints.deprecated, note);
    assert.deepEqual(endpoints.deprecatedFields, {
      legacy: {},
      'subsets[].hostname': { message: 'Use hostnames instead.', replacement: 'hostnames' },
    });
    const [core, discovery] = model.groups;
    assert.deepEqual(core!.versions[0]!.resources[0]!.deprecated, note);
    assert.deepEqual(core!.versions[0]!.deprecated, note, 'every resource of core/v1 here is deprecated');
    assert.equal(discovery!.versions[0]!.deprecated, undefined);
    assert.equal(model.schemas['io.k8s.api.discovery.v1.EndpointSlice']!.deprecated, undefined);
    const ops = Object.fromEntries(model.operations.map((o) => [o.operationId, o.deprecated]));
    assert.deepEqual(ops, {
      readCoreV1NamespacedEndpoints: undefined,
      listDiscoveryV1EndpointSliceForAllNamespaces: {},
    });
  });

  it("notes a CRD's deprecated version with its deprecationWarning, on the kind, the resource and the group-version", async () => {
    const crds = await readCrds([join(projectRoot, 'test', 'fixtures', 'build', 'gadget-crd.yaml')]);
    const model = buildModel(await crdDocuments(crds));
    const note = {
      message: 'example.dev/v1beta1 Gadget is deprecated; use example.dev/v1 Gadget',
      replacement: 'example.dev/v1 Gadget',
    };
    const versions = Object.fromEntries(model.groups[0]!.versions.map((v) => [v.version, v]));
    assert.deepEqual(versions.v1beta1!.deprecated, note);
    assert.deepEqual(versions.v1beta1!.resources[0]!.deprecated, note);
    assert.deepEqual(model.schemas['dev.example.v1beta1.Gadget']!.deprecated, note);
    assert.equal(versions.v1!.deprecated, undefined);
    assert.equal(model.schemas['dev.example.v1.Gadget']!.deprecated, undefined);
  });
});
