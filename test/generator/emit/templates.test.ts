// The build precompiles the templates (dist/generator/emit/templates.cjs); what the built renderer writes with them
// must be what the templates compile to when run from source, byte for byte.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

  it("are what the built renderer uses: it loads Handlebars' runtime, never its compiler", () => {
    const script = `(async () => {
      const { renderFiles } = await import(${JSON.stringify(pathToFileURL(join(built, 'render.js')).href)});
      const { modelFromSpecs } = await import(${JSON.stringify(pathToFileURL(join(projectRoot, 'dist', 'generator', 'pipeline', 'generate.js')).href)});
      renderFiles(await modelFromSpecs([${JSON.stringify(join(projectRoot, 'examples', 'widgets-api.yaml'))}]));
      console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('handlebars'))));
    })();`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
    assert.ok(
      loaded.some((f) => f.endsWith('handlebars.runtime.js')),
      loaded.join('\n'),
    );
    assert.ok(!loaded.some((f) => /handlebars[\\/]compiler[\\/]/.test(f)), loaded.join('\n'));
  });
});
