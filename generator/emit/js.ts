// `--emit js`: the rendered TypeScript modules compiled to `.js` + `.d.ts` through the TypeScript compiler API,
// in memory, for packages consumed without compiling them. The program resolves `@kubegen/runtime` from the
// output folder upwards, as the consumer will.
import type ts from 'typescript';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareStrings } from '../../core/spec/values.js';
import { reindent } from './print.js';
import { typescript } from './toolchain.js';

export interface RenderedFile {
  /** Relative to the output folder, `/`-separated. */
  path: string;
  content: string;
}

const options = (ts: typeof import('typescript')): ts.CompilerOptions => ({
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  declaration: true,
  strict: true,
  skipLibCheck: true,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
  noEmitOnError: true,
  types: [],
});

/**
 * Compiles every `.ts` file to `.js` and `.d.ts`; other files pass through. `outDir` is where the files will live
 * (used to resolve imports); nothing is written. Throws with the first diagnostics when the code does not compile.
 */
export function compileToJs(files: RenderedFile[], outDir: string): RenderedFile[] {
  const ts = typescript();
  const OPTIONS = options(ts);
  const root = resolve(outDir);
  const sources = new Map(files.filter((f) => isTs(f.path)).map((f) => [join(root, f.path), f.content]));
  const host = ts.createCompilerHost(OPTIONS, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => sources.get(name) ?? readFile(name);
  host.fileExists = (name) => sources.has(name) || fileExists(name);
  // The output folder may not exist yet: its in-memory folders must still resolve `../meta.js` and the like.
  const folders = new Set([...sources.keys()].flatMap((f) => ancestors(dirname(f))));
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) => folders.has(name) || (directoryExists ? directoryExists(name) : true);
  host.getSourceFile = (name, language, onError, shouldCreate) => {
    const text = sources.get(name);
    return text !== undefined
      ? ts.createSourceFile(name, text, language, true)
      : getSourceFile(name, language, onError, shouldCreate);
  };
  // Imports resolve from the output folder, as the consumer's will; a module found nowhere there (the runtime, when
  // the package is written outside any project that installed it) resolves from kubegen's own dependencies.
  const fallback = fileURLToPath(import.meta.url);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, options) =>
    literals.map((literal) => {
      const found = ts.resolveModuleName(literal.text, containingFile, options, host, undefined, redirected);
      return found.resolvedModule
        ? found
        : ts.resolveModuleName(literal.text, fallback, options, host, undefined, redirected);
    });
  const emitted = new Map<string, string>();
  host.writeFile = (name, text) => emitted.set(name, text);
  const program = ts.createProgram({
    rootNames: [...sources.keys()],
    options: { ...OPTIONS, outDir: root, rootDir: root },
    host,
  });
  const result = program.emit();
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics].filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  if (errors.length > 0 || result.emitSkipped) {
    const text = ts.formatDiagnostics(errors.slice(0, 5), {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => '\n',
    });
    throw new Error(`--emit js: the generated code does not compile:\n${text}`);
  }
  const out: RenderedFile[] = files.filter((f) => !isTs(f.path));
  for (const [name, text] of emitted) {
    const path = name
      .slice(root.length + 1)
      .split('\\')
      .join('/');
    // The compiler indents by four; the sources it compiled have no multi-line literals, so halving is exact.
    const content = withHeader(reindent(text), sources.get(join(root, path.replace(/(\.d)?\.js$|\.d\.ts$/, '.ts'))));
    out.push({ path, content });
  }
  return out.sort((a, b) => compareStrings(a.path, b.path));
}

function ancestors(dir: string): string[] {
  const out = [dir];
  while (dirname(out[out.length - 1]!) !== out[out.length - 1]) out.push(dirname(out[out.length - 1]!));
  return out;
}

/**
 * The source's leading `//` lines (kubegen's header: its version, the server's) at the top of what was
 * emitted from it: the compiler drops them with the type-only import they are attached to.
 */
function withHeader(text: string, source: string | undefined): string {
  const header = /^(\/\/[^\n]*\n)+/.exec(source ?? '')?.[0];
  return header && !text.startsWith(header) ? header + text : text;
}

function isTs(path: string): boolean {
  return path.endsWith('.ts') && !path.endsWith('.d.ts');
}
