// `--kubernetes`: a release's published documents fetched from a loopback mirror laid out like the Kubernetes
// repository, locked, cached, and read offline; a tiny release of our own (two v3 documents, and the example API
// as a v2-only release) covers every path: reruns without network, a corrupted cache, a lock the mirror no longer
// matches, an unknown release, no network, a download cut off halfway.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runBuild, type BuildOptions } from '../../generator/pipeline/run.ts';
import { snapshot } from '../helpers/build.ts';
import { releaseFiles, startReleaseMirror, type ReleaseMirror } from '../helpers/release-mirror.ts';
import { projectRoot } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', `release-${process.pid}`);
const tinyV3 = join(projectRoot, 'test', 'fixtures', 'release', 'v3');
const tinyV2 = join(projectRoot, 'examples', 'widgets-api.yaml');
const releases = {
  'v1.90.0': () => releaseFiles({ v3: tinyV3 }),
  'v1.91.0': () => releaseFiles({ v2: tinyV2 }),
};
const CORE = 'api/openapi-spec/v3/api__v1_openapi.json';
const EXAMPLE = 'api/openapi-spec/v3/apis__example.dev__v1_openapi.json';
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Generated files without the stamp, whose key names the inputs and so differs between sources. */
function output(dir: string): Map<string, string> {
  const files = snapshot(dir);
  files.delete('.kubegen-stamp.json');
  return files;
}

