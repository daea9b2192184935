// kubegen as an npm build step: a config file drives `kubegen generate` with no arguments; an unchanged
// regeneration is a no-op; `--check` fails naming what would change after a CRD changes, and passes once regenerated.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { projectRoot } from '../helpers/shared.ts';
import { kubegen, snapshot } from '../helpers/build.ts';
import { typecheck } from '../helpers/typecheck.ts';
import { parse, stringify } from 'yaml';

const work = join(projectRoot, 'test', '.work', `build-check-${process.pid}`);
const fixtures = join(projectRoot, 'test', 'fixtures', 'build');
const crd = join(work, 'crds', 'gadget-crd.yaml');
const gen = join(work, 'gen');

function editCrd(from: string, to: string): void {
  const text = readFileSync(crd, 'utf8');
  assert.ok(text.includes(from), `fixture has ${from}`);
  writeFileSync(crd, text.replace(from, to));
}

describe('kubegen generate as a build step', () => {
  before(() => {
    mkdirSync(join(work, 'crds'), { recursive: true });
    copyFileSync(join(fixtures, 'gadget-crd.yaml'), crd);
    writeFileSync(join(work, 'kubegen.config.json'), JSON.stringify({ crd: 'crds/*.yaml', out: 'gen' }, null, 2));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('reads kubegen.config.json when run with no arguments, then regenerates as a no-op', async () => {
    const first = await kubegen(['generate'], { cwd: work });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /wrote 6 files to .*gen\n$/);
    assert.ok(existsSync(join(gen, 'example.dev', 'v1.ts')) && existsSync(join(gen, 'example.dev', 'v1beta1.ts')));
    assert.deepEqual(typecheck(gen), []);
    const before = snapshot(gen);
    const second = await kubegen(['generate'], { cwd: work });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^kubegen: .*gen is up to date\n$/);
    assert.deepEqual(snapshot(gen), before);
    const check = await kubegen(['generate', '--check'], { cwd: work });
    assert.equal(check.code, 0, check.stderr);
    // A forced rebuild writes the same bytes, the stamp included: nothing in it depends on when or where.
    const forced = await kubegen(['generate', '--force'], { cwd: work });
    assert.match(forced.stdout, /wrote 6 files/);
    assert.deepEqual(snapshot(gen), before);
    assert.deepEqual(Object.keys(JSON.parse(before.get('.kubegen-stamp.json')!) as object), [
      'key',
      'files',
      'specHash',
    ]);
  });

  it('--check fails after the CRD changes, naming the changed file, and passes after regeneration', async () => {
    editCrd(
      '                color:\n                  type: string\n',
      '                color:\n                  type: string\n                weight:\n                  type: number\n',
    );
    const before = snapshot(gen);
    const stale = await kubegen(['generate', '--check'], { cwd: work });
    assert.equal(stale.code, 1);
    assert.match(
      stale.stderr,
      /^kubegen: .*gen is stale; regenerating would change 1 file\(s\) \(\+ added, ~ changed, - removed\):\n {2}~ example\.dev\/v1\.ts\n$/,
    );
    assert.deepEqual(snapshot(gen), before, '--check writes nothing');

    const regen = await kubegen(['generate'], { cwd: work });
    assert.equal(regen.code, 0, regen.stderr);
    assert.match(readFileSync(join(gen, 'example.dev', 'v1.ts'), 'utf8'), /weight\?: number/);
    const fresh = await kubegen(['generate', '--check'], { cwd: work });
    assert.equal(fresh.code, 0, fresh.stderr);
  });

  it('--check names removed and added group-versions', async () => {
    const text = readFileSync(crd, 'utf8');
    writeFileSync(
      crd,
      text.replace(/\n {4}- name: v1beta1[\s\S]*$/, '\n').replace('kind: Gadget\n', 'kind: Gadget\n') +
        readFileSync(crd, 'utf8')
          .replace(/^#.*\n/, '---\n')
          .replace(/gadgets/g, 'sprockets')
          .replace(/Gadget/g, 'Sprocket')
          .replace(/ gadget\n/, ' sprocket\n')
          .replace('[gd]', '[sp]')
          .replace(/example\.dev/g, 'parts.example.dev'),
    );
    const stale = await kubegen(['generate', '--check'], { cwd: work });
    assert.equal(stale.code, 1, stale.stdout);
    const lines = stale.stderr
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
    assert.deepEqual(lines, [
      '- example.dev/v1beta1.ts',
      '~ index.ts',
      '+ parts.example.dev/v1.ts',
      '+ parts.example.dev/v1beta1.ts',
    ]);
    writeFileSync(crd, text);
  });

  it('a hand edit of a generated file makes the output stale', async () => {
    const file = join(gen, 'example.dev', 'v1.ts');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, `${original}// edited\n`);
    const stale = await kubegen(['generate', '--check'], { cwd: work });
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /~ example\.dev\/v1\.ts/);
    const regen = await kubegen(['generate'], { cwd: work });
    assert.equal(regen.code, 0, regen.stderr);
    assert.equal(readFileSync(file, 'utf8'), original);
  });

  it('a kubegen.config.ts (a type-only import, satisfies), flags overriding it, and --emit js', async () => {
    rmSync(join(work, 'kubegen.config.json'));
    writeFileSync(
      join(work, 'kubegen.config.ts'),
      [
        "import type { KubegenConfig } from 'kubegen/generator';",
        "const emit: 'ts' | 'js' = 'js';",
        "export default { crd: ['crds'], out: 'gen-js', emit, include: ['example.dev/v1'] } satisfies KubegenConfig;",
        '',
      ].join('\n'),
    );
    const r = await kubegen(['generate'], { cwd: work });
    assert.equal(r.code, 0, r.stderr);
    const files = [...snapshot(join(work, 'gen-js')).keys()].filter((f) => !f.startsWith('.'));
    assert.deepEqual(files, [
      'example.dev/v1.d.ts',
      'example.dev/v1.js',
      'index.d.ts',
      'index.js',
      'meta.d.ts',
      'meta.js',
      'support.d.ts',
      'support.js',
    ]);
    const overridden = await kubegen(['generate', '--emit', 'ts', '--out', 'gen-ts'], { cwd: work });
    assert.equal(overridden.code, 0, overridden.stderr);
    assert.ok(
      existsSync(join(work, 'gen-ts', 'example.dev', 'v1.ts')) &&
        !existsSync(join(work, 'gen-ts', 'example.dev', 'v1beta1.ts')),
    );
  });

  it('a config file sets --runtime-import and --concurrency; the command line wins', async () => {
    const config = join(work, 'runtime-import.json');
    writeFileSync(
      config,
      JSON.stringify({ crd: 'crds', out: 'gen-ri', runtimeImport: '@acme/k8s-runtime', concurrency: 3 }),
    );
    try {
      const r = await kubegen(['generate', '--config', config], { cwd: work });
      assert.equal(r.code, 0, r.stderr);
      assert.match(readFileSync(join(work, 'gen-ri', 'example.dev', 'v1.ts'), 'utf8'), /from '@acme\/k8s-runtime'/);
      const flag = await kubegen(['generate', '--config', config, '--runtime-import', '@other/runtime'], { cwd: work });
      assert.equal(flag.code, 0, flag.stderr);
      const text = readFileSync(join(work, 'gen-ri', 'example.dev', 'v1.ts'), 'utf8');
      assert.match(text, /from '@other\/runtime'/);
      assert.doesNotMatch(text, /@acme\/k8s-runtime/);
      const bad = await kubegen(['generate', '--config', config, '--concurrency', '0'], { cwd: work });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /--concurrency 0: expected a positive whole number/);
    } finally {
      rmSync(config);
    }
  });

  it('--emit js outside any project: the runtime resolves from kubegen, and every file keeps its header', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kubegen-js-')), 'out');
    try {
      const r = await kubegen(['generate', '--crd', join(fixtures, 'gadget-crd.yaml'), '--emit', 'js', '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      const files = snapshot(out);
      for (const [path, text] of files) {
        if (path.startsWith('.')) continue;
        assert.match(path, /\.(d\.ts|js)$/);
        assert.match(text, /^\/\/ Generated by kubegen \S+ from an OpenAPI spec\.\n/, path);
      }
      assert.match(
        files.get('example.dev/v1beta1.d.ts')!,
        /@deprecated example\.dev\/v1beta1 Gadget is deprecated; use example\.dev\/v1 Gadget/,
      );
    } finally {
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  });

  it('a JSON manifest, a multi-document YAML and a List give the same code as the YAML files one by one', async () => {
    const dir = join(work, 'forms');
    mkdirSync(dir, { recursive: true });
    const gadget = parse(readFileSync(join(fixtures, 'gadget-crd.yaml'), 'utf8')) as Record<string, unknown>;
    const sprocket = JSON.parse(
      JSON.stringify(gadget)
        .replace(/gadgets/g, 'sprockets')
        .replace(/Gadget/g, 'Sprocket')
        .replace(/"gadget"/g, '"sprocket"')
        .replace(/"gd"/g, '"sp"'),
    ) as Record<string, unknown>;
    writeFileSync(join(dir, 'gadget.json'), JSON.stringify(gadget));
    writeFileSync(join(dir, 'sprocket.yaml'), stringify(sprocket));
    writeFileSync(join(dir, 'both.yaml'), `${stringify(gadget)}---\n${stringify(sprocket)}`);
    writeFileSync(
      join(dir, 'list.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [gadget, sprocket] }),
    );
    const outputs = [];
    for (const [name, args] of [
      ['one-by-one', ['--crd', join(dir, 'gadget.json'), '--crd', join(dir, 'sprocket.yaml')]],
      ['multi', ['--crd', join(dir, 'both.yaml')]],
      ['list', ['--crd', join(dir, 'list.json')]],
    ] as const) {
      const r = await kubegen(['generate', ...args, '--out', join(dir, name)]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /read 0 spec document\(s\) and 2 CRD\(s\)/);
      outputs.push(snapshot(join(dir, name)));
    }
    // Headers name no hash of the inputs: the files are the same bytes however the CRDs were written.
    const code = outputs.map((o) => [...o].filter(([p]) => !p.startsWith('.')).map(([p, t]) => `${p}\n${t}`));
    assert.ok(code[0]!.some((f) => f.startsWith('example.dev/v1.ts') && f.includes('Sprocket')));
    assert.deepEqual(code[1], code[0]);
    assert.deepEqual(code[2], code[0]);
  });
});
