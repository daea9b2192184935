// Generated clients compile in the projects people have: ESM and CommonJS packages, bundler resolution, the
// defaults of `tsc --init`, the strict extras, and the oldest and newest TypeScript releases we support. Every
// project holds the example's client and a program using it (create, list, watch, patch, delete, a typed 404),
// plus, with the shared data, clients of the Kubernetes 1.35 spec and of cert-manager's and Gateway API's CRDs.
// Where the program can run (bundled by esbuild, and as .ts files under Node 22's type stripping), it runs
// against the test API server.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { kubegen, snapshot } from '../helpers/build.ts';
import { node22, typescript } from '../helpers/consumer-tools.ts';
import { npmEnv } from '../helpers/packed-app.ts';
import {
  commonJsGap,
  compile,
  installCommonJsDeclarations,
  installRuntime,
  setups,
  writeProject,
  type Input,
  type RuntimePackage,
} from '../helpers/consumer-projects.ts';
import { projectRoot, sharedDir, sharedPath, sharedSkip } from '../helpers/shared.ts';

/** The oldest release generated code supports (docs/consumers.md says so), and the newest 5.x and 6.x. */
const releases = [
  { version: '5.0.4', role: 'the oldest supported' },
  { version: '5.9.3', role: 'the newest 5.x' },
  { version: '6.0.3', role: 'the newest 6.x' },
];

let work = '';
const example = join(projectRoot, 'examples', 'widgets-api.yaml');
const fixture = (name: string) => readFileSync(join(projectRoot, 'test', 'fixtures', 'consumer-matrix', name), 'utf8');

/** What the widgets program reports when it runs against a fresh test API server. */
const ran = /^\["created w1","listed w1","MODIFIED w1 replicas=2","deleted Success","not found","configmaps \d+"\]$/;

async function generate(out: string, ...args: string[]): Promise<string> {
  const r = await kubegen(['generate', '--out', out, ...args], { timeoutMs: 300_000 });
  assert.equal(r.code, 0, r.stderr);
  return out;
}

