// The TypeScript project the output lands in. Generated modules use import and export; a project whose
// tsconfig.json sets verbatimModuleSyntax and whose package.json makes the output folder CommonJS (what
// `npm init -y` and `tsc --init` give today) rejects both in every file. Such a setup is refused before anything
// is written, saying what to change, instead of leaving an error in each generated file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type ts from 'typescript';
import { typescript } from '../emit/toolchain.js';

/** Why generated `.ts` files in `out` cannot compile in the project around it, or undefined when they can. */
export function projectProblem(out: string, cwd = process.cwd()): string | undefined {
  const dir = resolve(cwd, out);
  const configFile = nearest(dir, 'tsconfig.json');
  // Only a config that sets the option, or may inherit it, is worth loading the compiler for.
  if (!configFile || !/verbatimModuleSyntax|"extends"/.test(readText(configFile))) return undefined;
  const ts = typescript();
  const options = compilerOptions(configFile);
  if (!options?.verbatimModuleSyntax || !isCommonJs(join(dir, 'index.ts'), options)) return undefined;
  const config = relative(cwd, configFile) || configFile;
  if (!isNodeModule(options))
    return `--out ${out}: ${config} sets verbatimModuleSyntax and ${options.module === undefined ? 'no "module" (CommonJS for its target)' : `"module": "${String(ts.ModuleKind[options.module]).toLowerCase()}"`}, which makes every file CommonJS, where the generated import and export statements cannot compile: set "module": "nodenext" (with "type": "module" in package.json), or turn verbatimModuleSyntax off`;
  const pkg = nearest(dir, 'package.json');
  const name = pkg ? relative(cwd, pkg) || pkg : 'package.json';
  const type = pkg ? packageType(pkg) : undefined;
  const why = pkg
    ? `${name} makes the folder CommonJS (${type ? `"type": ${JSON.stringify(type)}` : 'no "type"'})`
    : 'no package.json makes the folder an ES module';
  return `--out ${out}: ${config} sets verbatimModuleSyntax and ${why}, where the generated import and export statements cannot compile: set "type": "module" in ${name}, or turn verbatimModuleSyntax off`;
}

/** The options of a tsconfig.json, `extends` followed; undefined when it cannot be read. */
function compilerOptions(configFile: string): ts.CompilerOptions | undefined {
  const ts = typescript();
  const host: ts.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  return ts.getParsedCommandLineOfConfigFile(configFile, undefined, host)?.options;
}

function isNodeModule(options: ts.CompilerOptions): boolean {
  const { ModuleKind } = typescript();
  const node = [ModuleKind.Node16, ModuleKind.Node18, ModuleKind.Node20, ModuleKind.NodeNext];
  return options.module !== undefined && node.includes(options.module);
}

/** Whether TypeScript compiles `file` as a CommonJS module under `options`. */
function isCommonJs(file: string, options: ts.CompilerOptions): boolean {
  const ts = typescript();
  if (isNodeModule(options))
    return ts.getImpliedNodeFormatForFile(file, undefined, ts.sys, options) === ts.ModuleKind.CommonJS;
  const target = options.target ?? ts.ScriptTarget.ES5;
  const module = options.module ?? (target >= ts.ScriptTarget.ES2015 ? ts.ModuleKind.ES2015 : ts.ModuleKind.CommonJS);
  return module === ts.ModuleKind.CommonJS;
}

function packageType(file: string): string | undefined {
  try {
    const type = (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The nearest file so named at or above `dir` (where TypeScript finds tsconfig.json, and Node reads "type" from). */
function nearest(dir: string, name: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const file = join(d, name);
    if (existsSync(file)) return file;
    if (dirname(d) === d) return undefined;
  }
}
