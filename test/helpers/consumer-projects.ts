// Consumer projects as people set them up: a package.json "type", a tsconfig.json, generated clients and programs
// that use them, compiled by one TypeScript release as `tsc -p` compiles them. They live outside the repository,
// beside a node_modules holding the runtime unpacked from the tarball `npm pack` makes of it, so they see the
// package a user gets and never the repository's sources.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { npmEnv } from './packed-app.ts';
import { projectRoot } from './shared.ts';

export interface Setup {
  name: string;
  /** package.json "type"; absent: the package is CommonJS. */
  type?: 'module';
  /** The tsconfig.json compilerOptions for a TypeScript release, or `init`: what that release's `tsc --init` writes. */
  compilerOptions: ((version: string) => Record<string, unknown>) | 'init';
  /** The clients were generated with `--import-extension ts`. */
  importExtension?: 'ts';
  /** What `tsc -p` writes beside the sources runs under Node as it is (an ES module or a CommonJS program). */
  runs?: boolean;
}

const base = { strict: true, target: 'es2022', types: ['node'], skipLibCheck: true };

/** Every option of "the strict extras" a release knows. */
function strictExtras(version: string): Record<string, unknown> {
  return {
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noPropertyAccessFromIndexSignature: true,
    noImplicitOverride: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    ...(atLeast(version, '5.8') ? { erasableSyntaxOnly: true } : {}),
    skipLibCheck: false,
  };
}

export const setups: Setup[] = [
  {
    name: 'ESM: "type": "module", module nodenext',
    type: 'module',
    compilerOptions: () => ({ ...base, module: 'nodenext' }),
    runs: true,
  },
  {
    name: 'CommonJS: no "type", module node16',
    compilerOptions: () => ({ ...base, module: 'node16' }),
    runs: true,
  },
  {
    name: 'CommonJS: no "type", module commonjs',
    compilerOptions: () => ({ ...base, module: 'commonjs' }),
    runs: true,
  },
  {
    name: 'bundler: module esnext, moduleResolution bundler',
    type: 'module',
    compilerOptions: () => ({ ...base, module: 'esnext', moduleResolution: 'bundler' }),
  },
  // Before 5.9, tsc --init wrote "module": "commonjs", whose output a "type": "module" package cannot run.
  {
    name: 'tsc --init defaults, "type": "module"',
    type: 'module',
    compilerOptions: 'init',
  },
  {
    name: 'strict extras (exactOptionalPropertyTypes, noUncheckedIndexedAccess, noUnused*, noPropertyAccessFromIndexSignature, noImplicitOverride, isolatedModules, verbatimModuleSyntax, erasableSyntaxOnly, skipLibCheck false)',
    type: 'module',
    compilerOptions: (v) => ({ ...base, module: 'nodenext', ...strictExtras(v) }),
    runs: true,
  },
  {
    name: 'type stripping: --import-extension ts, allowImportingTsExtensions, erasable syntax only',
    type: 'module',
    importExtension: 'ts',
    compilerOptions: (v) => ({
      ...base,
      module: 'nodenext',
      allowImportingTsExtensions: true,
      verbatimModuleSyntax: true,
      ...(atLeast(v, '5.8') ? { erasableSyntaxOnly: true } : {}),
    }),
  },
];

/** `version` is `floor` (major.minor) or later. */
export function atLeast(version: string, floor: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [x = 0, y = 0] = floor.split('.').map(Number);
  return a > x || (a === x && b >= y);
}

/** Generated output folders and the programs written against them, copied into every project. */
export interface Input {
  /** The folder generated into, copied to `<project>/<folder>`. */
  generated: string;
  folder: string;
  /** The program's source, importing `./<folder>/….js`. */
  program: string;
  programFile: string;
}

/** Writes the project: package.json, tsconfig.json (or `tsc --init`'s), the generated folders and the programs. */
export function writeProject(dir: string, setup: Setup, tsc: string, version: string, inputs: Input[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, ...(setup.type ? { type: setup.type } : {}) }, null, 2),
  );
  if (setup.compilerOptions === 'init') execFileSync(process.execPath, [tsc, '--init'], { cwd: dir, stdio: 'ignore' });
  else
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: setup.compilerOptions(version) }, null, 2),
    );
  for (const input of inputs) {
    cpSync(input.generated, join(dir, input.folder), { recursive: true, filter: (src) => !src.includes('.kubegen-') });
    const program =
      setup.importExtension === 'ts' ? input.program.replace(/(from '\.\/[^']+)\.js'/g, "$1.ts'") : input.program;
    writeFileSync(join(dir, input.programFile), program);
  }
}

/**
 * `tsc -p dir`, writing the JavaScript beside the sources when `emit`, else `--noEmit`: each error line
 * (`file(line,col): error TSnnnn: …`); empty when the project compiles.
 */
export function compile(tsc: string, dir: string, emit = false): string[] {
  const run = spawnSync(process.execPath, [tsc, '-p', dir, ...(emit ? [] : ['--noEmit']), '--pretty', 'false'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 600_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  const errors = output.split('\n').filter((l) => /error TS\d+/.test(l));
  if (run.status !== 0 && !errors.length) errors.push(output.trim() || `tsc exited with ${run.status ?? run.signal}`);
  return errors;
}

/**
 * Packs the runtime and unpacks it as `<into>/node_modules/@kubegen/runtime`, beside links to what an install
 * would add (its dependencies, and the app's @types/node) from this project's node_modules.
 */
export function installRuntime(into: string): void {
  const packs = join(into, '.packs');
  mkdirSync(packs, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--pack-destination', packs, '--silent'], {
    cwd: join(projectRoot, 'runtime'),
    encoding: 'utf8',
    env: npmEnv(),
  })
    .trim()
    .split('\n')
    .pop()!;
  const dest = join(into, 'node_modules', '@kubegen', 'runtime');
  mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['-xzf', join(packs, tarball), '-C', dest, '--strip-components=1']);
  const runtime = JSON.parse(readFileSync(join(dest, 'package.json'), 'utf8')) as { dependencies?: object };
  for (const name of [...Object.keys(runtime.dependencies ?? {}), '@types/node']) {
    const link = join(into, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules', name), link, 'dir');
  }
}
