// What a `kubegen validate` run loads: with the schemas in the cache, a file that reads cleanly and is valid loads
// no yaml library (its import is most of a run's start-up); an object with errors loads it to place them. A JSON
// file loads no YAML library at all, and objects of kinds without rules no CEL library.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cliPath, runNode } from '../helpers/e2e-cli.ts';
import { projectRoot } from '../helpers/shared.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'validate');
const inputs = [
  ...['--spec', join(projectRoot, 'examples', 'widgets-api.yaml'), '--crd', join(fixtures, 'rockets-crd.yaml')],
  ...['--crd', join(projectRoot, 'test', 'fixtures', 'server', 'gadget-crd.yaml')],
];
// Reports each import of the yaml, js-yaml and CEL libraries, and from where.
const hook = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  'export async function resolve(s, c, n) { if (["yaml", "js-yaml", "@marcbachmann/cel-js"].includes(s)) console.error(s + "-imported-by", c.parentURL); return n(s, c); }'));`)}`;

describe('kubegen validate start-up', () => {
  // A folder with its own node_modules, so that the cache lives (and starts empty) there.
  const work = join(projectRoot, 'test', '.work', 'validate-loads');
  after(() => rmSync(work, { recursive: true, force: true }));

  it('a valid file read with cached schemas loads no yaml library; an invalid one does', async () => {
    mkdirSync(join(work, 'node_modules'), { recursive: true });
    const run = (file: string) =>
      runNode(['--import', hook, cliPath, 'validate', '-f', join(fixtures, 'manifests', file), ...inputs], {
        cwd: work,
      });
    assert.equal((await run('valid.yaml')).code, 0, 'the first run fills the cache');
    const cached = await run('valid.yaml');
    assert.equal(cached.code, 0, cached.stderr);
    assert.doesNotMatch(cached.stderr, /^yaml-imported-by/m);
    const invalid = await run('invalid.yml');
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /^yaml-imported-by /m);
  });

  it('a JSON file of kinds without rules loads no YAML and no CEL library', async () => {
    mkdirSync(work, { recursive: true });
    const file = join(work, 'widget.json');
    const widget = { apiVersion: 'example.kubegen.dev/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'n' } };
    writeFileSync(file, JSON.stringify({ ...widget, spec: { size: 'small' } }));
    const run = () => runNode(['--import', hook, cliPath, 'validate', '-f', file, ...inputs], { cwd: work });
    assert.equal((await run()).code, 0, 'the first run fills the cache');
    const cached = await run();
    assert.equal(cached.code, 0, cached.stderr);
    assert.doesNotMatch(cached.stderr, /imported-by/);
  });
});
