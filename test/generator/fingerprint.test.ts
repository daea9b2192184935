// kubegen's fingerprint (part of every stamp's key) must follow its own code: a changed, added or removed file of
// core/, generator/emit, generator/pipeline or templates/ changes it, whether or not the stat-keyed cache holds it.
// It is taken once per module instance, so each reading imports a fresh instance of the module, from a copy of the
// package.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../helpers/shared.ts';

const copy = join(projectRoot, 'test', '.work', `fingerprint-${process.pid}`);
const module = join(copy, 'generator', 'pipeline', 'fingerprint.ts');

function put(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

let readings = 0;

/** The fingerprint a fresh instance of the module takes of the copy; with `cold`, after its cache is removed. */
async function fingerprint(cold = false): Promise<string> {
  if (cold) rmSync(join(copy, 'node_modules', '.cache'), { recursive: true, force: true });
  const instance = `${pathToFileURL(module).href}?reading=${++readings}`;
  return ((await import(instance)) as { kubegenFingerprint: () => string }).kubegenFingerprint();
}

describe("kubegen's fingerprint", () => {
  before(() => {
    rmSync(copy, { recursive: true, force: true });
    for (const file of ['generator/pipeline/fingerprint.ts', 'generator/pipeline/cache.ts', 'core/package.ts']) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      copyFileSync(join(projectRoot, file), join(copy, file));
    }
    put(join(copy, 'package.json'), JSON.stringify({ name: 'kubegen', version: '0.0.0', type: 'module' }));
    put(join(copy, 'templates', 'client.hbs'), '{{name}}\n');
    put(join(copy, 'core', 'model', 'build.ts'), 'export const kind = 1;\n');
    put(join(copy, 'generator', 'emit', 'types.ts'), 'export const emit = 1;\n');
    mkdirSync(join(copy, 'node_modules'));
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it('follows a changed, an added and a removed file, and a template; the cache never holds it back', async () => {
    const seen = [await fingerprint(true)];
    assert.equal(await fingerprint(), seen[0], 'the same code, read through the cache');
    const edits: [string, () => void][] = [
      [
        'a changed file of the same size',
        () => put(join(copy, 'core', 'model', 'build.ts'), 'export const kind = 2;\n'),
      ],
      ['an added file', () => put(join(copy, 'generator', 'emit', 'deep', 'more.ts'), 'export const more = 1;\n')],
      ['a changed template', () => put(join(copy, 'templates', 'client.hbs'), '{{kind}}\n')],
      ['a removed file', () => rmSync(join(copy, 'generator', 'emit', 'deep', 'more.ts'))],
    ];
    for (const [what, edit] of edits) {
      edit();
      const now = await fingerprint();
      assert.ok(!seen.includes(now), what);
      assert.equal(await fingerprint(true), now, `${what}: the same without the cache`);
      seen.push(now);
    }
  });

  it('a file touched with its content unchanged keeps it', async () => {
    const before = await fingerprint();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(copy, 'core', 'model', 'build.ts'), later, later);
    assert.equal(await fingerprint(), before);
  });
});
