// The style of generated code (style.test.ts) where it takes the TypeScript compiler or a whole release: the
// `--emit js` output, and the 1.35 client from the shared v3 documents.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderFiles } from '../../generator/emit/render.ts';
import { compileToJs } from '../../generator/emit/js.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { projectRoot, sharedSkip, sharedSpecs } from '../helpers/shared.ts';
import { filesStyleProblems } from '../helpers/style.ts';

const example = join(projectRoot, 'examples', 'widgets-api.yaml');

describe('the style of generated code, compiled or from a whole release', () => {
  it('holds in `--emit js` output, .js and .d.ts', async () => {
    const files = renderFiles(await modelFromSpecs([example]));
    const out = join(projectRoot, 'test', '.work', 'style-js');
    const js = compileToJs(
      [...files].map(([path, content]) => ({ path, content })),
      out,
    );
    assert.ok(js.some((f) => f.path.endsWith('.d.ts')));
    assert.deepEqual(filesStyleProblems(new Map(js.map((f) => [f.path, f.content]))), []);
  });

  it('holds in the 1.35 client (v3 documents)', { skip: sharedSkip }, async () => {
    const spec = sharedSpecs().v3.find((p) => p.includes('1.35'));
    assert.ok(spec, 'the 1.35 v3 spec');
    const files = renderFiles(await modelFromSpecs([spec]));
    assert.ok(files.size > 30);
    assert.deepEqual(filesStyleProblems(files), []);
    const text = [...files.values()].join('\n');
    assert.doesNotMatch(text, /@default\s*\n/, 'an empty @default tag');
    assert.doesNotMatch(text, /@description|@enum|Format: /);
  });
});
