// Consumer projects as people set them up: a package.json "type", a tsconfig.json, generated clients and programs
// that use them, compiled by one TypeScript release as `tsc -p` compiles them. They live outside the repository,
// beside a node_modules holding the runtime unpacked from the tarball `npm pack` makes of it, so they see the
// package a user gets and never the repository's sources.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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
  /** Whether, under a TypeScript release, the files compile to CommonJS (the runtime must then load as CommonJS). */
  commonJs?: (version: string) => boolean;
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
  },
  {
    name: 'CommonJS: no "type", module node16',
    compilerOptions: () => ({ ...base, module: 'node16' }),
    commonJs: () => true,
  },
  {
    name: 'CommonJS: no "type", module commonjs',
    compilerOptions: () => ({ ...base, module: 'commonjs' }),
    commonJs: () => true,
  },
  {
    name: 'bundler: module esnext, moduleResolution bundler',
    type: 'module',
    compilerOptions: () => ({ ...base, module: 'esnext', moduleResolution: 'bundler' }),
  },
  // Before 5.9, tsc --init wrote "module": "commonjs".
  {
    name: 'tsc --init defaults, "type": "module"',
    type: 'module',
    compilerOptions: 'init',
    commonJs: (v) => !atLeast(v, '5.9'),
  },
  {
    name: 'strict extras (exactOptionalPropertyTypes, noUncheckedIndexedAccess, noUnused*, noPropertyAccessFromIndexSignature, noImplicitOverride, isolatedModules, verbatimModuleSyntax, erasableSyntaxOnly, skipLibCheck false)',
    type: 'module',
    compilerOptions: (v) => ({ ...base, module: 'nodenext', ...strictExtras(v) }),
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

/** `tsc -p dir --noEmit`: each error line (`file(line,col): error TSnnnn: …`); empty when the project compiles. */
export function compile(tsc: string, dir: string): string[] {
  const run = spawnSync(process.execPath, [tsc, '-p', dir, '--noEmit', '--pretty', 'false'], {
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

export interface RuntimePackage {
  dependencies?: Record<string, string>;
  type?: string;
  main?: string;
  types?: string;
  exports?: unknown;
}

/**
 * Packs the runtime and unpacks it as `<into>/node_modules/@kubegen/runtime`, beside links to what an install
 * would add (its dependencies, and the app's @types/node) from this project's node_modules; its package.json.
 */
export function installRuntime(into: string): RuntimePackage {
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
  const runtime = JSON.parse(readFileSync(join(dest, 'package.json'), 'utf8')) as RuntimePackage;
  for (const name of [...Object.keys(runtime.dependencies ?? {}), '@types/node']) {
    const link = join(into, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules', name), link, 'dir');
  }
  return runtime;
}

/**
 * For a CommonJS project while the runtime package is ESM-only: the runtime's declarations in a package that is
 * not "type": "module" and names its "types", in the project's own node_modules. Only for type-checking: it
 * checks the generated code as CommonJS until the runtime's CommonJS build lands.
 */
export function installCommonJsDeclarations(work: string, project: string): void {
  const real = join(work, 'node_modules', '@kubegen', 'runtime');
  const dest = join(project, 'node_modules', '@kubegen', 'runtime');
  cpSync(join(real, 'dist'), join(dest, 'dist'), {
    recursive: true,
    filter: (src) => statSync(src).isDirectory() || src.endsWith('.d.ts'),
  });
  const { type: _esm, ...pkg } = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as RuntimePackage;
  const types = './dist/index.d.ts';
  const exports = { '.': { types, default: './dist/index.js' }, './package.json': './package.json' };
  writeFileSync(join(dest, 'package.json'), JSON.stringify({ ...pkg, main: './dist/index.js', types, exports }));
}

/** Why a CommonJS project cannot load this runtime package yet, or undefined when it can. */
export function commonJsGap(runtime: RuntimePackage): string | undefined {
  const conditions = JSON.stringify(runtime.exports ?? {});
  if (conditions.includes('"require"')) return undefined;
  if (runtime.type !== 'module' && runtime.main) return undefined;
  return 'the runtime package is ESM-only (no "require" export): CommonJS projects wait for its CommonJS build';
}
