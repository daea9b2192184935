// `kubegen generate`: spec files, CRD manifests, a Kubernetes release or a live cluster → typed clients, as a build
// step. Flags override the config file (kubegen.config.{ts,mjs,js,json} in the working folder, or --config); with
// neither, it fails saying what to pass.
import type { Command } from 'commander';
import type { KubegenConfig } from '../../generator/pipeline/config.js';
import type { BuildOptions, BuildResult } from '../../generator/pipeline/run.js';
import { dirname, relative, resolve } from 'node:path';
import { checkOneSource, inputOptions, type InputKey } from '../input-options.js';
import { addOptions, type OptionSpec, parseOptionsFast } from '../option-table.js';

interface GenerateFlags extends Omit<KubegenConfig, 'spec' | 'crd' | 'concurrency'> {
  /** False with --no-cache. */
  cache?: boolean;
  profile?: boolean;
  spec?: string[];
  crd?: string[];
  config?: string;
  concurrency?: string;
}

/** generate's options after the input options, in the order help lists them. */
const ownOptions: readonly OptionSpec[] = [
  { flags: '--out <dir>', description: 'the output folder (kubegen replaces only its own files there)' },
  {
    flags: '--include <pattern>',
    description: 'keep only this group, group/version or resource; repeatable',
    repeatable: true,
  },
  {
    flags: '--exclude <pattern>',
    description: 'leave out this group, group/version or resource; repeatable',
    repeatable: true,
  },
  { flags: '--crds-only', description: 'keep only groups that are not built into Kubernetes' },
  { flags: '--emit <ts|js>', description: 'write .ts, or .js with .d.ts' },
  {
    flags: '--package <name[@version]>',
    description:
      'write a publishable npm package (package.json, .js, .d.ts, README); {major}, {minor}, {patch} and {version} name the Kubernetes release (@acme/k8s-{minor}), and the version defaults to {version}',
  },
  {
    flags: '--check',
    description: 'write nothing; exit 1 naming the files that would change when the output is stale',
  },
  { flags: '--force', description: 'regenerate even when the inputs are unchanged' },
  {
    flags: '--config <file>',
    description: 'the config file (default: kubegen.config.{ts,mjs,js,json} in the working folder)',
  },
  {
    flags: '--concurrency <n>',
    description: 'group-version documents fetched at once from a cluster (default: 8)',
  },
  {
    flags: '--runtime-import <specifier>',
    description: 'the module generated code imports the runtime from (default @kubegen/runtime)',
  },
  {
    flags: '--validators',
    description:
      'also write a validator per kind (validate/<group>/<version>), and a `validate` option on clients that checks objects before sending them',
  },
  {
    flags: '--import-extension <js|ts>',
    description:
      'the extension relative imports name: js (default), or ts for running the .ts files as they are (Node type stripping)',
  },
  {
    flags: '--no-cache',
    description: "convert every schema again instead of reusing kubegen's cache (also KUBEGEN_CACHE=0)",
  },
  { flags: '--profile', description: 'print the time and memory of each stage to stderr (also KUBEGEN_PROFILE=1)' },
];

export const generateOptions: readonly OptionSpec[] = [...inputOptions, ...ownOptions];

/** Runs `kubegen generate` with what follows it, or leaves the arguments to commander when it is not sure of them. */
export function generateFromArgs(args: readonly string[]): Promise<void> | undefined {
  const parsed = parseOptionsFast(generateOptions, args);
  return parsed && generate(parsed.flags as GenerateFlags, (key) => parsed.given.has(key));
}

export function registerGenerate(program: Command): void {
  const command = program
    .command('generate')
    .description(
      'generate typed TypeScript clients from OpenAPI specs, CRD manifests, a Kubernetes release, or the cluster itself',
    );
  addOptions(command, generateOptions).action((flags: GenerateFlags) =>
    generate(flags, (key) => command.getOptionValueSource(key) === 'cli'),
  );
}

/** `fromCli` tells the flags typed on the command line from the defaults, which the config file overrides. */
async function generate(flags: GenerateFlags, fromCli: (key: string) => boolean): Promise<void> {
  const profile =
    flags.profile || process.env.KUBEGEN_PROFILE === '1'
      ? (await import('../../generator/pipeline/profile.js')).stageProfiler((line) =>
          process.stderr.write(`kubegen: profile ${line}\n`),
        )
      : undefined;
  const options = await buildOptions(flags, fromCli);
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
  report(result, options.out);
  profile?.done();
}

/** What the build did, in one line (or the list of files a check found stale, exiting 1). */
function report(result: BuildResult, out: string): void {
  switch (result.status) {
    case 'unchanged':
      process.stdout.write(`kubegen: ${out} is up to date\n`);
      break;
    case 'fresh':
      process.stdout.write(`kubegen: ${out} is up to date\n`);
      break;
    case 'written': {
      const removed = result.removed.length ? `, removed ${result.removed.length} stale` : '';
      process.stdout.write(`kubegen: wrote ${result.files} files to ${out}${removed}\n`);
      break;
    }
    case 'stale': {
      const header = result.headerOnly
        ? `  (${result.headerOnly} more file(s) differ only in the kubegen version of their header)\n`
        : '';
      process.stderr.write(
        `kubegen: ${out} is stale; regenerating would change ${result.changes.length} file(s) (+ added, ~ changed, - removed):\n${result.changes.map((c) => `  ${c}\n`).join('')}${header}`,
      );
      process.exitCode = 1;
      break;
    }
  }
}

/** The config file's values, with every flag given on the command line taking precedence. */
async function buildOptions(flags: GenerateFlags, fromCli: (key: string) => boolean): Promise<BuildOptions> {
  // Loaded here, not at start-up: the other commands (and --version) do without them.
  const { findConfigFile, loadConfig } = await import('../../generator/pipeline/config.js');
  const file = flags.config ?? findConfigFile(process.cwd());
  const config: KubegenConfig = file ? await loadConfig(file) : {};
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
    lockFile: inputs.kubernetes
      ? resolve(file ? dirname(file) : process.cwd(), (await import('../../core/source/release/lock.js')).LOCK_FILE)
      : undefined,
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
