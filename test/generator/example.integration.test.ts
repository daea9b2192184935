// The committed `generated/example` (golden, checked by example.test.ts) is what `npm run example` writes from
// `examples/widgets-api.yaml` in any folder and process, and it compiles under --strict.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join } from 'node:path';
import { readManifest } from '../../generator/pipeline/write.ts';
import { STAMP_FILE } from '../../generator/pipeline/stamp.ts';
import { projectRoot } from '../helpers/shared.ts';
import { typecheck } from '../helpers/typecheck.ts';
import { kubegen, snapshot } from '../helpers/build.ts';

const committed = join(projectRoot, 'generated', 'example');
const regenerate = 'rerun with UPDATE_GOLDEN=1 (or `npm run build && npm run example`) and commit generated/example';

describe('generated/example', () => {
  it('does not depend on where the spec lives, its file name, or JSON versus YAML (in a separate process)', () => {
    const dir = join(projectRoot, 'test', '.work', 'emit-example');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const copy = join(dir, 'renamed-spec.json');
    writeFileSync(copy, JSON.stringify(parse(readFileSync(join(projectRoot, 'examples', 'widgets-api.yaml'), 'utf8'))));
    const script = `const m = await import(${JSON.stringify(join(projectRoot, 'generator', 'pipeline', 'generate.ts'))}); await m.generate({ specs: ['renamed-spec.json'], out: 'out' });`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    for (const path of readManifest(committed).filter((f) => f !== STAMP_FILE)) {
      assert.ok(readFileSync(join(dir, 'out', path)).equals(readFileSync(join(committed, path))), `${path} differs`);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('is what `npm run example` leaves behind: the same files and manifest, plus a stamp git ignores', async () => {
    const dir = join(projectRoot, 'test', '.work', `emit-example-run-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      const out = join(dir, 'example');
      cpSync(committed, out, { recursive: true, filter: (src) => !src.endsWith(STAMP_FILE) });
      const run = await kubegen([
        'generate',
        '--spec',
        join(projectRoot, 'examples', 'widgets-api.yaml'),
        '--out',
        out,
      ]);
      assert.equal(run.code, 0, run.stderr);
      const withoutStamp = (d: string) => new Map([...snapshot(d)].filter(([path]) => path !== STAMP_FILE));
      assert.deepEqual(withoutStamp(out), withoutStamp(committed), regenerate);
      assert.ok(existsSync(join(out, STAMP_FILE)));
      const ignored = spawnSync('git', ['check-ignore', '-q', join('generated', 'example', STAMP_FILE)], {
        cwd: projectRoot,
      });
      // 0: ignored; 1: not ignored; anything else: not a git checkout, nothing to say.
      if (ignored.status === 0 || ignored.status === 1)
        assert.equal(ignored.status, 0, `${STAMP_FILE} of generated/example must be ignored by git`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compiles under --strict', () => {
    assert.deepEqual(typecheck(committed), []);
  });

  it('has one module per group-version, each with its client factory', () => {
    const files = readManifest(committed);
    for (const f of ['core/v1.ts', 'example.kubegen.dev/v1.ts', 'meta.ts', 'support.ts', 'index.ts'])
      assert.ok(files.includes(f), f);
    assert.match(
      readFileSync(join(committed, 'example.kubegen.dev', 'v1.ts'), 'utf8'),
      /export function exampleKubegenDevV1\(transport: \$Transport, options\?: \$ClientOptions\): ExampleKubegenDevV1Client/,
    );
  });
});
