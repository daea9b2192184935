// `kubegen diff kubernetes:1.28 kubernetes:1.35`, the upgrade a team plans, from a loopback mirror of the shared
// releases laid out like the Kubernetes repository: what it must report (core/v1 Endpoints deprecated in 1.33 among
// it), the exit code --fail-on sets for CI, the Markdown for a pull request comment, and a release against a cluster.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiDiff } from '../../generator/diff/types.ts';
import { diffSchemaErrors } from '../helpers/diff-schema.ts';
import { runCli, type CliResult } from '../helpers/e2e-cli.ts';
import {
  sharedRelease,
  sharedReleaseSpecs,
  startReleaseMirror,
  type ReleaseMirror,
} from '../helpers/release-mirror.ts';
import { expectedChanges } from '../helpers/served-resources.ts';
import { sharedSkip } from '../helpers/shared.ts';
import { sharedSpecPaths } from '../helpers/server.ts';
import { startApiServer } from '../../server/index.ts';

const ENDPOINTS = {
  scope: 'resource',
  groupVersion: 'v1',
  resource: 'endpoints',
  kind: 'Endpoints',
  message: 'This API is deprecated in v1.33+. Use discoveryv1.EndpointSlice.',
  replacement: 'discovery.k8s.io/v1 EndpointSlice',
  deprecatedIn: 'v1.33',
};

/** The in-tree volume plugins 1.35 deprecates and 1.28 did not, on both PersistentVolumeSpec and Volume. */
const VOLUME_PLUGINS = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'glusterfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
];

