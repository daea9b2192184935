// An application outside the repository that installs kubegen (a devDependency) and @kubegen/runtime (a dependency)
// from the tarballs `npm pack` makes, as a user would. Packages come from the npm cache, or the registry when the
// cache lacks them; TypeScript and @types/node are the versions this repository builds with, so they are cached.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliResult, runCommand } from './e2e-cli.ts';
import { projectRoot } from './shared.ts';

export interface Tarball {
  name: string;
  version: string;
  filename: string;
  /** Paths inside the package, bundled dependencies included (`node_modules/…`). */
  files: string[];
  bundled: string[];
}

export interface PackedApp {
  dir: string;
  /** The tarballs by package name. */
  tarballs: Map<string, Tarball>;
  /** Runs a command in the application's folder, with an environment free of the repository's npm settings. */
  run(command: string, args: string[], options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliResult>;
  remove(): void;
}

interface Manifest {
  version: string;
  bundleDependencies?: string[];
  workspaces?: string[];
}

const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(...parts), 'utf8')) as T;

/**
 * `npm test` runs us with npm's settings in the environment (`npm_config_local_prefix` names this repository,
 * `npm_config_offline` may be set): an npm started from the application must not inherit them. Where the cache,
 * registry, certificates and proxies are stays as configured.
 */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = /^npm_config_(cache|registry|userconfig|globalconfig|cafile|strict_ssl|https?_proxy|proxy|noproxy)$/i;
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || kept.test(key)),
  ) as NodeJS.ProcessEnv;
  delete env.INIT_CWD;
  return { ...env, NO_COLOR: '1', npm_config_update_notifier: 'false', ...extra };
}

/** Runs a command to its end in an environment free of the repository's npm settings. */
export function exec(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliResult> {
  return runCommand(command, args, { timeoutMs: 180_000, ...options, env: npmEnv(options.env) });
}

const must = (what: string, outcome: CliResult): CliResult => {
  if (outcome.code !== 0) throw new Error(`${what} exited with ${outcome.code}:\n${outcome.stderr}${outcome.stdout}`);
  return outcome;
};

/** Packs kubegen, @kubegen/runtime and every workspace package kubegen bundles into `dest`. */
export async function packProject(dest: string): Promise<Map<string, Tarball>> {
  const root = readJson<Manifest>(projectRoot, 'package.json');
  const names = new Set(['@kubegen/runtime', ...(root.bundleDependencies ?? [])]);
  const workspaces = (root.workspaces ?? []).filter((w) =>
    names.has(readJson<{ name: string }>(projectRoot, w, 'package.json').name),
  );
  const args = ['pack', '--json', '--include-workspace-root', ...workspaces.flatMap((w) => ['-w', w])];
  const packed = must('npm pack', await exec('npm', [...args, '--pack-destination', dest], { cwd: projectRoot }));
  const list = JSON.parse(packed.stdout) as (Omit<Tarball, 'files'> & { files: { path: string }[] })[];
  return new Map(list.map((t) => [t.name, { ...t, files: t.files.map((f) => f.path) }]));
}

/** Packs the project and installs it into a new application in the OS temp folder. */
export async function installPackedApp(): Promise<PackedApp> {
  const dir = mkdtempSync(join(tmpdir(), 'kubegen-app-'));
  try {
    const tarballs = await packProject(dir);
    const file = (name: string) => `file:./${tarballs.get(name)!.filename}`;
    const repoVersion = (name: string) => readJson<Manifest>(projectRoot, 'node_modules', name, 'package.json').version;
    const app = {
      name: 'kubegen-consumer',
      private: true,
      type: 'module',
      dependencies: { '@kubegen/runtime': file('@kubegen/runtime') },
      devDependencies: {
        kubegen: file('kubegen'),
        typescript: repoVersion('typescript'),
        '@types/node': repoVersion('@types/node'),
      },
    };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
    const install = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
    must('npm install', await exec('npm', install, { cwd: dir, timeoutMs: 300_000 }));
    return {
      dir,
      tarballs,
      run: (command, args, options = {}) => exec(command, args, { ...options, cwd: dir }),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
