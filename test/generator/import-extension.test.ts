// `--import-extension ts`: every relative import of the output names a `.ts` file, for projects that run
// TypeScript as it is (Node's type stripping resolves only the specifier written); `js` stays the default.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderFiles } from '../../generator/emit/render.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { runBuild } from '../../generator/pipeline/run.ts';
import { projectRoot } from '../helpers/shared.ts';

const example = join(projectRoot, 'examples', 'widgets-api.yaml');

/** Every relative specifier of every file: `from './x'` and `from '../x'`. */
function relativeSpecifiers(files: Map<string, string>): string[] {
  return [...files.values()].flatMap((text) => [...text.matchAll(/ from '(\.\.?\/[^']+)'/g)].map((m) => m[1]!));
}

describe('--import-extension', () => {
  it('ts: every relative import names a .ts file; the files are the same otherwise', async () => {
    const model = await modelFromSpecs([example]);
    const js = renderFiles(model);
    const ts = renderFiles(model, { importExtension: 'ts' });
    const jsSpecifiers = relativeSpecifiers(js);
    assert.ok(jsSpecifiers.length > 10 && jsSpecifiers.every((s) => s.endsWith('.js')), jsSpecifiers.join(' '));
    assert.deepEqual(
      relativeSpecifiers(ts),
      jsSpecifiers.map((s) => s.replace(/\.js$/, '.ts')),
    );
    for (const [path, text] of ts) assert.equal(text.replace(/(from '\.\.?\/[^']+)\.ts'/g, "$1.js'"), js.get(path));
  });

  it('is refused, saying why, for .js output and for values other than js and ts', async () => {
    const out = join(projectRoot, 'test', '.work', `import-extension-${process.pid}`);
    await assert.rejects(
      runBuild({ spec: [example], out, emit: 'js', importExtension: 'ts' }),
      /^Error: --import-extension ts is for \.ts output run as it is: leave it out with --emit js$/,
    );
    await assert.rejects(
      runBuild({ spec: [example], out, package: 'k8s@1.0.0', importExtension: 'ts' }),
      /leave it out with --package$/,
    );
    await assert.rejects(
      runBuild({ spec: [example], out, importExtension: 'mjs' as 'ts' }),
      /^Error: --import-extension mjs: expected js or ts$/,
    );
  });
});
