// The build precompiles the templates (dist/generator/emit/templates.cjs); what the built renderer writes with them
// must be what the templates compile to when run from source, byte for byte.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { renderFiles } from '../../../generator/emit/render.ts';
import { modelFromSpecs } from '../../../generator/pipeline/generate.ts';
import { projectRoot } from '../../helpers/shared.ts';

const built = join(projectRoot, 'dist', 'generator', 'emit');

describe('precompiled templates', () => {
  it('are built, and render the example spec exactly as the compiled templates do', async () => {
    assert.ok(existsSync(join(built, 'templates.cjs')), 'npm run build writes templates.cjs');
    const model = await modelFromSpecs([join(projectRoot, 'examples', 'widgets-api.yaml')]);
    const options = { validators: true, kubegenVersion: '0.0.0-test' };
    const { renderFiles: builtRender } = (await import(pathToFileURL(join(built, 'render.js')).href)) as {
      renderFiles: typeof renderFiles;
    };
    assert.deepEqual(builtRender(model, options), renderFiles(model, options));
  });
});
