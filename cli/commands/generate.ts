// `kubegen generate`: spec files, CRD manifests, a Kubernetes release or a live cluster → typed clients, as a build
// step. Flags override the config file (kubegen.config.{ts,mjs,js,json} in the working folder, or --config); with
// neither, it fails saying what to pass.
import type { Command } from 'commander';
import type { KubegenConfig } from '../../generator/pipeline/config.js';
import type { BuildOptions } from '../../generator/pipeline/run.js';
import { dirname, relative, resolve } from 'node:path';
import { addInputOptions, checkOneSource, collect, type InputKey } from '../input-options.js';

interface GenerateFlags extends Omit<KubegenConfig, 'spec' | 'crd' | 'concurrency'> {
  /** False with --no-cache. */
  cache?: boolean;
  profile?: boolean;
  spec?: string[];
  crd?: string[];
  config?: string;
  concurrency?: string;
}

export function registerGenerate(program: Command): void {
  const command = program
    .command('generate')
    .description(
      'generate typed TypeScript clients from OpenAPI specs, CRD manifests, a Kubernetes release, or the cluster itself',
    );
  addInputOptions(command)
    .option('--out <dir>', 'the output folder (kubegen replaces only its own files there)')
    .option('--include <pattern>', 'keep only this group, group/version or resource; repeatable', collect)
    .option('--exclude <pattern>', 'leave out this group, group/version or resource; repeatable', collect)
    .option('--crds-only', 'keep only groups that are not built into Kubernetes')
    .option('--emit <ts|js>', 'write .ts, or .js with .d.ts')
    .option(
      '--package <name[@version]>',
      'write a publishable npm package (package.json, .js, .d.ts, README); {major}, {minor}, {patch} and {version} name the Kubernetes release (@acme/k8s-{minor}), and the version defaults to {version}',
    )
    .option('--check', 'write nothing; exit 1 naming the files that would change when the output is stale')
    .option('--force', 'regenerate even when the inputs are unchanged')
    .option('--config <file>', 'the config file (default: kubegen.config.{ts,mjs,js,json} in the working folder)')
    .option('--concurrency <n>', 'group-version documents fetched at once from a cluster (default: 8)')
    .option(
      '--runtime-import <specifier>',
      'the module generated code imports the runtime from (default @kubegen/runtime)',
    )
    .option(
      '--validators',
      'also write a validator per kind (validate/<group>/<version>), and a `validate` option on clients that checks objects before sending them',
    )
    .option(
      '--import-extension <js|ts>',
      'the extension relative imports name: js (default), or ts for running the .ts files as they are (Node type stripping)',
    )
    .option('--no-cache', "convert every schema again instead of reusing kubegen's cache (also KUBEGEN_CACHE=0)")
    .option('--profile', 'print the time and memory of each stage to stderr (also KUBEGEN_PROFILE=1)')
    .action(async (flags: GenerateFlags, command: Command) => {
      const profile =
        flags.profile || process.env.KUBEGEN_PROFILE === '1'
          ? (await import('../../generator/pipeline/profile.js')).stageProfiler((line) =>
              process.stderr.write(`kubegen: profile ${line}\n`),
            )
          : undefined;
      const options = await buildOptions(flags, command);
      const { fetchesDocuments } = await import('../../core/source/inputs/index.js');
      const [{ runBuild }, progress] = await Promise.all([
        import('../../generator/pipeline/run.js'),
        fetchesDocuments(options) ? import('../progress.js').then((m) => m.fetchProgress(process.stdout)) : undefined,
      ]);
      const result = await runBuild(options, {
        ...(profile
          ? {
              onStage: profile.onStage,
              onFallback: (why: string) => process.stderr.write(`kubegen: profile: built every group: ${why}\n`),
            }
          : {}),
        ...(progress
          ? { onProgress: (done: number, total: number, path: string) => progress.update(done, total, path) }
          : {}),
        onRead: (summary) =>
          progress ? progress.finish(`kubegen: ${summary}`) : process.stdout.write(`kubegen: ${summary}\n`),
        onWarning: (message) => process.stderr.write(`kubegen: warning: ${message}\n`),
      });
      switch (result.status) {
        case 'unchanged':
          process.stdout.write(`kubegen: ${options.out} is up to date\n`);
          break;
        case 'fresh':
          process.stdout.write(`kubegen: ${options.out} is up to date\n`);
          break;
        case 'written': {
          const removed = result.removed.length ? `, removed ${result.removed.length} stale` : '';
          process.stdout.write(`kubegen: wrote ${result.files} files to ${options.out}${removed}\n`);
          break;
        }
        case 'stale': {
          const header = result.headerOnly
            ? `  (${result.headerOnly} more file(s) differ only in the kubegen version of their header)\n`
            : '';
          process.stderr.write(
            `kubegen: ${options.out} is stale; regenerating would change ${result.changes.length} file(s) (+ added, ~ changed, - removed):\n${result.changes.map((c) => `  ${c}\n`).join('')}${header}`,
          );
          process.exitCode = 1;
          break;
        }
      }
      profile?.done();
    });
}

