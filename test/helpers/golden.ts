// Golden files: expected output that a person reviews as a diff. `UPDATE_GOLDEN=1` rewrites them, and nothing
// else does; without it a test fails on the first line that differs and says how to rewrite.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { projectRoot } from './shared.ts';

export const updatingGolden = process.env.UPDATE_GOLDEN === '1';

export const goldenDir = join(projectRoot, 'test', 'fixtures', 'golden');

const HOW = 'rerun with UPDATE_GOLDEN=1 to rewrite it, then review the diff';

/** `actual` equals the golden file `name` (a path under test/fixtures/golden/); UPDATE_GOLDEN=1 writes it. */
export function assertGolden(name: string, actual: string): void {
  assertGoldenFile(join(goldenDir, name), actual);
}

/** As `assertGolden`, for a golden file anywhere in the project. */
export function assertGoldenFile(file: string, actual: string): void {
  const shown = relative(projectRoot, file);
  if (updatingGolden) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== actual) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, actual);
    }
    return;
  }
  assert.ok(existsSync(file), `${shown} is missing: ${HOW}`);
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) assert.fail(`${shown} is stale: ${firstDifference(expected, actual)}; ${HOW}`);
}

/**
 * A folder whose files are golden (the committed example): the same file list and the same bytes as `files`.
 * UPDATE_GOLDEN=1 calls `rewrite` instead, which writes the folder as the product would.
 */
export async function assertGoldenFolder(
  dir: string,
  listed: string[],
  files: Map<string, string>,
  rewrite: () => Promise<void>,
): Promise<void> {
  if (updatingGolden) return rewrite();
  const shown = relative(projectRoot, dir);
  assert.deepEqual(listed, [...files.keys()].sort(), `the files of ${shown} changed: ${HOW}`);
  for (const [path, text] of files) assertGoldenFile(join(dir, path), text);
}

/** `line 12: expected "…", got "…"`. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i < 0 ? a.length : i;
  const show = (s: string | undefined) => (s === undefined ? 'the end' : JSON.stringify(s.slice(0, 160)));
  return `line ${at + 1}: expected ${show(a[at])}, got ${show(b[at])}`;
}
