// `kubegen generate --kubernetes 1.NN` from a loopback mirror of every shared release, laid out like the
// Kubernetes repository: the built CLI must write what `--spec` writes from the same files; a rerun with the
// mirror stopped is a no-op; a corrupted cached file is refetched alone; CRDs, filters, --emit js, --package and a
// config file combine with it as with spec files.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubegen, snapshot, type CliResult } from '../helpers/build.ts';
import {
  sharedRelease,
  sharedReleaseSpecs,
  sharedReleases,
  startReleaseMirror,
  upstreamV3File,
  type ReleaseMirror,
} from '../helpers/release-mirror.ts';
import { projectRoot, sharedPath, sharedSkip } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', `kubernetes-${process.pid}`);
const project = join(work, 'project');
const cache = join(work, 'cache');

/** Generated files without the stamp, whose key names the inputs and so differs between sources. */
function output(dir: string, without: string[] = []): Map<string, string> {
  const files = snapshot(dir);
  for (const f of ['.kubegen-stamp.json', ...without]) files.delete(f);
  return files;
}

function ok(result: CliResult): CliResult {
  assert.equal(result.code, 0, result.stderr);
  return result;
}

describe('kubegen generate --kubernetes, from a mirror of the shared releases', { skip: sharedSkip }, () => {
  let mirror: ReleaseMirror;
  const start = async () => {
    mirror = await startReleaseMirror(
      Object.fromEntries(sharedReleases().map((minor) => [`v${minor}.0`, sharedRelease(minor)])),
    );
  };
  const env = () => ({ ...process.env, KUBEGEN_KUBERNETES_SPECS: mirror.url, XDG_CACHE_HOME: cache });
  const generate = (args: string[]) => kubegen(['generate', ...args], { cwd: project, env: env(), timeoutMs: 300_000 });

  before(async () => {
    mkdirSync(project, { recursive: true });
    await start();
  });
  after(async () => {
    await mirror?.stop().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  });

  it('writes for every shared release what --spec writes from its files', async (t) => {
    for (const minor of sharedReleases()) {
      await t.test(minor, async () => {
        const { spec } = sharedReleaseSpecs(minor);
        const fromRelease = join(work, `release-${minor}`);
        const fromFiles = join(work, `files-${minor}`);
        const read = ok(await generate(['--kubernetes', minor, '--out', fromRelease]));
        assert.match(read.stdout, new RegExp(`of Kubernetes v${minor.replace('.', '\\.')}\\.0 \\(\\d+ downloaded\\)`));
        ok(await generate(['--spec', spec, '--out', fromFiles]));
        assert.deepEqual(output(fromRelease), output(fromFiles));
        // Kept for the tests below, whose release is the newest with v3 documents; the rest only take disk.
        if (minor !== '1.35') rmSync(fromRelease, { recursive: true });
        rmSync(fromFiles, { recursive: true });
      });
    }
    const lock = JSON.parse(readFileSync(join(project, 'kubegen.lock.json'), 'utf8')) as {
      kubernetes: Record<string, Record<string, string>>;
    };
    assert.deepEqual(
      Object.keys(lock.kubernetes),
      sharedReleases().map((m) => `v${m}.0`),
    );
  });

  it('reruns with the mirror stopped as a no-op from the lock', async () => {
    await mirror.stop();
    const rerun = ok(await generate(['--kubernetes', '1.35', '--out', join(work, 'release-1.35')]));
    assert.match(rerun.stdout, /is up to date/);
    await start();
  });

  it('detects a corrupted cached file and fetches that file alone again', async () => {
    const out = join(work, 'release-1.35');
    const before = output(out);
    const file = join(cache, 'kubegen', 'kubernetes', 'v1.35.0', upstreamV3File('apis/apps/v1'));
    const good = readFileSync(file);
    writeFileSync(file, good.subarray(0, 1000));
    mirror.requests.length = 0;
    const read = ok(await generate(['--kubernetes', '1.35', '--out', out, '--force']));
    assert.match(read.stdout, /\(1 downloaded\)/);
    assert.deepEqual(mirror.requests, [`/v1.35.0/${upstreamV3File('apis/apps/v1')}`]);
    assert.deepEqual(readFileSync(file), good);
    assert.deepEqual(output(out), before);
  });

  it('combines with --crd, filters and --emit js as spec files do', async () => {
    const args = ['--crd', sharedPath('crds', 'cert-manager'), '--include', 'apps', '--include', 'cert-manager.io'];
    const fromRelease = join(work, 'combined-release');
    const fromFiles = join(work, 'combined-files');
    ok(await generate(['--kubernetes', '1.35', ...args, '--emit', 'js', '--out', fromRelease]));
    ok(await generate(['--spec', sharedReleaseSpecs('1.35').spec, ...args, '--emit', 'js', '--out', fromFiles]));
    const files = output(fromRelease);
    assert.deepEqual(files, output(fromFiles));
    assert.ok(files.has('apps/v1.js') && files.has('cert-manager.io/v1.d.ts'), [...files.keys()].join(' '));
  });

  it('writes a package naming the release, the rest as from spec files', async () => {
    const args = ['--include', 'apps/v1', '--package', '@acme/k8s@1.0.0'];
    const fromRelease = join(work, 'package-release');
    const fromFiles = join(work, 'package-files');
    ok(await generate(['--kubernetes', '1.35', ...args, '--out', fromRelease]));
    ok(await generate(['--spec', sharedReleaseSpecs('1.35').spec, ...args, '--out', fromFiles]));
    const pkg = JSON.parse(readFileSync(join(fromRelease, 'package.json'), 'utf8')) as {
      description: string;
      kubegen: { serverVersion?: string };
    };
    assert.equal(pkg.kubegen.serverVersion, 'v1.35.0');
    assert.match(pkg.description, /for v1\.35\.0/);
    const named = ['package.json', 'README.md'];
    assert.deepEqual(output(fromRelease, named), output(fromFiles, named));
  });

  it('reads the release from a config file and locks it beside that file', async () => {
    const dir = join(work, 'app', 'config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kubegen.config.json'), JSON.stringify({ kubernetes: '1.28', out: '../k8s' }));
    ok(await generate(['--config', join(dir, 'kubegen.config.json')]));
    const lock = JSON.parse(readFileSync(join(dir, 'kubegen.lock.json'), 'utf8')) as {
      kubernetes: Record<string, Record<string, string>>;
    };
    assert.deepEqual(Object.keys(lock.kubernetes['v1.28.0']!), ['api/openapi-spec/swagger.json']);
    assert.ok(existsSync(join(work, 'app', 'k8s', 'core', 'v1.ts')));
  });

  it('fails in one line for an unknown release, leaving no lock entry', async () => {
    const failed = await generate(['--kubernetes', '1.99', '--out', join(work, 'none')]);
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      /^kubegen: Kubernetes v1\.99\.0 is not published at http:\/\/127\.0\.0\.1:\d+\/v1\.99\.0\/api\/openapi-spec\/swagger\.json \(404\): no such release, or the mirror lacks it\n$/,
    );
    assert.equal(readFileSync(join(project, 'kubegen.lock.json'), 'utf8').includes('v1.99.0'), false);
  });
});