/** Runs `run(server)` of `entry` with `node` (never blocking: the server answers from this process). */
function runProgram(node: string, dir: string, entry: string, server: string): Promise<string> {
  writeFileSync(
    join(dir, 'start.mjs'),
    `const { run } = await import(${JSON.stringify(`./${entry}`)});\nprocess.stdout.write(JSON.stringify(await run(process.argv[2])));\n`,
  );
  return new Promise((resolve, reject) =>
    execFile(node, ['start.mjs', server], { cwd: dir, timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${node} ${entry}: ${err.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

describe('consumer matrix', () => {
  let runtime: RuntimePackage;
  let inputs: Input[] = [];
  let stripped: Input;
  let api: ApiServer;

  before(async () => {
    // Outside the repository, where nothing but what is installed beside the projects resolves.
    work = mkdtempSync(join(tmpdir(), 'kubegen-consumers-'));
    runtime = installRuntime(work);
    const generated = (name: string) => join(work, 'generated', name);
    const widgets = fixture('widgets.ts.txt');
    inputs = [
      {
        generated: await generate(generated('k8s'), '--spec', example),
        folder: 'k8s',
        program: widgets,
        programFile: 'main.ts',
      },
    ];
    stripped = {
      generated: await generate(generated('k8s-ts'), '--spec', example, '--import-extension', 'ts'),
      folder: 'k8s',
      program: widgets,
      programFile: 'main.ts',
    };
    if (sharedDir) {
      const spec = sharedPath('specs', 'v3', 'kubernetes-1.35');
      const crds = ['cert-manager', 'gateway-api/experimental'].flatMap((p) => ['--crd', sharedPath('crds', p)]);
      inputs.push(
        {
          generated: await generate(generated('k8s-1.35'), '--spec', spec),
          folder: 'k8s-1.35',
          program: fixture('kubernetes.ts.txt'),
          programFile: 'kubernetes.ts',
        },
        {
          generated: await generate(generated('crds'), ...crds),
          folder: 'crds',
          program: fixture('crds.ts.txt'),
          programFile: 'crds.ts',
        },
      );
    }
    api = await startApiServer({ specs: [example] });
  });
  after(async () => {
    await api?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('compiles the clients of the Kubernetes 1.35 spec and of cert-manager and Gateway API CRDs too', {
    skip: sharedSkip,
  }, () => {
    assert.deepEqual(
      inputs.map((i) => i.folder),
      ['k8s', 'k8s-1.35', 'crds'],
    );
  });

  for (const { version, role } of releases) {
    it(`TypeScript ${version} (${role})`, async (t) => {
      const tool = typescript(version);
      if ('missing' in tool) return t.skip(tool.missing);
      for (const setup of setups) {
        await t.test(setup.name, (st) => {
          const dir = join(work, `ts-${version}`, String(setups.indexOf(setup)));
          writeProject(dir, setup, tool.path, version, setup.importExtension === 'ts' ? [stripped] : inputs);
          const gap = setup.commonJs?.(version) ? commonJsGap(runtime) : undefined;
          if (gap) {
            installCommonJsDeclarations(work, dir);
            st.diagnostic(`${gap}; checked against its declarations labelled CommonJS`);
          }
          const errors = compile(tool.path, dir);
          assert.deepEqual(errors, [], `${errors.length} error(s) in ${dir}`);
        });
      }
    });
  }

  it('bundler: esbuild bundles the program, and the bundle runs against the test API server', async (t) => {
    const dir = join(work, 'esbuild');
    writeProject(dir, setups.find((s) => s.name.startsWith('bundler'))!, '', '', [inputs[0]!]);
    await build({
      entryPoints: [join(dir, 'main.ts')],
      outfile: join(dir, 'bundle.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      // The CommonJS dependencies bundled into an ES module (undici) still call require for Node's own modules.
      banner: {
        js: "import { createRequire as $createRequire } from 'node:module'; const require = $createRequire(import.meta.url);",
      },
    });
    const output = await runProgram(process.execPath, dir, 'bundle.mjs', api.url).catch((err: Error) => err);
    // Pending in the runtime: runtime/version.ts requires ../package.json at load time, which no bundle carries.
    if (output instanceof Error && output.message.includes("Cannot find module '../package.json'"))
      return t.todo('the bundled runtime requires ../package.json when it loads (runtime/version.ts)');
    assert.match(String(output instanceof Error ? output.message : output), ran);
  });

  it('type stripping: Node 22 runs the client generated with --import-extension ts as it is', async (t) => {
    const node = node22();
    if ('missing' in node) return t.skip(node.missing);
    const dir = join(work, 'node-22');
    writeProject(dir, setups.find((s) => s.importExtension === 'ts')!, '', '', [stripped]);
    assert.match(await runProgram(node.path, dir, 'main.ts', api.url), ran, `node ${node.version}`);
  });

  it('npm init -y and tsc --init: generation refuses the CommonJS folder, saying what to change, and writes nothing', async () => {
    const tool = typescript(releases[1]!.version);
    assert.ok(!('missing' in tool), 'the project has its own TypeScript');
    const dir = join(work, 'npm-init');
    mkdirSync(dir, { recursive: true });
    spawnSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore', env: npmEnv() });
    spawnSync(process.execPath, [tool.path, '--init'], { cwd: dir, stdio: 'ignore' });
    const before = snapshot(dir);
    const r = await kubegen(['generate', '--spec', example, '--out', 'src/k8s'], { cwd: dir });
    assert.equal(r.code, 1);
    // npm 11 writes "type": "commonjs"; older releases leave "type" out, which means the same.
    assert.match(
      r.stderr,
      /^kubegen: --out src\/k8s: tsconfig\.json sets verbatimModuleSyntax and package\.json makes the folder CommonJS \((no "type"|"type": "commonjs")\), where the generated import and export statements cannot compile: set "type": "module" in package\.json, or turn verbatimModuleSyntax off\n$/,
    );
    assert.deepEqual(snapshot(dir), before);
    assert.ok(!existsSync(join(dir, 'src')));
  });
});
