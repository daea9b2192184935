// `kubegen diff kubernetes:A kubernetes:B` through the built binary, from a loopback mirror of the project's tiny
// release and a next release made from it (core/v1 deprecated, a ConfigMap field gone, another added): the sides
// are read as `--kubernetes` reads them, dated by their tags, and --fail-on sets the exit code.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiDiff } from '../../generator/diff/types.ts';
import { diffSchemaErrors } from '../helpers/diff-schema.ts';
import { runCli } from '../helpers/e2e-cli.ts';
import { releaseFiles, startReleaseMirror, upstreamV3File, type ReleaseMirror } from '../helpers/release-mirror.ts';
import { projectRoot } from '../helpers/shared.ts';

const tiny = join(projectRoot, 'test', 'fixtures', 'release', 'v3');
const DEPRECATED = 'This API is deprecated in v1.91+. Use examplev1.Gadget.';

/** The tiny release one minor later: ConfigMap deprecated, `immutable` removed, `binaryData` added. */
function nextRelease() {
  const files = releaseFiles({ v3: tiny });
  const file = upstreamV3File('api/v1');
  const doc = JSON.parse(files.get(file)!.toString('utf8'));
  const configMap = doc.components.schemas['io.k8s.api.core.v1.ConfigMap'];
  configMap.description += `\n\nDeprecated: ${DEPRECATED}`;
  delete configMap.properties.immutable;
  configMap.properties.binaryData = { type: 'object', additionalProperties: { type: 'string', format: 'byte' } };
  files.set(file, Buffer.from(JSON.stringify(doc)));
  return files;
}

describe('kubegen diff between two published releases (a tiny one and its next)', () => {
  let mirror: ReleaseMirror;
  let work: string;
  const diff = (args: string[]) =>
    runCli(['diff', 'kubernetes:1.90', 'kubernetes:1.91', ...args], {
      cwd: work,
      env: { KUBEGEN_KUBERNETES_SPECS: mirror.url, XDG_CACHE_HOME: join(work, 'cache') },
    });

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'kubegen-diff-release-'));
    mirror = await startReleaseMirror({ 'v1.90.0': () => releaseFiles({ v3: tiny }), 'v1.91.0': nextRelease });
  });
  after(async () => {
    await mirror?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('reports the deprecation with its release and replacement, and the field changes', async () => {
    const run = await diff(['--json']);
    assert.equal(run.code, 0, run.stderr);
    const got = JSON.parse(run.stdout) as ApiDiff;
    assert.deepEqual(diffSchemaErrors(got), []);
    assert.deepEqual(
      [got.from.label, got.from.version, got.to.label, got.to.version],
      ['kubernetes:1.90', 'v1.90.0', 'kubernetes:1.91', 'v1.91.0'],
    );
    // ConfigMap is all core/v1 serves here, so the whole group-version is deprecated with it.
    assert.deepEqual(got.deprecations, [
      {
        scope: 'group-version',
        groupVersion: 'v1',
        message: DEPRECATED,
        replacement: 'example.dev/v1 Gadget',
        deprecatedIn: 'v1.91',
      },
    ]);
    assert.deepEqual(
      got.fields.map((f) => [f.schema, f.changedIn, f.added, f.removed]),
      [
        [
          'io.k8s.api.core.v1.ConfigMap',
          'v1.91.0',
          [{ field: 'binaryData', type: 'map of string (byte)' }],
          [{ field: 'immutable', type: 'boolean' }],
        ],
      ],
    );
    assert.deepEqual(got.summary, { breaking: 1, removed: 1, deprecated: 1, added: 1, changed: 0 });
    assert.equal(existsSync(join(work, 'kubegen.lock.json')), false, 'a diff records nothing in the lock');
  });

  it('--fail-on deprecated exits 1 naming core/v1; --fail-on removed names the field', async () => {
    const deprecated = await diff(['--fail-on', 'deprecated']);
    assert.deepEqual(
      [deprecated.code, deprecated.stderr],
      [1, 'kubegen diff: 1 deprecated: core/v1 (--fail-on deprecated)\n'],
    );
    assert.match(
      deprecated.stdout,
      /^ {2}! core\/v1 \(every resource\) — deprecated in v1\.91, use example\.dev\/v1 Gadget: /m,
    );
    const removed = await diff(['--fail-on', 'removed', '--markdown']);
    assert.deepEqual(
      [removed.code, removed.stderr],
      [1, 'kubegen diff: 1 removed: io.k8s.api.core.v1.ConfigMap.immutable (--fail-on removed)\n'],
    );
    assert.match(removed.stdout, /^#### Fields removed, retyped or now required in v1\.91\.0$/m);
    assert.match(
      removed.stdout,
      /^\| `io\.k8s\.api\.core\.v1\.ConfigMap` \(v1 ConfigMap\) \| `immutable` \| removed \(boolean\) \|$/m,
    );
  });

  it('an unknown release fails with one line, exit 2', async () => {
    const run = await runCli(['diff', 'kubernetes:1.90', 'kubernetes:1.99'], {
      cwd: work,
      env: { KUBEGEN_KUBERNETES_SPECS: mirror.url, XDG_CACHE_HOME: join(work, 'cache') },
    });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^kubegen: .*v1\.99\.0/);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  });
});
