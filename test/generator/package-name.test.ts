// `--package NAME[@VERSION]` with the release's parts in it: given a value and a release, the package name and
// version, or the one-line error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPackageSpec, releaseParts, resolvePackageSpec } from '../../generator/emit/package-name.ts';

describe('package names that name the Kubernetes release', () => {
  it('reads the parts of releases as clusters, tags and specs write them', () => {
    const cases: Array<[string, string | undefined]> = [
      ['v1.35.2', '1.35.2'],
      ['1.35', '1.35.0'],
      ['v1.36.0-rc.1', '1.36.0-rc.1'],
      ['v1.30.4-eks-a737599', '1.30.4'],
      ['v1.31.1+k3s1', '1.31.1'],
      ['unversioned', undefined],
    ];
    for (const [release, want] of cases) assert.equal(releaseParts(release)?.version, want, release);
    assert.deepEqual(releaseParts('v1.35.2'), { major: '1', minor: '35', patch: '2', version: '1.35.2' });
  });

  it('fills the placeholders of the name and the version; the version defaults to the release', () => {
    const release = releaseParts('v1.35.2');
    const cases: Array<[string, { name: string; version: string }]> = [
      ['@acme/k8s-{minor}', { name: '@acme/k8s-35', version: '1.35.2' }],
      ['@acme/k8s-{major}.{minor}@2.0.{patch}', { name: '@acme/k8s-1.35', version: '2.0.2' }],
      ['k8s-{version}@{version}-acme.1', { name: 'k8s-1.35.2', version: '1.35.2-acme.1' }],
      ['k8s-client', { name: 'k8s-client', version: '1.35.2' }],
      ['@acme/k8s-client@1.0.0', { name: '@acme/k8s-client', version: '1.0.0' }],
    ];
    for (const [spec, want] of cases) assert.deepEqual(resolvePackageSpec(spec, release), want, spec);
    assert.deepEqual(resolvePackageSpec('@acme/k8s@1.0.0', undefined), { name: '@acme/k8s', version: '1.0.0' });
  });

  it('refuses unknown placeholders, bad names and versions, and a release the inputs do not name', () => {
    const cases: Array<[string, RegExp]> = [
      ['@acme/k8s-{release}', /^Error: --package @acme\/k8s-\{release\}: unknown placeholder \{release\} \(expected/],
      ['@acme/K8s-{minor}', /"@acme\/K8s-35" is not a valid npm package name$/],
      ['k8s@{minor}', /"35" is not a semantic version/],
      ['Bad Name@1.0.0', /"Bad Name" is not a valid npm package name/],
    ];
    for (const [spec, message] of cases) assert.throws(() => checkPackageSpec(spec), message, spec);
    assert.throws(
      () => resolvePackageSpec('@acme/k8s-{minor}@1.0.0', undefined),
      /^Error: --package @acme\/k8s-\{minor\}@1\.0\.0: the inputs do not name their Kubernetes release, which the placeholders need: use --kubernetes 1\.NN/,
    );
    assert.throws(() => resolvePackageSpec('k8s', undefined), /which the package version defaults to/);
    assert.doesNotThrow(() => checkPackageSpec('@acme/k8s-{minor}'));
  });
});
