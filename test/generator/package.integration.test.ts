// `--package NAME@VERSION` from the shared 1.35 spec: `npm pack`, installed offline in a scratch project next to
// the local runtime package; the consumer's code type-checks against the package's .d.ts and lists pods on the
// in-memory API server.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { projectRoot, sharedPath, sharedSkip } from '../helpers/shared.ts';
import { sharedSpecPaths } from '../helpers/server.ts';
import { kubegen } from '../helpers/build.ts';
import { strictOptions } from '../helpers/typecheck.ts';

const work = join(projectRoot, 'test', '.work', `build-package-${process.pid}`);
const pkgDir = join(work, 'k8s-client');
const consumerDir = join(work, 'consumer');

function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, timeout: 120_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
    );
  });
}

const consumerSource = `import { Client, noCredentials } from '@kubegen/runtime';
import { coreV1, type Pod, type PodList } from 'k8s-client/core/v1';
import type { Deployment } from 'k8s-client/apps/v1';

const server = process.argv[2]!;
const client = new Client({ server, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } });
const core = coreV1(client);
const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } };
await core.pods.create(pod, { namespace: 'default' });
const pods: PodList = await core.pods.list({ namespace: 'default', labelSelector: 'app=web' });
const images: string[] = pods.items.flatMap((p) => p.spec?.containers.map((c) => c.image ?? '') ?? []);
const replicas: number | undefined = (undefined as Deployment | undefined)?.spec?.replicas;
process.stdout.write(JSON.stringify({ names: pods.items.map((p) => p.metadata?.name), images, replicas: replicas ?? null }));
await client.close();
`;

describe('kubegen generate --package', { skip: sharedSkip }, () => {
  let api: ApiServer;
  before(async () => {
    mkdirSync(consumerDir, { recursive: true });
    api = await startApiServer({ specs: sharedSpecPaths() });
  });
  after(async () => {
    await api?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes package.json with an exports entry and types per group-version, and a README', async () => {
    const r = await kubegen(
      [
        'generate',
        '--spec',
        sharedPath('specs', 'v3', 'kubernetes-1.35'),
        '--package',
        'k8s-client@1.35.0',
        '--out',
        pkgDir,
      ],
      { timeoutMs: 300_000 },
    );
    assert.equal(r.code, 0, r.stderr);
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      type: string;
      exports: Record<string, { types: string; default: string }>;
      dependencies: Record<string, string>;
    };
    assert.equal(pkg.name, 'k8s-client');
    assert.equal(pkg.version, '1.35.0');
    assert.equal(pkg.type, 'module');
    const runtimeVersion = (
      JSON.parse(readFileSync(join(projectRoot, 'runtime', 'package.json'), 'utf8')) as { version: string }
    ).version;
    assert.deepEqual(pkg.dependencies, { '@kubegen/runtime': `^${runtimeVersion}` });
    // One entry per group-version folder the spec serves, each with its .js and .d.ts on disk.
    const groupVersions = readdirSync(pkgDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(pkgDir, d.name))
          .filter((f) => f.endsWith('.js'))
          .map((f) => `${d.name}/${f.slice(0, -3)}`),
      );
    assert.ok(groupVersions.includes('core/v1') && groupVersions.includes('apps/v1') && groupVersions.length > 20);
    for (const gv of groupVersions) {
      assert.deepEqual(pkg.exports[`./${gv}`], { types: `./${gv}.d.ts`, default: `./${gv}.js` }, gv);
      assert.ok(existsSync(join(pkgDir, `${gv}.d.ts`)), `${gv}.d.ts`);
    }
    assert.ok(
      !readdirSync(pkgDir, { recursive: true }).some((f) => String(f).endsWith('.ts') && !String(f).endsWith('.d.ts')),
      'no .ts sources',
    );
    const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8');
    assert.match(readme, /^# k8s-client 1\.35\.0/);
    assert.match(readme, /- `k8s-client\/apps\/v1`/);
  });

  it('packs, installs offline in a scratch project, type-checks the consumer and lists pods', async () => {
    const packed = (await run('npm', ['pack', '--pack-destination', work, '--silent'], pkgDir))
      .trim()
      .split('\n')
      .pop()!;
    assert.equal(packed, 'k8s-client-1.35.0.tgz');
    const files = await run('tar', ['-tzf', join(work, packed)], work);
    assert.match(files, /^package\/core\/v1\.d\.ts$/m);
    assert.doesNotMatch(files, /\.kubegen-/, 'the build records stay out of the tarball');

    // The generated package depends on @kubegen/runtime; the scratch project provides it from the local workspace.
    writeFileSync(
      join(consumerDir, 'package.json'),
      JSON.stringify(
        {
          name: 'consumer',
          private: true,
          type: 'module',
          dependencies: {
            'k8s-client': `file:../${packed}`,
            '@kubegen/runtime': `file:${relative(consumerDir, join(projectRoot, 'runtime'))}`,
          },
        },
        null,
        2,
      ),
    );
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent'], consumerDir);
    assert.ok(existsSync(join(consumerDir, 'node_modules', 'k8s-client', 'core', 'v1.js')));

    const main = join(consumerDir, 'main.ts');
    writeFileSync(main, consumerSource);
    const program = ts.createProgram({
      rootNames: [main],
      options: { ...strictOptions, types: ['node'], typeRoots: [join(projectRoot, 'node_modules', '@types')] },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(diagnostics, []);
    // The types are the package's own: a wrong field is an error.
    const bad = join(consumerDir, 'bad.ts');
    writeFileSync(
      bad,
      `import type { Pod } from 'k8s-client/core/v1';\nexport const p: Pod = { spec: { containerz: [] } };\n`,
    );
    const badProgram = ts.createProgram({ rootNames: [bad], options: strictOptions });
    assert.match(
      ts
        .getPreEmitDiagnostics(badProgram)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
        .join('\n'),
      /containerz/,
    );

    const js = ts.transpileModule(consumerSource, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(consumerDir, 'main.mjs'), js);
    const output = JSON.parse(await run(process.execPath, ['main.mjs', api.url], consumerDir)) as {
      names: string[];
      images: string[];
    };
    assert.deepEqual(output, { names: ['web-0'], images: ['nginx:1.27'], replicas: null });
  });
});
