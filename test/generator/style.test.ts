// Every generated file has one style — two-space indentation levels, single quotes, semicolons — whichever part
// wrote it (the printer, a template, or code built as text), and the same input gives the same bytes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderFiles } from '../../generator/emit/render.ts';
import { compileToJs } from '../../generator/emit/js.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { projectRoot, sharedSkip, sharedSpecs } from '../helpers/shared.ts';
import { styleProblems } from '../helpers/style.ts';
import { modelFromCrds } from '../helpers/models.ts';

const example = join(projectRoot, 'examples', 'widgets-api.yaml');

function problems(files: Map<string, string>): string[] {
  return [...files].flatMap(([path, text]) => styleProblems(path, text));
}

describe('the style of generated code', () => {
  it('holds in every file of the example, byte for byte the same on a second render', async () => {
    const files = renderFiles(await modelFromSpecs([example]));
    assert.deepEqual(problems(files), []);
    assert.deepEqual(renderFiles(await modelFromSpecs([example])), files);
  });

  it('holds in CRD output: nested types, embedded resources, defaults, comments with */ inside', async () => {
    const files = renderFiles(await modelFromCrds([join(projectRoot, 'test', 'fixtures', 'emit', 'nested-crd.yaml')]));
    assert.deepEqual(problems(files), []);
  });

  it('holds in `--emit js` output, .js and .d.ts', async () => {
    const files = renderFiles(await modelFromSpecs([example]));
    const out = join(projectRoot, 'test', '.work', 'style-js');
    const js = compileToJs(
      [...files].map(([path, content]) => ({ path, content })),
      out,
    );
    assert.ok(js.some((f) => f.path.endsWith('.d.ts')));
    assert.deepEqual(problems(new Map(js.map((f) => [f.path, f.content]))), []);
  });

  it('holds in the 1.35 client (v3 documents)', { skip: sharedSkip }, async () => {
    const spec = sharedSpecs().v3.find((p) => p.includes('1.35'));
    assert.ok(spec, 'the 1.35 v3 spec');
    const files = renderFiles(await modelFromSpecs([spec]));
    assert.ok(files.size > 30);
    assert.deepEqual(problems(files), []);
    const text = [...files.values()].join('\n');
    assert.doesNotMatch(text, /@default\s*\n/, 'an empty @default tag');
    assert.doesNotMatch(text, /@description|@enum|Format: /);
  });

  it('the checker finds what it checks for', () => {
    const bad = [
      'export interface A {',
      '    four: "double";',
      '  two: string',
      '  /**',
      '    * misplaced',
      '   */',
      '}  ',
      '',
    ].join('\n');
    const found = styleProblems('a.ts', bad).map((p) => p.replace(/^a\.ts:\d+: /, ''));
    assert.deepEqual(found.sort(), [
      'a comment line out of line',
      'a double-quoted string',
      'indented 4 deeper than the line before',
      'no semicolon',
      'trailing whitespace',
    ]);
  });
});
