// Generated clients compile in the projects people have: ESM and CommonJS packages, bundler resolution, the
// defaults of `tsc --init`, the strict extras, and the oldest and newest TypeScript releases we support. Every
// project holds the example's client and a program using it (create, list, watch, patch, delete, a typed 404),
// plus, with the shared data, clients of the Kubernetes 1.35 spec and of cert-manager's and Gateway API's CRDs.
// Where the project's output runs under Node as it is (ESM and CommonJS packages, the strict extras), and bundled by
// esbuild, and as .ts files under Node 22's type stripping, the program runs against a test API server, on the
// runtime's real build as `npm pack` ships it: CommonJS projects load it with require, ES modules with import.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { startApiServer } from '../../server/index.ts';
import { kubegen, snapshot } from '../helpers/build.ts';
import { node22, typescript } from '../helpers/consumer-tools.ts';
import { npmEnv } from '../helpers/packed-app.ts';
import { compile, installRuntime, setups, writeProject, type Input } from '../helpers/consumer-projects.ts';
import { projectRoot, sharedDir, sharedPath, sharedSkip } from '../helpers/shared.ts';

/** The oldest release generated code supports (docs/generate.md says so), and the newest 5.x and 6.x. */
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

/**
 * Runs `run(url)` of `entry` with `node` against a test API server of its own, so that one run's leftovers never
 * fail the next (never blocking: the server answers from this process).
 */
async function runProgram(node: string, dir: string, entry: string): Promise<string> {
  const api = await startApiServer({ specs: [example] });
  try {
    return await runEntry(node, dir, entry, api.url);
  } finally {
    await api.stop();
  }
}

function runEntry(node: string, dir: string, entry: string, server: string): Promise<string> {
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
  let inputs: Input[] = [];
  let stripped: Input;

  before(async () => {
    // Outside the repository, where nothing but what is installed beside the projects resolves.
    work = mkdtempSync(join(tmpdir(), 'kubegen-consumers-'));
    installRuntime(work);
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
  });
  after(() => {
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
        await t.test(setup.name, async () => {
          const dir = join(work, `ts-${version}`, String(setups.indexOf(setup)));
          writeProject(dir, setup, tool.path, version, setup.importExtension === 'ts' ? [stripped] : inputs);
          const errors = compile(tool.path, dir, setup.runs);
          assert.deepEqual(errors, [], `${errors.length} error(s) in ${dir}`);
          if (!setup.runs) return;
          // A CommonJS project's output loads the runtime with require, an ES module's with import.
          const loads = setup.type ? /^import .* from '@kubegen\/runtime';$/m : /= require\("@kubegen\/runtime"\);$/m;
          assert.match(readFileSync(join(dir, 'main.js'), 'utf8'), loads);
          assert.match(await runProgram(process.execPath, dir, 'main.js'), ran);
        });
      }
    });
  }

  it('bundler: esbuild bundles the program with the runtime, and the bundle runs alone', async () => {
    const dir = join(work, 'esbuild');
    writeProject(dir, setups.find((s) => s.name.startsWith('bundler'))!, '', '', [inputs[0]!]);
    // A folder with no node_modules in reach: the bundle carries the runtime, undici and yaml.
    const alone = join(work, '..', `${basename(work)}-bundle`);
    mkdirSync(alone);
    await build({
      entryPoints: [join(dir, 'main.ts')],
      outfile: join(alone, 'bundle.mjs'),
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
    try {
      assert.match(await runProgram(process.execPath, alone, 'bundle.mjs'), ran);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });

  it('type stripping: Node 22 runs the client generated with --import-extension ts as it is', async (t) => {
    const node = node22();
    if ('missing' in node) return t.skip(node.missing);
    const dir = join(work, 'node-22');
    writeProject(dir, setups.find((s) => s.importExtension === 'ts')!, '', '', [stripped]);
    assert.match(await runProgram(node.path, dir, 'main.ts'), ran, `node ${node.version}`);
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
