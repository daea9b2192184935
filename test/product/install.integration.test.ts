// kubegen as a user gets it: the packed tarballs installed into an application outside the repository (one install
// for the whole suite), `npx kubegen generate` run there (the example spec; two releases of it as packages; the
// Kubernetes 1.35 spec with CRDs), the output compiled by the application's TypeScript (ESM, NodeNext, strict) with
// a program using it, and that program run against `npx kubegen serve` of the same inputs.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exec, installPackedApp, npmEnv, type PackedApp } from '../helpers/packed-app.ts';
import { projectRoot, sharedPath, sharedSkip } from '../helpers/shared.ts';

const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
const exampleSpec = 'examples/widgets-api.yaml';
const example = `node_modules/kubegen/${exampleSpec}`;

/** The application's tsconfig: an ESM package (NodeNext), strict, compiling `src/` into `dist/`. */
function tsconfig(include: string[]) {
  const compilerOptions = { module: 'nodenext', target: 'es2022', strict: true, skipLibCheck: true, types: ['node'] };
  return `${JSON.stringify({ compilerOptions: { ...compilerOptions, rootDir: 'src', outDir: 'dist' }, include }, null, 2)}\n`;
}

/** Each `sourceMappingURL` under `dir` (bundled packages aside) whose map, or a source the map names, is missing. */
function danglingSourceMaps(dir: string): string[] {
  const wrong: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!name.endsWith('.js') || name.split(/[\\/]/).includes('node_modules')) continue;
    const file = join(dir, name);
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, 'utf8'))?.[1];
    if (!url || url.startsWith('data:')) continue;
    const map = join(dirname(file), url);
    if (!existsSync(map)) {
      wrong.push(`${relative(dir, file)}: ${url} is missing`);
      continue;
    }
    const { sources = [], sourceRoot = '' } = JSON.parse(readFileSync(map, 'utf8')) as {
      sources?: string[];
      sourceRoot?: string;
    };
    for (const source of sources)
      if (!existsSync(join(dirname(map), sourceRoot, source)))
        wrong.push(`${relative(dir, map)}: ${source} is missing`);
  }
  return wrong;
}

