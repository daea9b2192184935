// Every generated file has one style — two-space indentation levels, single quotes, semicolons — whichever part
// wrote it (the printer, a template, or code built as text), and the same input gives the same bytes. Compiled
// `--emit js` output and a whole release's client: style.integration.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderFiles } from '../../generator/emit/render.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { projectRoot } from '../helpers/shared.ts';
import { filesStyleProblems, styleProblems } from '../helpers/style.ts';
import { modelFromCrds } from '../helpers/models.ts';

const example = join(projectRoot, 'examples', 'widgets-api.yaml');

describe('the style of generated code', () => {
  it('holds in every file of the example, byte for byte the same on a second render', async () => {
    const files = renderFiles(await modelFromSpecs([example]));
    assert.deepEqual(filesStyleProblems(files), []);
    assert.deepEqual(renderFiles(await modelFromSpecs([example])), files);
  });

  it('holds in CRD output: nested types, embedded resources, defaults, comments with */ inside', async () => {
    const files = renderFiles(await modelFromCrds([join(projectRoot, 'test', 'fixtures', 'emit', 'nested-crd.yaml')]));
    assert.deepEqual(filesStyleProblems(files), []);
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
