// Type-checks a folder of generated TypeScript as a consumer would: `tsc --strict --noEmit`, through the
// TypeScript API (one program per call). `@kubegen/runtime` resolves through the workspace link, so the folder
// must be inside the project (test/.work/…).
import ts from 'typescript';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const strictOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  types: [],
};

/** The strict options beyond `--strict` that careful projects turn on; generated code must compile under them too. */
export const strictExtras: ts.CompilerOptions = {
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  skipLibCheck: false,
};

/**
 * Parsed files that never change during a test run (TypeScript's libs, the runtime's declarations), shared by every
 * program this process creates: each check then parses only the folder it checks.
 */
const stable = new Map<string, ts.SourceFile>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const cacheable = fileName.includes('/node_modules/') || fileName.includes('/runtime/dist/');
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    const hit = cacheable ? stable.get(key) : undefined;
    if (hit) return hit;
    const file = read(fileName, languageVersion, onError, shouldCreate);
    if (file && cacheable) stable.set(key, file);
    return file;
  };
  return host;
}

/** Every diagnostic, formatted `file(line,col): message`; empty when the code compiles. */
export function typecheck(dir: string, extra: ts.CompilerOptions = {}): string[] {
  const options = { ...strictOptions, ...extra };
  const program = ts.createProgram({ rootNames: tsFiles(dir), options, host: cachingHost(options) });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${d.file.fileName}(${d.file.getLineAndCharacterOfPosition(d.start).line + 1})`
        : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

export function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out.sort();
}
