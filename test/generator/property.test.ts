// The generator's properties over 100 random inputs (hostile names, random and recursive schemas, path-like groups
// and versions): each generates or is refused in one line, and nothing lands outside --out. That the output
// compiles and loads without side effects takes the TypeScript compiler: property.integration.test.ts checks every
// property over 1,000.
import { after, it } from 'node:test';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { assertRandomBatch } from '../helpers/property-check.ts';
import { projectRoot } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', `property-${process.pid}`);
after(() => rmSync(work, { recursive: true, force: true }));

it('100 random inputs: refused in one line or generated inside --out', async (t) => {
  await assertRandomBatch(t, 100, work, { compile: false });
});
