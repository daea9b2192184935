// Acceptance 3: a program written against the generated 1.35 client type-checks, and what must not compile
// does not (`@ts-expect-error` lines, checked both ways so that loose types cannot pass unnoticed).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../generator/generate.ts';
import { projectRoot, sharedSkip, sharedSpecs } from './helpers/shared.ts';
import { typecheck } from './helpers/typecheck.ts';

const work = join(projectRoot, 'test', '.work', 'emit-consumer');
const program = readFileSync(join(projectRoot, 'test', 'fixtures', 'emit', 'consumer-1.35.ts.txt'), 'utf8');

describe('a consumer of the 1.35 client', { skip: sharedSkip }, () => {
  before(async () => {
    const spec = sharedSpecs().v3.find((p) => p.includes('1.35'));
    assert.ok(spec, 'the 1.35 v3 spec');
    await generate({ specs: [spec], out: work });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('type-checks, every @ts-expect-error line included', () => {
    writeFileSync(join(work, 'consumer.ts'), program);
    assert.deepEqual(typecheck(work), []);
  });

  it('rejects each @ts-expect-error line on its own', () => {
    const lines = program.split('\n');
    const marked = lines.flatMap((l, i) => (l.trim().startsWith('// @ts-expect-error') ? [i + 1] : []));
    assert.ok(marked.length >= 8, 'the fixture keeps its negative cases');
    writeFileSync(join(work, 'consumer.ts'), lines.map((l) => (l.trim().startsWith('// @ts-expect-error') ? '' : l)).join('\n'));
    const errors = typecheck(work).filter((e) => e.includes('consumer.ts('));
    const failing = new Set(errors.map((e) => Number(/consumer\.ts\((\d+)\)/.exec(e)![1])));
    for (const line of marked) assert.ok(failing.has(line + 1), `line ${line + 1} compiles without its @ts-expect-error: ${lines[line]}`);
  });
});
