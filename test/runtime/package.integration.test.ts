// @kubegen/runtime as a product: `npm pack -w runtime` gives a tarball with its build, types, README and LICENSE and
// nothing else (no sources, no source maps); it installs alone into an empty application outside the repository,
// bringing undici and js-yaml (with argparse, for js-yaml's command) and nothing more; and that application can
// `import` it and `require` it, typed either way, with one ApiError and one NotServedError between the two (no
// dual-package hazard).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exec } from '../helpers/packed-app.ts';
import { projectRoot } from '../helpers/shared.ts';

const repoVersion = (name: string) =>
  (JSON.parse(readFileSync(join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;

const cjs = `const runtime = require('@kubegen/runtime');
const err = new runtime.NotServedError('batch/v2', ['batch/v1']);
console.log(JSON.stringify({ client: typeof runtime.Client, notServed: err instanceof runtime.NotServedError, message: err.message, ua: runtime.defaultUserAgent }));
`;

const esm = `import * as runtime from '@kubegen/runtime';
import { createRequire } from 'node:module';
const required = createRequire(import.meta.url)('@kubegen/runtime');
const site = { verb: 'get', method: 'GET', path: '/api/v1/namespaces/default/pods/web' };
const err = new required.ApiError(site, 404, { kind: 'Status', reason: 'NotFound' }, '');
console.log(JSON.stringify({
  same: runtime.ApiError === required.ApiError && runtime.NotServedError === required.NotServedError && runtime.Client === required.Client,
  instance: err instanceof runtime.ApiError && runtime.isNotFound(err),
  // Node names the CommonJS marker __esModule among an ES module's view of it; every other export is shared.
  exports: Object.keys(runtime).filter((k) => k !== '__esModule').sort().join() === Object.keys(required).sort().join(),
}));
`;

const typed = `import { ApiError, Client, isNotFound, NotServedError, type ClientOptions, type Transport } from '@kubegen/runtime';
export async function get(t: Transport, options: ClientOptions): Promise<number | undefined> {
  void options;
  try {
    await t.request<{ kind: string }>({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' });
    return 200;
  } catch (e) {
    if (isNotFound(e)) return e.status;
    if (e instanceof NotServedError) return e.served?.length;
    throw e instanceof ApiError ? e : new Error(String(e));
  }
}
export const make = (c: Client): Transport => c;
`;

describe('@kubegen/runtime packed and installed alone', { timeout: 600_000 }, () => {
  let dir: string;
  let files: string[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubegen-runtime-app-'));
    const packed = await exec('npm', ['pack', '-w', 'runtime', '--json', '--pack-destination', dir], {
      cwd: projectRoot,
    });
    assert.equal(packed.code, 0, packed.stderr);
    const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = tarball!.files.map((f) => f.path).sort();
    const app = {
      name: 'runtime-consumer',
      private: true,
      dependencies: { '@kubegen/runtime': `file:./${tarball!.filename}` },
      devDependencies: { typescript: repoVersion('typescript'), '@types/node': repoVersion('@types/node') },
    };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
    const install = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
    const installed = await exec('npm', install, { cwd: dir, timeoutMs: 300_000 });
    assert.equal(installed.code, 0, installed.stderr);
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('packs the build, its types, README and LICENSE: no sources, no source maps, no build info', () => {
    for (const want of [
      'LICENSE',
      'README.md',
      'package.json',
      'dist/index.js',
      'dist/index.d.ts',
      'esm/index.mjs',
      'esm/index.d.mts',
    ]) {
      assert.ok(files.includes(want), `${want} is in the tarball`);
    }
    const stray = files.filter((f) => /\.map$|\.tsbuildinfo$/.test(f) || (/\.ts$/.test(f) && !/\.d\.m?ts$/.test(f)));
    assert.deepEqual(stray, []);
  });

  it('installs with undici and js-yaml only', () => {
    const manifest = JSON.parse(
      readFileSync(join(dir, 'node_modules', '@kubegen', 'runtime', 'package.json'), 'utf8'),
    ) as {
      dependencies: Record<string, string>;
    };
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['js-yaml', 'undici']);
    const installed = readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(installed.sort(), [
      '@kubegen',
      '@types',
      'argparse',
      'js-yaml',
      'typescript',
      'undici',
      'undici-types',
    ]);
  });

  it('is required from CommonJS', async () => {
    writeFileSync(join(dir, 'use.cjs'), cjs);
    const r = await exec(process.execPath, ['use.cjs'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { client: string; notServed: boolean; message: string; ua: string };
    assert.deepEqual([out.client, out.notServed], ['function', true]);
    assert.equal(out.message, 'group-version batch/v2 is not served by this cluster (served: batch/v1)');
    assert.match(out.ua, /^kubegen\/0\.\d+\.\d+ \(/);
  });

  it('is imported from an ES module, sharing its classes with require', async () => {
    writeFileSync(join(dir, 'use.mjs'), esm);
    const r = await exec(process.execPath, ['use.mjs'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { same: true, instance: true, exports: true });
  });

  it('is typed for both: an ES module and a CommonJS module typecheck against it (NodeNext, strict)', async () => {
    writeFileSync(join(dir, 'typed.mts'), typed);
    writeFileSync(join(dir, 'typed.cts'), typed);
    const compilerOptions = {
      module: 'nodenext',
      target: 'es2022',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['typed.mts', 'typed.cts'] }));
    const r = await exec(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
});