/** Starts `npx kubegen serve` in its own process group and waits for the URL it prints first. */
function serve(app: PackedApp, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('npx', ['kubegen', 'serve', ...args], {
    cwd: app.dir,
    env: npmEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kubegen serve printed no URL in 60s: ${stderr}`)), 60_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const url = /^(https?:\/\/\S+)\n/.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`kubegen serve exited with ${code}: ${stderr}`)));
  });
}

/** Stops the server and the npx that started it. */
function stop(child: ChildProcess | undefined): void {
  if (child?.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

describe('kubegen installed from its tarballs into an application', { timeout: 900_000 }, () => {
  let app: PackedApp;
  const at = (...parts: string[]) => join(app.dir, ...parts);
  const ok = async (command: string, args: string[], env?: NodeJS.ProcessEnv) => {
    const run = await app.run(command, args, env ? { env } : {});
    assert.equal(run.code, 0, `${command} ${args.join(' ')}:\n${run.stderr}${run.stdout}`);
    return run;
  };

  before(async () => {
    app = await installPackedApp();
  });
  after(() => app?.remove());

  /**
   * Compiles the program `src/<name>.ts` (test/fixtures/product/<name>.ts.txt) with the generated folders `include`,
   * runs it against `npx kubegen serve` of `inputs`, and parses the JSON it prints.
   */
  async function runProgram(name: string, include: string[], inputs: string[]): Promise<unknown> {
    mkdirSync(at('src'), { recursive: true });
    const fixture = join(projectRoot, 'test', 'fixtures', 'product', `${name}.ts.txt`);
    writeFileSync(at('src', `${name}.ts`), readFileSync(fixture));
    writeFileSync(at(`tsconfig.${name}.json`), tsconfig([...include, `src/${name}.ts`]));
    await ok('npx', ['tsc', '-p', `tsconfig.${name}.json`]);
    const kubeconfig = at(`kubeconfig-${name}.yaml`);
    let server: ChildProcess | undefined;
    try {
      server = (await serve(app, [...inputs, '--write-kubeconfig', kubeconfig])).child;
      return JSON.parse((await ok('node', [`dist/${name}.js`], { KUBECONFIG: kubeconfig })).stdout);
    } finally {
      stop(server);
    }
  }

  it('packs a license, a readme, the build and the bundled runtime, without sources or source maps', () => {
    const kubegen = app.tarballs.get('kubegen')!;
    for (const file of ['LICENSE', 'README.md', 'dist/cli/main.js', 'dist/generator/index.d.ts', exampleSpec])
      assert.ok(kubegen.files.includes(file), `${file} is in the tarball`);
    assert.ok(kubegen.bundled.includes('@kubegen/runtime'));
    const own = kubegen.files.filter((f) => !f.startsWith('node_modules/'));
    assert.deepEqual(
      own.filter((f) => f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts'))),
      [],
    );
    assert.equal(
      readFileSync(at('node_modules', 'kubegen', 'LICENSE'), 'utf8'),
      readFileSync(join(projectRoot, 'LICENSE'), 'utf8'),
    );
    assert.match(readFileSync(join(projectRoot, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004/);
  });

  it('installs kubegen alone: its tarball carries what the registry does not have', async () => {
    const alone = at('alone');
    mkdirSync(alone);
    writeFileSync(join(alone, 'package.json'), '{ "name": "alone", "private": true }\n');
    const tarball = join(app.dir, app.tarballs.get('kubegen')!.filename);
    const install = ['install', '--dry-run', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', tarball];
    const run = await exec('npm', install, { cwd: alone });
    assert.equal(run.code, 0, run.stderr);
  });

  it('leaves one dependency tree without ts-morph, with the runtime needing undici and js-yaml only', async () => {
    await ok('npm', ['ls', '--all']);
    assert.ok(existsSync(at('node_modules', 'kubegen', 'node_modules', '@kubegen', 'runtime', 'package.json')));
    assert.ok(!existsSync(at('node_modules', 'ts-morph')), 'ts-morph is not installed');
    assert.ok(
      !existsSync(at('node_modules', 'kubegen', 'node_modules', 'typescript')),
      "kubegen shares the app's TypeScript",
    );
    const runtime = JSON.parse(readFileSync(at('node_modules', '@kubegen', 'runtime', 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    assert.deepEqual(Object.keys(runtime.dependencies ?? {}).sort(), ['js-yaml', 'undici']);
  });

  it('ships no source map that points at a file it does not ship', () => {
    assert.deepEqual(danglingSourceMaps(at('node_modules', 'kubegen')), []);
  });

  it('ships the runtime as its build and declarations: no sources, source maps or build info', () => {
    const runtime = app.tarballs.get('@kubegen/runtime')!;
    const bundled = app.tarballs.get('kubegen')!.files.filter((f) => f.startsWith('node_modules/@kubegen/runtime/'));
    const stray = (f: string) => /\.(map|tsbuildinfo)$/.test(f) || (/\.[mc]?ts$/.test(f) && !/\.d\.[mc]?ts$/.test(f));
    assert.ok(runtime.files.includes('dist/index.js') && runtime.files.includes('esm/index.mjs'), 'both entries');
    assert.ok(bundled.length > 0, 'kubegen bundles the runtime');
    assert.deepEqual([...runtime.files, ...bundled].filter(stray), []);
    assert.deepEqual(danglingSourceMaps(at('node_modules', '@kubegen', 'runtime')), []);
    assert.deepEqual(danglingSourceMaps(at('node_modules', 'kubegen', 'node_modules', '@kubegen', 'runtime')), []);
  });

  it('runs `npx kubegen`', async () => {
    assert.equal((await ok('npx', ['kubegen', '--version'])).stdout.trim(), version);
  });

  it('generates the example, compiles it with a program, and runs that program against `npx kubegen serve`', async () => {
    await ok('npx', ['kubegen', 'generate', '--spec', example, '--out', 'src/widgets']);
    assert.deepEqual(await runProgram('widgets-program', ['src/widgets'], ['--spec', example]), {
      listed: ['red'],
      patched: 3,
      watched: [
        { type: 'MODIFIED', replicas: 3 },
        { type: 'DELETED', replicas: 3 },
      ],
      missing: { status: 404, reason: 'NotFound' },
      left: ['blue'],
    });
  });

  it("installs two generated packages that share the runtime's NotServedError", async () => {
    // The example API's next release moved its group to v1beta1, which the served cluster (the example) lacks.
    mkdirSync(at('specs'), { recursive: true });
    const moved = readFileSync(at(example), 'utf8').replaceAll(
      '/apis/example.kubegen.dev/v1/',
      '/apis/example.kubegen.dev/v1beta1/',
    );
    writeFileSync(at('specs', 'widgets-beta.yaml'), moved);
    const packages = [
      ['@acme/widgets@1.0.0', example, 'packages/widgets'],
      ['@acme/widgets-beta@1.0.0', 'specs/widgets-beta.yaml', 'packages/widgets-beta'],
    ];
    for (const [name, spec, out] of packages)
      await ok('npx', ['kubegen', 'generate', '--spec', spec!, '--package', name!, '--out', out!]);
    const packed = await ok('npm', ['pack', '--silent', ...packages.map(([, , out]) => `./${out}`)]);
    const tarballs = packed.stdout
      .trim()
      .split('\n')
      .map((f) => `./${f}`);
    await ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs]);
    for (const name of ['widgets', 'widgets-beta'])
      assert.ok(
        !existsSync(at('node_modules', '@acme', name, 'node_modules')),
        `@acme/${name} shares the app's runtime`,
      );
    assert.deepEqual(await runProgram('two-packages', [], ['--spec', example]), {
      listed: 0,
      runtime: true,
      current: true,
      beta: true,
      served: ['example.kubegen.dev/v1'],
    });
  });

  it('generates Kubernetes 1.35 with CRDs, compiles it with a program, and runs that against `npx kubegen serve`', {
    skip: sharedSkip,
  }, async () => {
    const inputs = [
      '--spec',
      sharedPath('specs', 'v3', 'kubernetes-1.35'),
      ...['cert-manager', 'argo-cd'].flatMap((p) => ['--crd', sharedPath('crds', p)]),
    ];
    await ok('npx', ['kubegen', 'generate', ...inputs, '--out', 'src/k8s']);
    for (const group of ['apps', 'cert-manager.io', 'argoproj.io'])
      assert.ok(existsSync(at('src', 'k8s', group)), group);
    assert.deepEqual(await runProgram('kubernetes-program', ['src/k8s'], inputs), {
      listed: ['red'],
      watched: ['MODIFIED crimson', 'DELETED crimson'],
      missing: { status: 404, reason: 'NotFound' },
      left: ['blue'],
      dnsNames: ['example.com'],
    });
  });
});
