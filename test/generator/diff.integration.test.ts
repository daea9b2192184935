// `kubegen diff A B`, through the built binary: between two Kubernetes releases (v2 files and v3 folders) the
// group-versions and resources it reports as removed and added equal what the raw documents' paths say; between
// two releases of an operator's CRDs it reports field, version, subresource and deprecation changes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { projectRoot, sharedPath, sharedSkip } from '../helpers/shared.ts';
import { runCli } from '../helpers/e2e-cli.ts';
import { sharedSpecPaths } from '../helpers/server.ts';
import { startApiServer } from '../../server/index.ts';
import type { ApiDiff, ResourceRef } from '../../generator/diff/types.ts';
import { diffSchemaErrors } from '../helpers/diff-schema.ts';
import { expectedChanges, servedResources } from '../helpers/served-resources.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'diff');

type DiffJson = ApiDiff;
type Ref = ResourceRef;

async function diffJson(a: string, b: string): Promise<DiffJson> {
  const run = await runCli(['diff', a, b, '--json']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  const diff = JSON.parse(run.stdout) as DiffJson;
  assertShape(diff);
  return diff;
}

const names = (refs: Ref[]) => refs.map((r) => `${r.groupVersion} ${r.resource}`).sort();

/** The report fits the documented JSON Schema. */
function assertShape(d: DiffJson): void {
  assert.deepEqual(diffSchemaErrors(d), []);
}

describe('kubegen diff between Kubernetes releases', { skip: sharedSkip }, () => {
  const pairs = () =>
    [
      [
        'v2 files 1.28 → 1.35',
        sharedPath('specs', 'v2', 'kubernetes-1.28.json'),
        sharedPath('specs', 'v2', 'kubernetes-1.35.json'),
      ],
      [
        'v3 folders 1.27 → 1.35',
        sharedPath('specs', 'v3', 'kubernetes-1.27'),
        sharedPath('specs', 'v3', 'kubernetes-1.35'),
      ],
    ] as const;

  for (const index of [0, 1]) {
    test(`group-versions and resources removed and added equal the documents' paths (${['v2 files 1.28 → 1.35', 'v3 folders 1.27 → 1.35'][index]})`, async () => {
      const [, a, b] = pairs()[index]!;
      const want = expectedChanges(a, b);
      assert.ok(want.removed.length > 0 && want.added.length > 0, 'the releases differ in group-versions');
      const got = await diffJson(a, b);
      assertShape(got);
      assert.deepEqual(
        got.groupVersions.removed.map((g) => g.groupVersion),
        want.removed,
      );
      assert.deepEqual(got.groupVersions.added, want.added);
      assert.deepEqual(names(got.resources.removed), want.resourcesRemoved);
      assert.deepEqual(names(got.resources.added), want.resourcesAdded);
      // Every resource of a removed group-version is accounted for, with where the newer release serves it.
      const gone = new Set(want.removed);
      const orphans = got.replacements.filter((r) => gone.has(r.resource.groupVersion));
      const rb = servedResources(b);
      for (const { resource, servedIn } of orphans) {
        const group = resource.groupVersion.includes('/') ? resource.groupVersion.split('/')[0] : '';
        const expected = [...rb]
          .filter(
            ([gv, plurals]) => (gv.includes('/') ? gv.split('/')[0] : '') === group && plurals.has(resource.resource),
          )
          .map(([gv]) => gv);
        assert.deepEqual([...servedIn].sort(), expected.sort(), `${resource.groupVersion} ${resource.resource}`);
      }
    });
  }

  test('the human report names what an upgrade from 1.28 to 1.35 removes, where it moved, and new fields', async () => {
    const [, a, b] = pairs()[0]!;
    const want = expectedChanges(a, b);
    const run = await runCli(['diff', a, b]);
    assert.equal(run.code, 0, run.stderr);
    for (const gv of want.removed) assert.match(run.stdout, new RegExp(`^  - ${gv.replace(/\./g, '\\.')}$`, 'm'));
    for (const gv of want.added) assert.match(run.stdout, new RegExp(`^  \\+ ${gv.replace(/\./g, '\\.')}$`, 'm'));
    // FlowSchema left v1beta3 for v1 between these releases; Deployment status gained terminatingReplicas.
    assert.match(
      run.stdout,
      /flowcontrol\.apiserver\.k8s\.io\/v1beta3 flowschemas \(FlowSchema\): use flowcontrol\.apiserver\.k8s\.io\/v1$/m,
    );
    assert.match(
      run.stdout,
      /io\.k8s\.api\.apps\.v1\.DeploymentStatus[^\n]*\n(    [^\n]*\n)*    \+ terminatingReplicas: integer/,
    );
    assert.match(
      run.stdout,
      new RegExp(`^Summary: ${want.removed.length} group-versions removed, ${want.added.length} added,`, 'm'),
    );
  });

  test('a release against itself (v2 file and v3 folder of 1.35) reports no group-version or resource change', async () => {
    const got = await diffJson(
      sharedPath('specs', 'v2', 'kubernetes-1.35.json'),
      sharedPath('specs', 'v3', 'kubernetes-1.35'),
    );
    assert.deepEqual(got.groupVersions, { added: [], removed: [] });
    assert.deepEqual(got.resources, { added: [], removed: [] });
    const same = await runCli([
      'diff',
      sharedPath('specs', 'v2', 'kubernetes-1.35.json'),
      sharedPath('specs', 'v2', 'kubernetes-1.35.json'),
    ]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /^No differences\.$/m);
  });
});

describe('kubegen diff between two releases of CRDs', () => {
  test('reports the new version, the removed resource, field changes, a new subresource and the deprecation', async () => {
    const got = await diffJson(join(fixtures, 'release-1.yaml'), join(fixtures, 'release-2.yaml'));
    assertShape(got);
    assert.equal(got.from.version, undefined, 'a CRD manifest names no release');
    assert.deepEqual(got.groupVersions, { added: ['shop.example.com/v1'], removed: [] });
    assert.deepEqual(got.resources.removed, [
      { groupVersion: 'shop.example.com/v1alpha1', resource: 'gadgets', kind: 'Gadget' },
    ]);
    assert.deepEqual(got.replacements, [
      { resource: { groupVersion: 'shop.example.com/v1alpha1', resource: 'gadgets', kind: 'Gadget' }, servedIn: [] },
    ]);
    assert.deepEqual(got.fields, [
      {
        schema: 'com.example.shop.v1alpha1.Widget',
        kind: 'shop.example.com/v1alpha1 Widget',
        added: [
          { field: 'spec.shape', type: 'string' },
          { field: 'spec.parts[].count', type: 'integer', required: true },
        ],
        removed: [{ field: 'spec.legacyName', type: 'string' }],
        changed: [{ field: 'spec.size', from: 'integer', to: 'int-or-string' }],
        becameRequired: ['spec.color', 'spec.parts[].name'],
        becameOptional: [],
      },
    ]);
    assert.deepEqual(got.verbs, [
      {
        resource: { groupVersion: 'shop.example.com/v1alpha1', resource: 'widgets', kind: 'Widget' },
        added: [],
        removed: [],
        subresourcesAdded: ['status'],
        subresourcesRemoved: [],
      },
    ]);
    // CRD manifests name no release: no release is said for the deprecation.
    assert.deepEqual(got.deprecations, [
      {
        scope: 'group-version',
        groupVersion: 'shop.example.com/v1alpha1',
        message: 'shop.example.com/v1alpha1 Widget is deprecated; use shop.example.com/v1 Widget',
        replacement: 'shop.example.com/v1 Widget',
      },
      {
        scope: 'field',
        schema: 'com.example.shop.v1alpha1.Widget',
        kind: 'shop.example.com/v1alpha1 Widget',
        field: 'status.ready',
        message: 'use the Ready condition instead.',
        replacement: 'Ready condition',
      },
    ]);
    // The other way round: v1 is gone (Widget still served in v1alpha1), status goes, the deprecation is no news.
    const back = await diffJson(join(fixtures, 'release-2.yaml'), join(fixtures, 'release-1.yaml'));
    assert.deepEqual(back.groupVersions, { added: [], removed: [{ groupVersion: 'shop.example.com/v1' }] });
    assert.deepEqual(back.replacements, [
      {
        resource: { groupVersion: 'shop.example.com/v1', resource: 'widgets', kind: 'Widget' },
        servedIn: ['shop.example.com/v1alpha1'],
      },
    ]);
    assert.deepEqual(back.resources.added, [
      { groupVersion: 'shop.example.com/v1alpha1', resource: 'gadgets', kind: 'Gadget' },
    ]);
    assert.deepEqual(
      back.verbs.map((v) => v.subresourcesRemoved),
      [['status']],
    );
    assert.deepEqual(back.deprecations, []);
  });

  test('the human report lists the field changes under the kind', async () => {
    const run = await runCli(['diff', join(fixtures, 'release-1.yaml'), join(fixtures, 'release-2.yaml')]);
    assert.equal(run.code, 0, run.stderr);
    const block = run.stdout.slice(run.stdout.indexOf('Fields changed:'));
    assert.ok(
      block.startsWith(`Fields changed:
  com.example.shop.v1alpha1.Widget [shop.example.com/v1alpha1 Widget]
    - spec.legacyName: string
    + spec.shape: string
    + spec.parts[].count: integer (required)
    ~ spec.size: integer → int-or-string
    ! spec.color: now required
    ! spec.parts[].name: now required
`),
      block,
    );
    assert.match(
      run.stdout,
      /^  ! shop\.example\.com\/v1alpha1 \(every resource\) — use shop\.example\.com\/v1 Widget: shop\.example\.com\/v1alpha1 Widget is deprecated; use shop\.example\.com\/v1 Widget$/m,
    );
    assert.match(run.stdout, /^  - shop\.example\.com\/v1alpha1 gadgets \(Gadget\): no longer served in any version$/m);
    assert.match(run.stdout, /^  shop\.example\.com\/v1alpha1 widgets \(Widget\): \+status \(subresource\)$/m);
    const limited = await runCli([
      'diff',
      join(fixtures, 'release-1.yaml'),
      join(fixtures, 'release-2.yaml'),
      '--max-fields',
      '1',
    ]);
    assert.match(limited.stdout, /    - spec\.legacyName: string\n    … and 5 more\n/);
  });

  test('--fail-on sets the exit code for CI, naming what it found on stderr; --output markdown prints Markdown', async () => {
    const [one, two] = [join(fixtures, 'release-1.yaml'), join(fixtures, 'release-2.yaml')];
    const cases: Array<[string[], number, string]> = [
      [[one, two], 0, ''],
      [
        [one, two, '--fail-on', 'deprecated'],
        1,
        'kubegen diff: 2 deprecated: shop.example.com/v1alpha1, com.example.shop.v1alpha1.Widget.status.ready (--fail-on deprecated)\n',
      ],
      [
        [one, two, '--fail-on', 'removed,breaking'],
        1,
        'kubegen diff: 2 removed: shop.example.com/v1alpha1 Gadget, com.example.shop.v1alpha1.Widget.spec.legacyName; ' +
          '6 breaking: shop.example.com/v1alpha1 Gadget, com.example.shop.v1alpha1.Widget.spec.legacyName, ' +
          'com.example.shop.v1alpha1.Widget.spec.size and 3 more (--fail-on removed,breaking)\n',
      ],
      [[two, one, '--fail-on', 'deprecated'], 0, ''],
      [[two, two, '--fail-on', 'removed', '--fail-on', 'deprecated,breaking'], 0, ''],
    ];
    for (const [args, code, stderr] of cases) {
      const run = await runCli(['diff', ...args, '--json']);
      assert.deepEqual([run.code, run.stderr], [code, stderr], args.join(' '));
      assertShape(JSON.parse(run.stdout) as DiffJson);
    }
    const markdown = await runCli(['diff', one, two, '--output', 'markdown', '--fail-on', 'breaking']);
    assert.equal(markdown.code, 1);
    assert.match(
      markdown.stdout,
      /^### kubegen diff: `\S+release-1\.yaml` → `\S+release-2\.yaml`\n\n\*\*6 breaking changes\*\* · 2 removed/,
    );
    assert.match(markdown.stdout, /^\| `shop\.example\.com\/v1alpha1 gadgets` \(Gadget\) \| no longer served \|$/m);
  });

  test("a spec against CRD manifests: the manifests' stand-in meta schemas (ObjectMeta, Scale…) are not field changes", async () => {
    // The example spec has its own Scale (spec and status inline); CRD manifests alone get kubegen's.
    const got = await diffJson(join(projectRoot, 'examples', 'widgets-api.yaml'), join(fixtures, 'release-2.yaml'));
    assert.deepEqual(got.groupVersions, {
      added: ['shop.example.com/v1', 'shop.example.com/v1alpha1'],
      removed: [{ groupVersion: 'example.kubegen.dev/v1' }, { groupVersion: 'v1' }],
    });
    assert.deepEqual(got.fields, []);
  });

  test('a real CRD, minimal against full schema (Argo Workflows), reports the fields the full one adds', {
    skip: sharedSkip,
  }, async () => {
    const minimal = sharedPath('crds', 'argo-workflows', 'minimal', 'argoproj.io_workflows.yaml');
    const full = sharedPath('crds', 'argo-workflows', 'full', 'argoproj.io_workflows.yaml');
    const got = await diffJson(minimal, full);
    assert.deepEqual(got.groupVersions, { added: [], removed: [] });
    const workflow = got.fields.find((f) => f.schema === 'io.argoproj.v1alpha1.Workflow');
    assert.ok(workflow, 'field changes of the Workflow kind');
    const added = new Set(workflow.added.map((f) => f.field));
    for (const field of ['spec.entrypoint', 'spec.templates', 'spec.templates[].container.image', 'status.phase'])
      assert.ok(added.has(field), field);
    assert.deepEqual(workflow.removed, []);
  });
});

describe('kubegen diff against clusters', { skip: sharedSkip }, () => {
  test("a cluster serving 1.35 and an operator's CRDs, against the 1.35 spec and the CRDs' first release", async () => {
    const server = await startApiServer({ specs: sharedSpecPaths(35), crds: [join(fixtures, 'release-2.yaml')] });
    try {
      const got = await diffJson(sharedPath('specs', 'v3', 'kubernetes-1.35'), server.url);
      assert.equal(got.to.label, server.url);
      assert.equal(got.to.version, 'v1.35.0');
      assert.deepEqual(got.groupVersions, { added: ['shop.example.com/v1', 'shop.example.com/v1alpha1'], removed: [] });
      assert.deepEqual(got.resources, { added: [], removed: [] });
      assert.deepEqual(got.fields, []);
      // The served CRDs against their first release: the changes found between the two manifests, the
      // deprecation included (read from the cluster's CRD objects), beside the built-ins the cluster adds.
      const crds = await diffJson(join(fixtures, 'release-1.yaml'), server.url);
      assert.ok(
        crds.groupVersions.added.includes('shop.example.com/v1') && crds.groupVersions.added.includes('apps/v1'),
      );
      assert.deepEqual(
        crds.resources.removed.map((r) => r.resource),
        ['gadgets'],
      );
      assert.deepEqual(crds.fields.find((f) => f.schema === 'com.example.shop.v1alpha1.Widget')?.removed, [
        { field: 'spec.legacyName', type: 'string' },
      ]);
      assert.deepEqual(
        crds.deprecations.filter((d) => d.scope === 'group-version'),
        [
          {
            scope: 'group-version',
            groupVersion: 'shop.example.com/v1alpha1',
            message: 'shop.example.com/v1alpha1 Widget is deprecated; use shop.example.com/v1 Widget',
            replacement: 'shop.example.com/v1 Widget',
          },
        ],
      );
      // --crds-only leaves the built-ins out of both sides: what remains equals the manifests' own diff.
      const only = await runCli(['diff', join(fixtures, 'release-1.yaml'), server.url, '--crds-only', '--json']);
      assert.equal(only.code, 0, only.stderr);
      const manifests = await diffJson(join(fixtures, 'release-1.yaml'), join(fixtures, 'release-2.yaml'));
      const filtered = JSON.parse(only.stdout) as DiffJson;
      for (const key of ['groupVersions', 'resources', 'replacements', 'verbs', 'fields', 'deprecations'] as const) {
        assert.deepEqual(filtered[key], manifests[key], key);
      }
      const included = JSON.parse(
        (
          await runCli([
            'diff',
            sharedPath('specs', 'v3', 'kubernetes-1.35'),
            server.url,
            '--include',
            'shop.example.com/v1',
            '--json',
          ])
        ).stdout,
      ) as DiffJson;
      assert.deepEqual(included.groupVersions, { added: ['shop.example.com/v1'], removed: [] });
    } finally {
      await server.stop();
    }
  });

  test('two clusters by kubeconfig context, over TLS with tokens: 1.33 against 1.35', async () => {
    const old = await startApiServer({ specs: sharedSpecPaths(33), tls: true, auth: true });
    const current = await startApiServer({ specs: sharedSpecPaths(35), tls: true, auth: true });
    const dir = mkdtempSync(join(tmpdir(), 'kubegen-diff-'));
    try {
      const configs = [old.kubeconfig({ name: 'old' }), current.kubeconfig({ name: 'new' })].map((text, i) => {
        const file = join(dir, `config-${i}`);
        writeFileSync(file, text, { mode: 0o600 });
        return file;
      });
      const run = await runCli(['diff', 'context:old', 'context:new', '--json'], {
        env: { KUBECONFIG: configs.join(delimiter), HOME: dir },
      });
      assert.equal(run.code, 0, run.stderr);
      const got = JSON.parse(run.stdout) as DiffJson;
      const want = expectedChanges(
        sharedPath('specs', 'v3', 'kubernetes-1.33'),
        sharedPath('specs', 'v3', 'kubernetes-1.35'),
      );
      assert.ok(want.added.length + want.removed.length > 0);
      assert.deepEqual(got.groupVersions, {
        added: want.added,
        // Two minor releases apart: removed in 1.34 or 1.35.
        removed: want.removed.map((groupVersion) => ({ groupVersion, removedBy: 'v1.35.0' })),
      });
      assert.equal(got.from.version, 'v1.33.0');
      assert.equal(got.to.version, 'v1.35.0');
      // Without credentials the cluster refuses, and the error says which request failed.
      writeFileSync(configs[1]!, current.kubeconfig({ name: 'new', credential: 'none' }));
      const refused = await runCli(['diff', 'context:old', 'context:new'], {
        env: { KUBECONFIG: configs.join(delimiter), HOME: dir },
      });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /401|Unauthorized/);
      assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
      assert.doesNotMatch(refused.stderr, new RegExp(current.credentials.token!));
    } finally {
      await Promise.all([old.stop(), current.stop()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unreachable cluster fails with one line naming the cluster and the request, as kubegen generate does', async () => {
    const run = await runCli(['diff', join(fixtures, 'release-1.yaml'), 'http://127.0.0.1:9']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^kubegen: cannot read the cluster at http:\/\/127\.0\.0\.1:9: get GET \/version: /);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  });
});

describe('kubegen diff with bad input', () => {
  test('a missing side, a file that is neither spec nor CRD, a bad --max-fields, --fail-on or --output each fail with one line, exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['diff', join(fixtures, 'nope.yaml'), join(fixtures, 'release-1.yaml')],
        /^kubegen: \S*nope\.yaml: no such file or folder\n$/,
      ],
      [
        ['diff', join(fixtures, 'nope-*.yaml'), join(fixtures, 'release-1.yaml')],
        /^kubegen: \S*nope-\*\.yaml: matches no file\n$/,
      ],
      [
        ['diff', join(fixtures, 'release-1.yaml'), join(projectRoot, 'package.json')],
        /package\.json at \/kind: not a CustomResourceDefinition/,
      ],
      [
        ['diff', join(fixtures, 'release-1.yaml'), join(fixtures, 'release-2.yaml'), '--max-fields', 'many'],
        /--max-fields many: expected a whole number/,
      ],
      [
        ['diff', join(fixtures, 'release-1.yaml'), join(fixtures, 'release-2.yaml'), '--fail-on', 'changes'],
        /^kubegen: --fail-on changes: expected removed, deprecated, breaking/,
      ],
      [
        ['diff', join(fixtures, 'release-1.yaml'), join(fixtures, 'release-2.yaml'), '--output', 'html'],
        /argument 'html' is invalid/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    }
  });
});
