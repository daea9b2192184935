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

/** Every diagnostic, formatted `file(line,col): message`; empty when the code compiles. */
export function typecheck(dir: string, extra: ts.CompilerOptions = {}): string[] {
  const program = ts.createProgram({ rootNames: tsFiles(dir), options: { ...strictOptions, ...extra } });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}(${d.file.getLineAndCharacterOfPosition(d.start).line + 1})` : '';
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
