// Acceptance 3: a program written against the generated 1.35 client type-checks, and what must not compile
// does not (`@ts-expect-error` lines, checked both ways so that loose types cannot pass unnoticed).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../generator/pipeline/generate.ts';
import { projectRoot, sharedSkip, sharedSpecs } from '../helpers/shared.ts';
import { expectErrorsBothWays } from '../helpers/expect-errors.ts';

const work = join(projectRoot, 'test', '.work', 'emit-consumer');
const program = readFileSync(join(projectRoot, 'test', 'fixtures', 'emit', 'consumer-1.35.ts.txt'), 'utf8');

describe('a consumer of the 1.35 client', { skip: sharedSkip }, () => {
  before(async () => {
    const spec = sharedSpecs().v3.find((p) => p.includes('1.35'));
    assert.ok(spec, 'the 1.35 v3 spec');
    await generate({ specs: [spec], out: work });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('type-checks, every @ts-expect-error line included, and each of those lines fails without its marker', () => {
    const result = expectErrorsBothWays(work, 'consumer.ts', program);
    assert.deepEqual(result.errors, []);
    assert.ok(result.marked >= 8, 'the fixture keeps its negative cases');
    assert.deepEqual(result.loose, [], 'lines that compile without their @ts-expect-error');
  });
});