describe('kubegen diff between two published Kubernetes releases', { skip: sharedSkip }, () => {
  let mirror: ReleaseMirror;
  let work: string;
  const diff = (args: string[]): Promise<CliResult> =>
    runCli(['diff', ...args], {
      cwd: work,
      env: { KUBEGEN_KUBERNETES_SPECS: mirror.url, XDG_CACHE_HOME: join(work, 'cache') },
      timeoutMs: 300_000,
    });

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'kubegen-diff-releases-'));
    mirror = await startReleaseMirror(
      Object.fromEntries(['1.28', '1.35', '1.36'].map((minor) => [`v${minor}.0`, sharedRelease(minor)])),
    );
  });
  after(async () => {
    await mirror?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('1.28 → 1.35: removed group-versions, retyped and newly required fields, Endpoints and volume plugins deprecated', async () => {
    const run = await diff(['kubernetes:1.28', 'kubernetes:1.35', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const got = JSON.parse(run.stdout) as ApiDiff;
    assert.deepEqual(diffSchemaErrors(got), []);
    assert.deepEqual([got.from.version, got.to.version], ['v1.28.0', 'v1.35.0']);
    const want = expectedChanges(sharedReleaseSpecs('1.28').spec, sharedReleaseSpecs('1.35').spec);
    assert.deepEqual(got.groupVersions, {
      added: want.added,
      // Seven minor releases apart, and no note names the release: removed by 1.35.
      removed: want.removed.map((groupVersion) => ({ groupVersion, removedBy: 'v1.35.0' })),
    });
    assert.ok(want.removed.includes('flowcontrol.apiserver.k8s.io/v1beta2'));
    assert.deepEqual(
      got.deprecations.filter((d) => d.scope !== 'field'),
      [ENDPOINTS],
    );
    const fields = got.deprecations.filter((d) => d.scope === 'field').map((d) => `${d.schema}.${d.field}`);
    assert.deepEqual(fields, [
      'io.k8s.api.core.v1.NodeSystemInfo.kubeProxyVersion',
      ...VOLUME_PLUGINS.map((f) => `io.k8s.api.core.v1.PersistentVolumeSpec.${f}`),
      'io.k8s.api.core.v1.PodStatus.resize',
      ...VOLUME_PLUGINS.map((f) => `io.k8s.api.core.v1.Volume.${f}`),
    ]);
    assert.equal(got.summary.deprecated, 35);
    const schema = (name: string) => got.fields.find((f) => f.schema === `io.k8s.api.${name}`);
    assert.deepEqual(schema('core.v1.PersistentVolumeClaimSpec')?.changed, [
      {
        field: 'resources',
        from: 'io.k8s.api.core.v1.ResourceRequirements',
        to: 'io.k8s.api.core.v1.VolumeResourceRequirements',
      },
    ]);
    assert.deepEqual(schema('core.v1.HostAlias')?.becameRequired, ['ip']);
    assert.ok(got.fields.every((f) => f.changedBy === 'v1.35.0' && f.changedIn === undefined));
    assert.deepEqual(schema('core.v1.PodResourceClaim')?.removed, [
      { field: 'source', type: 'io.k8s.api.core.v1.ClaimSource' },
    ]);
    assert.ok(schema('apps.v1.DeploymentStatus')?.added.some((f) => f.field === 'terminatingReplicas'));
    assert.equal(existsSync(join(work, 'kubegen.lock.json')), false, 'a diff records nothing in the lock');
  });

  it('--fail-on deprecated exits 1 naming core/v1 Endpoints; the text and Markdown reports say since when and what instead', async () => {
    const failed = await diff(['kubernetes:1.28', 'kubernetes:1.35', '--fail-on', 'deprecated']);
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      /^kubegen diff: 35 deprecated: core\/v1 Endpoints, .* and 32 more \(--fail-on deprecated\)\n$/,
    );
    assert.match(
      failed.stdout,
      /^ {2}! core\/v1 endpoints \(Endpoints\) — deprecated in v1\.33, use discovery\.k8s\.io\/v1 EndpointSlice: This API is deprecated in v1\.33\+\. Use discoveryv1\.EndpointSlice\.$/m,
    );
    const breaking = await diff(['kubernetes:1.28', 'kubernetes:1.35', '--fail-on', 'removed,breaking', '--markdown']);
    assert.equal(breaking.code, 1);
    assert.match(breaking.stderr, /^kubegen diff: \d+ removed: authentication\.k8s\.io\/v1alpha1, /);
    const lines = breaking.stdout.split('\n');
    assert.equal(lines[0], '### kubegen diff: `kubernetes:1.28` (v1.28.0) → `kubernetes:1.35` (v1.35.0)');
    assert.match(
      lines[2]!,
      /^\*\*\d+ breaking changes\*\* · \d+ removed · 35 newly deprecated · \d+ added · \d+ changed$/,
    );
    assert.ok(lines.includes('#### Group-versions removed by v1.35.0'));
    assert.ok(
      lines.includes(
        '| `core/v1 endpoints` (Endpoints) | v1.33 | `discovery.k8s.io/v1 EndpointSlice` | This API is deprecated in v1.33+. Use discoveryv1.EndpointSlice. |',
      ),
    );
    const none = await diff(['kubernetes:1.35', 'kubernetes:1.28', '--fail-on', 'deprecated']);
    assert.deepEqual([none.code, none.stderr], [0, ''], 'going back deprecates nothing');
  });

  it('one minor release apart, removals are dated in the newer one; a release against its own files differs in nothing', async () => {
    const next = JSON.parse((await diff(['kubernetes:1.35', 'kubernetes:1.36', '--json'])).stdout) as ApiDiff;
    assert.ok(next.groupVersions.removed.length + next.replacements.length > 0);
    for (const entry of [...next.groupVersions.removed, ...next.replacements])
      assert.deepEqual([entry.removedIn, entry.removedBy], ['v1.36.0', undefined]);
    const same = await diff(['kubernetes:1.35', sharedReleaseSpecs('1.35').spec]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /^No differences\.$/m);
  });

  it('a release against a cluster serving it: nothing served differs, and the cluster names its release', async () => {
    const server = await startApiServer({ specs: sharedSpecPaths(35) });
    try {
      const run = await diff(['kubernetes:1.35', server.url, '--json', '--fail-on', 'removed,deprecated']);
      assert.equal(run.code, 0, run.stderr);
      const got = JSON.parse(run.stdout) as ApiDiff;
      assert.equal(got.to.version, 'v1.35.0');
      assert.deepEqual(
        [got.groupVersions, got.resources, got.deprecations],
        [{ added: [], removed: [] }, { added: [], removed: [] }, []],
      );
    } finally {
      await server.stop();
    }
  });
});