describe('kubegen generate --kubernetes', () => {
  let mirror: ReleaseMirror;
  let project: string;
  let cache: string;
  let n = 0;
  const lockFile = () => join(project, 'kubegen.lock.json');
  const cached = (tag: string, file: string) => join(cache, 'kubegen', 'kubernetes', tag, file);
  const build = (options: Partial<BuildOptions> & { out: string }, summaries: string[] = []) =>
    runBuild(
      { kubernetes: '1.90', kubernetesSpecs: mirror.url, lockFile: lockFile(), ...options },
      { onRead: (s) => summaries.push(s) },
    );
  /** A project and a user cache of its own, so each test starts without lock or cache. */
  const fresh = async () => {
    project = join(work, `project-${++n}`);
    cache = join(project, 'cache');
    process.env.XDG_CACHE_HOME = cache;
    mirror = await startReleaseMirror(releases);
  };
  /** A fresh project whose release is already generated into `k8s`, locked and cached. */
  const generated = async () => {
    await fresh();
    const out = join(project, 'k8s');
    await build({ out });
    return out;
  };

  before(() => {
    // A developer's mirror setting would send these tests elsewhere.
    delete process.env.KUBEGEN_KUBERNETES_SPECS;
  });
  after(async () => {
    await mirror?.stop().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  });

  it('generates from the v3 documents what --spec generates from them, and locks their sha256', async () => {
    await fresh();
    const summaries: string[] = [];
    const result = await build({ out: join(project, 'k8s') }, summaries);
    assert.equal(result.status, 'written');
    await runBuild({ spec: [tinyV3], out: join(project, 'from-files') });
    assert.deepEqual(output(join(project, 'k8s')), output(join(project, 'from-files')));
    assert.deepEqual(mirror.requests, [
      '/v1.90.0/api/openapi-spec/swagger.json',
      `/v1.90.0/${CORE}`,
      `/v1.90.0/${EXAMPLE}`,
    ]);
    const served = releases['v1.90.0']();
    assert.deepEqual(JSON.parse(readFileSync(lockFile(), 'utf8')), {
      lockfileVersion: 1,
      kubernetes: { 'v1.90.0': { [CORE]: sha256(served.get(CORE)!), [EXAMPLE]: sha256(served.get(EXAMPLE)!) } },
    });
    assert.match(summaries[0]!, /read 2 OpenAPI v3 document\(s\) of Kubernetes v1\.90\.0 \(2 downloaded\)/);
    await mirror.stop();
  });

  it('reruns without network: a full build from the cache, a no-op from the lock alone', async () => {
    const out = await generated();
    const first = output(out);
    await mirror.stop();
    const summaries: string[] = [];
    assert.equal((await build({ out, force: true }, summaries)).status, 'written');
    assert.match(summaries[0]!, /\(from the cache\)/);
    assert.deepEqual(output(out), first);
    rmSync(join(cache, 'kubegen'), { recursive: true });
    assert.equal((await build({ out })).status, 'unchanged');
  });

  it('detects a corrupted cached file and fetches that file alone again', async () => {
    const out = await generated();
    const good = readFileSync(cached('v1.90.0', CORE));
    writeFileSync(cached('v1.90.0', CORE), good.subarray(0, good.length - 10));
    mirror.requests.length = 0;
    const result = await build({ out, force: true });
    assert.equal(result.status, 'written');
    assert.deepEqual(mirror.requests, [`/v1.90.0/${CORE}`]);
    assert.deepEqual(readFileSync(cached('v1.90.0', CORE)), good);
    await mirror.stop();
  });

  it('fails naming the file and the lock when the mirror serves other bytes than locked, and writes nothing', async () => {
    const out = await generated();
    const before = snapshot(out);
    const lock = readFileSync(lockFile(), 'utf8');
    rmSync(join(cache, 'kubegen'), { recursive: true });
    mirror.replace(`/v1.90.0/${EXAMPLE}`, Buffer.from('{"openapi":"3.0.0","info":{},"paths":{}}'));
    await assert.rejects(
      build({ out, force: true }),
      new RegExp(
        `^Error: http://127\\.0\\.0\\.1:\\d+/v1\\.90\\.0/api/openapi-spec/v3/apis__example\\.dev__v1_openapi\\.json: sha256 [0-9a-f]{64} differs from [0-9a-f]{64} in ${lockFile().replace(/[.\\/]/g, '\\$&')}; the bytes published for Kubernetes v1\\.90\\.0 changed`,
      ),
    );
    assert.deepEqual(snapshot(out), before);
    assert.equal(readFileSync(lockFile(), 'utf8'), lock);
    assert.equal(existsSync(cached('v1.90.0', EXAMPLE)), false);
    await mirror.stop();
  });

  it('says a release the mirror does not publish is unknown (404 for its swagger.json)', async () => {
    await fresh();
    await assert.rejects(
      build({ kubernetes: '1.99', out: join(project, 'k8s') }),
      /^Error: Kubernetes v1\.99\.0 is not published at http:\/\/127\.0\.0\.1:\d+\/v1\.99\.0\/api\/openapi-spec\/swagger\.json \(404\)/,
    );
    assert.equal(existsSync(lockFile()), false);
    await mirror.stop();
  });

  it('says without network which URL failed and how to name a mirror', async () => {
    await fresh();
    await mirror.stop();
    await assert.rejects(
      build({ out: join(project, 'k8s') }),
      /^Error: cannot download http:\/\/127\.0\.0\.1:\d+\/v1\.90\.0\/api\/openapi-spec\/swagger\.json: .*ECONNREFUSED.* \(without network access, mirror the release files and name the mirror in KUBEGEN_KUBERNETES_SPECS\)$/,
    );
  });

  it('sends the credentials of a mirror URL as basic authentication, and never shows them', async () => {
    await fresh();
    await mirror.stop();
    mirror = await startReleaseMirror(releases, { basicAuth: 'ci:s3cret' });
    const withUser = (password: string) => mirror.url.replace('http://', `http://ci:${password}@`);
    const out = join(project, 'k8s');
    assert.equal((await build({ out, kubernetesSpecs: withUser('s3cret') })).status, 'written');
    rmSync(join(cache, 'kubegen'), { recursive: true });
    const failed = await build({ out, force: true, kubernetesSpecs: withUser('wr0ng') }).catch((err: Error) => err);
    assert.ok(failed instanceof Error);
    assert.match(
      failed.message,
      /^http:\/\/127\.0\.0\.1:\d+\/v1\.90\.0\/api\/openapi-spec\/v3\/api__v1_openapi\.json: the server answered HTTP 401$/,
    );
    assert.doesNotMatch(failed.message, /wr0ng|s3cret|ci:/);
    await mirror.stop();
  });

  it('refuses a second source, and a mirror that is not an http(s) URL', async () => {
    await fresh();
    await mirror.stop();
    const out = join(project, 'k8s');
    await assert.rejects(
      build({ out, spec: [tinyV3] }),
      /^Error: --kubernetes reads a release, and --spec reads files/,
    );
    await assert.rejects(
      build({ out, server: 'http://127.0.0.1:1' }),
      /^Error: --server reads a cluster, and --kubernetes reads a release/,
    );
    await assert.rejects(
      build({ out, kubernetesSpecs: 'ftp://mirror.example/k8s' }),
      /^Error: kubernetesSpecs ftp:\/\/mirror\.example\/k8s: expected an http\(s\) URL without query or fragment/,
    );
    await assert.rejects(
      build({ out, kubernetes: 'latest' }),
      /^Error: --kubernetes latest: expected a Kubernetes release/,
    );
  });

  it('keeps nothing of a download cut off halfway', async () => {
    await fresh();
    mirror.cutOff(`/v1.90.0/${EXAMPLE}`);
    await assert.rejects(
      build({ out: join(project, 'k8s') }),
      /apis__example\.dev__v1_openapi\.json: the download (ended after \d+ of \d+ bytes|broke off after \d+ bytes .*); nothing of it was kept$/,
    );
    const folder = join(cache, 'kubegen', 'kubernetes', 'v1.90.0', 'api', 'openapi-spec', 'v3');
    assert.deepEqual(readdirSync(folder), ['api__v1_openapi.json']);
    assert.equal(existsSync(cached('v1.90.0', 'files.json')), false);
    assert.equal(existsSync(lockFile()), false);
    assert.equal(existsSync(join(project, 'k8s')), false);
    await mirror.stop();
  });

  it('reads v2 when the release publishes no v3 documents', async () => {
    await fresh();
    const out = join(project, 'k8s');
    await build({ kubernetes: '1.91.0', out });
    await runBuild({ spec: [tinyV2], out: join(project, 'from-files') });
    assert.deepEqual(output(out), output(join(project, 'from-files')));
    const lock = JSON.parse(readFileSync(lockFile(), 'utf8')) as { kubernetes: Record<string, object> };
    assert.deepEqual(Object.keys(lock.kubernetes['v1.91.0']!), ['api/openapi-spec/swagger.json']);
    await mirror.stop();
  });

  it('adds CRDs and applies filters as it does to spec files', async () => {
    await fresh();
    const crd = join(projectRoot, 'test', 'fixtures', 'server', 'widget-crd.yaml');
    const options = { crd: [crd], exclude: ['example.dev'] };
    await build({ ...options, out: join(project, 'k8s') });
    await runBuild({ ...options, spec: [tinyV3], out: join(project, 'from-files') });
    const files = output(join(project, 'k8s'));
    assert.deepEqual(files, output(join(project, 'from-files')));
    assert.ok(files.has('example.com/v1.ts'));
    assert.ok(!files.has('example.dev/v1.ts'));
    await mirror.stop();
  });
});