/** The config file's values, with every flag given on the command line taking precedence. */
async function buildOptions(flags: GenerateFlags, command: Command): Promise<BuildOptions> {
  // Loaded here, not at start-up: the other commands (and --version) do without them.
  const [{ findConfigFile, loadConfig }, { LOCK_FILE }] = await Promise.all([
    import('../../generator/pipeline/config.js'),
    import('../../core/source/release/lock.js'),
  ]);
  const file = flags.config ?? findConfigFile(process.cwd());
  const config: KubegenConfig = file ? await loadConfig(file) : {};
  const fromCli = (key: string) => command.getOptionValueSource(key) === 'cli';
  const pick = <K extends keyof GenerateFlags>(key: K) => (fromCli(key) ? flags[key] : undefined);
  const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
  // Errors name each input where it was given: a flag, or a key of the config file.
  const where = (key: InputKey) =>
    fromCli(key) || !file ? `--${key}` : `"${key}" in ${relative(process.cwd(), file) || file}`;
  const inputs = {
    spec: pick('spec') ?? list(config.spec),
    crd: pick('crd') ?? list(config.crd),
    kubernetes: pick('kubernetes') ?? config.kubernetes,
    server: pick('server') ?? config.server,
    kubeconfig: pick('kubeconfig') ?? config.kubeconfig,
    context: pick('context') ?? config.context,
  };
  checkOneSource(inputs, where);
  const merged = {
    ...inputs,
    kubernetesSpecs: config.kubernetesSpecs,
    // Beside the config file, which a project commits with it; else in the working folder.
    lockFile: resolve(file ? dirname(file) : process.cwd(), LOCK_FILE),
    out: pick('out') ?? config.out,
    include: pick('include') ?? config.include,
    exclude: pick('exclude') ?? config.exclude,
    crdsOnly: pick('crdsOnly') ?? config.crdsOnly,
    emit: pick('emit') ?? config.emit,
    package: pick('package') ?? config.package,
    check: pick('check') ?? config.check,
    force: pick('force') ?? config.force,
    runtimeImport: pick('runtimeImport') ?? config.runtimeImport,
    importExtension: pick('importExtension') ?? config.importExtension,
    validators: pick('validators') ?? config.validators,
    concurrency: flags.concurrency !== undefined ? Number(flags.concurrency) : config.concurrency,
    cache: flags.cache === false ? false : undefined,
  };
  if (!merged.out)
    throw new Error(
      `no output folder: pass --out DIR${file ? ` or set "out" in ${file}` : ' or write a kubegen.config.json'}`,
    );
  if (merged.emit !== undefined && merged.emit !== 'ts' && merged.emit !== 'js')
    throw new Error(`--emit ${String(merged.emit)}: expected ts or js`);
  if (merged.concurrency !== undefined && (!Number.isInteger(merged.concurrency) || merged.concurrency < 1))
    throw new Error(`--concurrency ${flags.concurrency}: expected a positive whole number`);
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as unknown as BuildOptions;
}
