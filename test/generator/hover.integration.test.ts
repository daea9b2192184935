// What an editor shows on hover, asked of TypeScript's language service over generated code held in memory:
// the field's description first, as plain text, then its tags; no empty tag; @deprecated kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderFiles } from '../../generator/emit/render.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { projectRoot } from '../helpers/shared.ts';
import { modelFromCrds } from '../helpers/models.ts';
import { consumerView, type Hover } from '../helpers/language-service.ts';

const fixtures = join(projectRoot, 'test', 'fixtures');
const root = join(projectRoot, 'test', '.work', 'hover');

/** The quick info at the start of `marker` in `program`, beside the generated `files`. */
function hover(files: Map<string, string>, program: string, marker: string): Hover {
  return consumerView(files, program, root).hover(marker);
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
