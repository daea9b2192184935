// Deprecations of real releases reach the generated code: core/v1 Endpoints is `@deprecated` from 1.33 on with its
// replacement, not in 1.28, and every field of a core/v1 kind the model notes as deprecated carries the tag.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderFiles } from '../../generator/emit/render.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { sharedPath, sharedSkip } from '../helpers/shared.ts';

const TAG = '@deprecated since v1.33; use discovery.k8s.io/v1 EndpointSlice instead';

/** The JSDoc right above `declaration` in `text` (a line of its own), or '' when it has none. */
function docAbove(text: string, declaration: string, from = 0): string {
  const at = text.indexOf(`\n${declaration}`, from);
  assert.ok(at >= 0, `no ${declaration.trim()}`);
  const before = text.slice(0, at);
  if (!before.trimEnd().endsWith('*/')) return '';
  return before.slice(before.lastIndexOf('/**'));
}

describe('deprecations of real releases in generated code', { skip: sharedSkip }, () => {
  it('1.35 marks core/v1 Endpoints (kind and resource) and the deprecated fields; 1.28 does not mark Endpoints', async () => {
    const model = await modelFromSpecs([sharedPath('specs', 'v3', 'kubernetes-1.35')]);
    const core = renderFiles(model).get('core/v1.ts')!;
    assert.ok(docAbove(core, 'export interface Endpoints {').includes(TAG));
    assert.ok(docAbove(core, '  endpoints: {').includes(TAG));
    assert.ok(!docAbove(core, 'export interface Pod {').includes('@deprecated'));
    let checked = 0;
    for (const [name, named] of Object.entries(model.schemas)) {
      if (!name.startsWith('io.k8s.api.core.v1.')) continue;
      const at = core.indexOf(`\nexport interface ${name.slice('io.k8s.api.core.v1.'.length)} {`);
      for (const field of Object.keys(named.deprecatedFields ?? {}).filter((f) => /^\w+$/.test(f))) {
        const doc = docAbove(core, `  ${field}${named.schema.required?.includes(field) ? '' : '?'}:`, at);
        assert.match(doc, /\n\s*\* @deprecated/, `${name}.${field}`);
        checked++;
      }
    }
    assert.ok(checked >= 34, `${checked} deprecated fields checked`);
    const old = renderFiles(await modelFromSpecs([sharedPath('specs', 'v2', 'kubernetes-1.28.json')])).get(
      'core/v1.ts',
    )!;
    assert.ok(!docAbove(old, 'export interface Endpoints {').includes('@deprecated'));
  });
});
