// `kubegen validate` reads manifests through the bounds every input has: an alias bomb or a manifest nested past the
// limit is one problem at its line and column, and -f folders follow symbolic links as other input folders do.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../../cli/validate/documents.ts';
import { manifestSources } from '../../cli/validate/files.ts';
import { projectRoot } from '../helpers/shared.ts';

const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n';

describe('kubegen validate on hostile manifests', () => {
  const work = join(projectRoot, 'test', '.work', 'validate-hostile');
  after(() => rmSync(work, { recursive: true, force: true }));

  it('an alias bomb is one problem at the alias that crosses the bound', () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `  k${i}: *big\n`).join('');
    const [problem] = parseManifest('bomb.yaml', `${head}  big: &big ${'x'.repeat(50_000)}\n${aliases}`);
    assert.ok(problem && !problem.ok, JSON.stringify(problem).slice(0, 200));
    assert.match(problem.message, /^alias \*big takes the document past what aliases may add once expanded/);
    assert.deepEqual(problem.position, { line: 47, column: 8 });
  });

  it('a manifest nested 400 levels deep is one problem where the limit is crossed', () => {
    const [problem] = parseManifest('deep.yaml', `${head}  x: ${'['.repeat(400)}${']'.repeat(400)}\n`);
    assert.ok(problem && !problem.ok);
    assert.deepEqual([problem.message, problem.position], ['nested deeper than 128 levels', { line: 5, column: 132 }]);
  });

  it('merge keys still merge, as kubectl reads YAML 1.1', () => {
    const [object] = parseManifest('m.yaml', `${head}  <<: &d {a: "1"}\n  b: "2"\n`);
    assert.ok(object?.ok);
    assert.deepEqual((object.value as { data: unknown }).data, { a: '1', b: '2' });
  });

  it('-f FOLDER follows a symbolic link to a manifest', async () => {
    mkdirSync(join(work, 'dir'), { recursive: true });
    writeFileSync(join(work, 'cm.yaml'), `${head}  a: "1"\n`);
    symlinkSync('../cm.yaml', join(work, 'dir', 'linked.yaml'));
    const sources = await manifestSources([join(work, 'dir')], process.stdin);
    assert.deepEqual(
      sources.map((s) => s.name),
      [join(work, 'dir', 'linked.yaml')],
    );
  });
});
