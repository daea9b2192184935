// What an editor shows on hover, asked of TypeScript's language service over generated code held in memory:
// the field's description first, as plain text, then its tags; no empty tag; @deprecated kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';
import { renderFiles } from '../../generator/emit/render.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { projectRoot } from '../helpers/shared.ts';
import { modelFromCrds } from '../helpers/models.ts';

const fixtures = join(projectRoot, 'test', 'fixtures');
const root = join(projectRoot, 'test', '.work', 'hover');
// One registry for every language service below: TypeScript's libs are parsed once, not once per hover.
const registry = ts.createDocumentRegistry();
let hovers = 0;

interface Hover {
  /** The signature line, `(property) VaultSpecKeystoresJks.alias?: string`. */
  display: string;
  documentation: string;
  tags: string[];
}

/** The quick info at the start of `marker` in `program`, beside the generated `files`. */
function hover(files: Map<string, string>, program: string, marker: string): Hover {
  const texts = new Map([...files].map(([path, text]) => [join(root, path), text]));
  const consumer = join(root, 'consumer.ts');
  texts.set(consumer, program);
  // Files of this call are new to the registry; files read from disk are the same for every call.
  const version = String(++hovers);
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
  const at = program.indexOf(marker);
  assert.ok(at >= 0, `no ${marker} in the program`);
  const info = service.getQuickInfoAtPosition(consumer, at);
  assert.ok(info, `no quick info at ${marker}`);
  return {
    display: ts.displayPartsToString(info.displayParts),
    documentation: ts.displayPartsToString(info.documentation),
    tags: (info.tags ?? []).map((t) => `@${t.name}${t.text ? ` ${ts.displayPartsToString(t.text)}` : ''}`),
  };
}

describe('hovers over generated types', () => {
  it('show a field description first, then its format and default', async () => {
    const files = renderFiles(await modelFromSpecs([join(projectRoot, 'examples', 'widgets-api.yaml')]));
    const program = `import type { WidgetSpec } from './example.kubegen.dev/v1.js';
export const spec: WidgetSpec = { size: 'small', replicas: 2 };
`;
    assert.deepEqual(hover(files, program, 'replicas'), {
      display: '(property) WidgetSpec.replicas?: number | undefined',
      documentation: 'how many copies to keep',
      tags: ['@format int32', '@default 1'],
    });
  });

  it('show a nested CRD field, with a default of "" as `@default ""`, and name its type', async () => {
    const files = renderFiles(await modelFromCrds([join(fixtures, 'emit', 'nested-crd.yaml')]));
    const program = `import type { Vault, VaultSpecKeystoresJks } from './nested.kubegen.dev/v1.js';
const jks: VaultSpecKeystoresJks = { create: true, alias: 'main' };
export const vault: Vault = { spec: { keystores: { jks } } };
`;
    assert.deepEqual(hover(files, program, 'alias'), {
      display: '(property) VaultSpecKeystoresJks.alias?: string | undefined',
      documentation: "The entry's alias.",
      tags: ['@default ""'],
    });
    assert.deepEqual(hover(files, program, 'keystores'), {
      display: '(property) VaultSpec.keystores: VaultSpecKeystores',
      documentation: 'Where the keys are written.',
      tags: [],
    });
    assert.deepEqual(hover(files, program, 'VaultSpecKeystoresJks = {'), {
      display: '(alias) interface VaultSpecKeystoresJks\nimport VaultSpecKeystoresJks',
      documentation: 'The `spec.keystores.jks` field of a `Vault`.',
      tags: [],
    });
  });

  it('keep @deprecated: a deprecated CRD version, a deprecated field', async () => {
    const crd = renderFiles(await modelFromCrds([join(fixtures, 'build', 'gadget-crd.yaml')]));
    const kind = hover(
      crd,
      "import type { Gadget } from './example.dev/v1beta1.js';\nexport type G = Gadget;\n",
      'Gadget;',
    );
    assert.deepEqual(kind.tags, ['@deprecated example.dev/v1beta1 Gadget is deprecated; use example.dev/v1 Gadget']);
    const spec = renderFiles(await modelFromSpecs([join(fixtures, 'emit', 'types.yaml')]));
    const field = hover(
      spec,
      "import type { SampleSpec } from './types.kubegen.dev/v1.js';\nexport const s: SampleSpec = { mode: 'Fast', legacy: 'x' };\n",
      'legacy',
    );
    assert.deepEqual(field, {
      display: '(property) SampleSpec.legacy?: string | undefined',
      documentation: 'the old name of mode',
      tags: ['@deprecated'],
    });
  });
});
