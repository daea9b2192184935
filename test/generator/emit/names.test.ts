// Given/want tables for the naming stage: every name from a spec becomes a valid, deterministic identifier.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NameScope,
  clientFactoryName,
  moduleFile,
  nestedTypeName,
  propertyKey,
  quote,
  typeName,
} from '../../../generator/emit/names.ts';

function table<I, O>(cases: [given: I, want: O][], f: (given: I) => O): void {
  for (const [given, want] of cases) assert.deepEqual(f(given), want, JSON.stringify(given));
}

describe('names', () => {
  it('typeName: a schema name or any text → a type name', () => {
    table(
      [
        ['io.k8s.api.apps.v1.Deployment', 'IoK8sApiAppsV1Deployment'],
        ['Deployment', 'Deployment'],
        ['my-thing$x y', 'MyThingXY'],
        ['x_y', 'X_y'],
        ['3d', 'T3d'],
        ['', 'Unnamed'],
        ['—', 'Unnamed'],
        ['Record', 'Record_'],
        ['promise', 'Promise_'],
      ],
      typeName,
    );
  });

  it('nestedTypeName: the root and the path, each part capitalized', () => {
    table<[string, string[]], string>(
      [
        [['Certificate', ['spec', 'keystores', 'jks']], 'CertificateSpecKeystoresJks'],
        [['Kafka', ['spec', 'kafka', 'listeners']], 'KafkaSpecKafkaListeners'],
        [['ScaledObject', ['spec', 'triggers']], 'ScaledObjectSpecTriggers'],
        [['Vault', ['spec', 'pod-template', 'x_y']], 'VaultSpecPodTemplateX_y'],
        [['Vault', ['spec', 'matchLabels']], 'VaultSpecMatchLabels'],
        [['Vault', ['spec', '0']], 'VaultSpec0'],
        [['Vault', ['']], 'Vault'],
      ],
      ([root, path]) => nestedTypeName(root, path),
    );
  });

  it('clientFactoryName: group and version → a factory, the short group unless it is taken, then the exact one', () => {
    table<[string, string, 'short' | 'full' | 'exact'], string>(
      [
        [['core', 'v1', 'short'], 'coreV1'],
        [['apps', 'v1', 'short'], 'appsV1'],
        [['networking.k8s.io', 'v1', 'short'], 'networkingV1'],
        [['networking.k8s.io', 'v1', 'full'], 'networkingK8sIoV1'],
        [['example.kubegen.dev', 'v1alpha1', 'short'], 'exampleKubegenDevV1alpha1'],
        [['9p.example.com', 'v1', 'short'], 'v9pExampleComV1'],
        [['a-b.example.com', 'v1', 'full'], 'aBExampleComV1'],
        [['a-b.example.com', 'v1', 'exact'], 'a_bExampleComV1'],
        [['a.b.example.com', 'v1', 'exact'], 'aBExampleComV1'],
      ],
      ([group, version, spelling]) => clientFactoryName(group, version, spelling),
    );
  });

  it('propertyKey and quote: bare when an identifier, else single-quoted and escaped', () => {
    table(
      [
        ['name', 'name'],
        ['$ref', '$ref'],
        ['x-kubernetes-group', "'x-kubernetes-group'"],
        ["it's", "'it\\'s'"],
        ['say "hi"', '\'say "hi"\''],
        ['back\\slash', "'back\\\\slash'"],
        ['line\nbreak\u2028', "'line\\nbreak\\u2028'"],
        ['3d', "'3d'"],
      ],
      propertyKey,
    );
    table(
      [
        ['/api/v1', "'/api/v1'"],
        ['', "''"],
      ],
      quote,
    );
  });

  it('NameScope: the first to ask gets the name, later ones a numbered variant', () => {
    const scope = new NameScope(['Taken']);
    assert.deepEqual(
      ['Pod', 'Pod', 'Taken', 'Pod', 'Pod2'].map((n) => scope.claim(n)),
      ['Pod', 'Pod2', 'Taken2', 'Pod3', 'Pod22'],
    );
  });

  it('moduleFile: group/version.ts, refusing what is not a DNS name', () => {
    assert.equal(moduleFile('apps', 'v1'), 'apps/v1.ts');
    assert.equal(moduleFile('example.kubegen.dev', 'v1beta1'), 'example.kubegen.dev/v1beta1.ts');
    for (const [group, version] of [
      ['..', 'v1'],
      ['a/b', 'v1'],
      ['apps', 'V1'],
      ['a..b', 'v1'],
    ] as const)
      assert.throws(() => moduleFile(group, version), /not a DNS name/);
  });
});
