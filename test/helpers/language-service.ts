// TypeScript's language service over generated code held in memory and a consumer program beside it: what an
// editor shows on hover, and what it strikes through as deprecated.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';

export interface Hover {
  /** The signature line, `(property) VaultSpecKeystoresJks.alias?: string`. */
  display: string;
  documentation: string;
  tags: string[];
}

export interface ConsumerView {
  /** The quick info at the start of `marker` in the program. */
  hover(marker: string): Hover;
  /** The program's text at each use the editor strikes through, in order. */
  deprecated(): string[];
}

// One registry for every language service of the process: TypeScript's libs are parsed once, not once per view.
const registry = ts.createDocumentRegistry();
let views = 0;

/** A language service over the generated `files` (placed under `root`) and `program`, a module beside them. */
export function consumerView(files: Map<string, string>, program: string, root: string): ConsumerView {
  const texts = new Map([...files].map(([path, text]) => [join(root, path), text]));
  const consumer = join(root, 'consumer.ts');
  texts.set(consumer, program);
  // This view's files are new to the registry; files read from disk are the same for every view.
  const version = String(++views);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [consumer],
    getScriptVersion: (name) => (texts.has(name) ? version : '0'),
    getScriptSnapshot: (name) => {
      const text = texts.get(name) ?? ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => texts.has(name) || ts.sys.fileExists(name),
    readFile: (name) => texts.get(name) ?? ts.sys.readFile(name),
  };
  const service = ts.createLanguageService(host, registry);
  return {
    hover(marker) {
      const at = program.indexOf(marker);
      assert.ok(at >= 0, `no ${marker} in the program`);
      const info = service.getQuickInfoAtPosition(consumer, at);
      assert.ok(info, `no quick info at ${marker}`);
      return {
        display: ts.displayPartsToString(info.displayParts),
        documentation: ts.displayPartsToString(info.documentation),
        tags: (info.tags ?? []).map((t) => `@${t.name}${t.text ? ` ${ts.displayPartsToString(t.text)}` : ''}`),
      };
    },
    deprecated() {
      return service
        .getSuggestionDiagnostics(consumer)
        .filter((d) => d.reportsDeprecated && d.start !== undefined)
        .map((d) => program.slice(d.start!, d.start! + d.length!));
    },
  };
}
