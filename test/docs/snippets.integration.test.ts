// Every TypeScript snippet of the README and docs/ compiles against a client generated from a real release, so
// the documentation cannot drift from what kubegen generates. Snippets are self-contained modules: what one uses
// it imports or declares, and `./k8s/…` is the generated client.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generate } from '../../generator/pipeline/generate.ts';
import { projectRoot, sharedSkip, sharedSpecs } from '../helpers/shared.ts';
import { typecheck } from '../helpers/typecheck.ts';

const work = join(projectRoot, 'test', '.work', 'docs-snippets');

interface Snippet {
  doc: string;
  line: number;
  code: string;
}

function docs(): string[] {
  const dir = join(projectRoot, 'docs');
  const pages = (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(dir, f));
  return [join(projectRoot, 'README.md'), ...pages].sort();
}

function snippets(file: string): Snippet[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[++i] !== '```');
    out.push({ doc: relative(projectRoot, file), line: start + 1, code: lines.slice(start, i).join('\n') });
  }
  return out;
}

describe('documentation snippets', { skip: sharedSkip }, () => {
  const all = docs().flatMap(snippets);
  const names = new Map<string, Snippet>();

  before(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const spec = sharedSpecs().v3.find((p) => p.includes('1.35'));
    assert.ok(spec, 'the 1.35 v3 spec');
    await generate({ specs: [spec], out: join(work, 'k8s'), validators: true });
    writeFileSync(join(work, 'package.json'), '{ "type": "module" }\n');
    // `kubegen/server` and `kubegen/generator` resolve to this repository, as from an app that installed kubegen.
    mkdirSync(join(work, 'node_modules'));
    symlinkSync(projectRoot, join(work, 'node_modules', 'kubegen'), 'dir');
    all.forEach((s, n) => {
      const name = `snippet-${String(n).padStart(2, '0')}.ts`;
      names.set(name, s);
      writeFileSync(join(work, name), `${s.code}\nexport {};\n`);
    });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('finds the snippets of the README and docs', () => {
    assert.ok(all.length >= 6, `${all.length} snippets`);
  });

  it('every snippet type-checks against the generated 1.35 client', () => {
    const errors = typecheck(work, { types: ['node'] }).map((e) => {
      const m = /snippet-\d+\.ts\((\d+)\)(.*)$/s.exec(e);
      const s = m && names.get(/(snippet-\d+\.ts)/.exec(e)![1]!);
      return s ? `${s.doc}:${s.line + Number(m[1]) - 1}${m[2]}` : e;
    });
    assert.deepEqual(errors, []);
  });
});
