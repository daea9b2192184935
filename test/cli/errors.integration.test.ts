// Bad input to `kubegen generate`, through the built CLI: each is one clear line on stderr (no stack), a non-zero
// exit, and the previous output left exactly as it was.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { projectRoot, sharedSkip } from '../helpers/shared.ts';
import { sharedSpecPaths } from '../helpers/server.ts';
import { kubegen, snapshot } from '../helpers/build.ts';

const work = join(projectRoot, 'test', '.work', `build-errors-${process.pid}`);
const out = join(work, 'out');
const fixtures = join(projectRoot, 'test', 'fixtures', 'build');
const specs = [join(projectRoot, 'examples', 'widgets-api.yaml')];

/** Runs a failing generation into the existing output; returns its single error line. */
async function fails(args: string[]): Promise<string> {
  const before = snapshot(out);
  const r = await kubegen(['generate', ...args, '--out', out]);
  assert.notEqual(r.code, 0, `expected a failure, got: ${r.stdout}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${r.stderr}`);
  assert.match(lines[0]!, /^kubegen: \S/);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:/);
  assert.deepEqual(snapshot(out), before, 'the previous output is untouched');
  return lines[0]!;
}

describe('kubegen generate on bad input', () => {
  let secured: ApiServer;
  let anonymousOnly: ApiServer;
  let tls: ApiServer;

  before(async () => {
    mkdirSync(work, { recursive: true });
    const r = await kubegen(['generate', '--crd', join(fixtures, 'gadget-crd.yaml'), '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    secured = await startApiServer({ specs, auth: { tokens: { 'not-this-one': 'someone' } } });
    // Anonymous requests are let in as system:anonymous, who may read /version but nothing else: 403.
    anonymousOnly = await startApiServer({
      specs,
      auth: { anonymous: true, authorize: (a) => a.user.username !== 'system:anonymous' },
    });
    tls = await startApiServer({ specs: sharedSkip ? specs : sharedSpecPaths(), tls: true, auth: true });
    writeFileSync(join(work, 'kubeconfig'), tls.kubeconfig({ name: 'lab' }), { mode: 0o600 });
    writeFileSync(join(work, 'kubeconfig-anonymous'), tls.kubeconfig({ name: 'lab', credential: 'none' }), {
      mode: 0o600,
    });
  });
  after(async () => {
    await secured?.stop();
    await anonymousOnly?.stop();
    await tls?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('an unreachable server', async () => {
    // A port that was just free: nothing listens there.
    const closed = await startApiServer({ specs });
    const url = closed.url;
    await closed.stop();
    const line = await fails(['--server', url]);
    assert.match(line, new RegExp(`^kubegen: cannot read the cluster at ${url}: get GET /version: .*ECONNREFUSED`));
  });

  it('401 Unauthorized', async () => {
    const line = await fails(['--server', secured.url]);
    assert.match(
      line,
      new RegExp(`^kubegen: cannot read the cluster at ${secured.url}: get GET /version: 401 Unauthorized`),
    );
  });

  it('403 Forbidden', async () => {
    const line = await fails(['--server', anonymousOnly.url]);
    assert.match(
      line,
      new RegExp(`^kubegen: cannot read the cluster at ${anonymousOnly.url}: get GET /openapi/v3: 403 Forbidden`),
    );
  });

  it('a kubeconfig reaches the HTTPS server with its token; without credentials it is 401; an unknown context is named', {
    skip: sharedSkip,
  }, async () => {
    const good = join(work, 'from-kubeconfig');
    const r = await kubegen(['generate', '--kubeconfig', join(work, 'kubeconfig'), '--context', 'lab', '--out', good]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`read \\d+ OpenAPI v3 document\\(s\\) from ${tls.url} \\(Kubernetes v1\\.35\\.0\\)`),
    );
    assert.match(
      await fails(['--kubeconfig', join(work, 'kubeconfig-anonymous')]),
      new RegExp(`^kubegen: cannot read the cluster at ${tls.url}: get GET /version: 401 Unauthorized`),
    );
    const line = await fails(['--kubeconfig', join(work, 'kubeconfig'), '--context', 'nope']);
    assert.match(line, /nope/);
    assert.ok(!line.includes(tls.credentials.token!), 'no credential in the message');
  });

  it('a group-version document that keeps failing mid-fetch', { skip: sharedSkip }, async () => {
    const remove = tls.injectFault({
      match: { path: '/openapi/v3/apis/apps/v1' },
      fault: { type: 'error', code: 503, message: 'apiserver is shutting down' },
    });
    try {
      const line = await fails(['--kubeconfig', join(work, 'kubeconfig')]);
      assert.match(
        line,
        new RegExp(`^kubegen: cannot read the cluster at ${tls.url}: get GET /openapi/v3/apis/apps/v1: 503 `),
      );
    } finally {
      remove();
    }
  });

  it('a file that is not a CRD', async () => {
    const line = await fails(['--crd', join(fixtures, 'not-a-crd.yaml')]);
    assert.equal(
      line,
      `kubegen: ${join(fixtures, 'not-a-crd.yaml')} at /kind: not a CustomResourceDefinition (kind is "ConfigMap")`,
    );
  });

  it('a CRD whose schema is invalid', async () => {
    const line = await fails(['--crd', join(fixtures, 'invalid-schema-crd.yaml')]);
    assert.match(
      line,
      /invalid-schema-crd\.yaml at \/spec\/versions\/0\/schema\/openAPIV3Schema\/properties\/spec\/properties\/size\/type: missing: a structural schema/,
    );
  });

  it('a glob that matches nothing', async () => {
    const line = await fails(['--crd', 'test/fixtures/build/none-*.yaml']);
    assert.equal(line, 'kubegen: --crd test/fixtures/build/none-*.yaml: matches no file');
  });

  it('a CRD file that is not there', async () => {
    const line = await fails(['--crd', 'test/fixtures/build/missing-crd.yaml']);
    assert.equal(line, 'kubegen: --crd test/fixtures/build/missing-crd.yaml: no such file or folder');
  });

  it('filters that leave nothing, an unknown --emit, a bad package name, two kinds of source', async () => {
    assert.match(
      await fails(['--crd', join(fixtures, 'gadget-crd.yaml'), '--include', 'apps']),
      /^kubegen: nothing to generate: no resource is left after --include apps$/,
    );
    assert.match(
      await fails(['--crd', join(fixtures, 'gadget-crd.yaml'), '--emit', 'py']),
      /^kubegen: --emit py: expected ts or js$/,
    );
    assert.match(
      await fails(['--crd', join(fixtures, 'gadget-crd.yaml'), '--package', 'Bad Name@1']),
      /^kubegen: --package Bad Name@1: /,
    );
    assert.equal(
      await fails(['--crd', join(fixtures, 'gadget-crd.yaml'), '--server', 'http://127.0.0.1:8001']),
      'kubegen: --server reads a cluster, and --crd reads files: give one source or the other (leave out --server or --crd)',
    );
  });
});
