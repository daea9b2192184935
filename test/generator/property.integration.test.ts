// The generator's properties (see property.test.ts) over 1,000 random inputs, compiled as one program.
import { after, it } from 'node:test';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { assertRandomBatch } from '../helpers/property-check.ts';
import { projectRoot } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', `property-1000-${process.pid}`);
after(() => rmSync(work, { recursive: true, force: true }));

it('1,000 random inputs: refused in one line or generated inside --out, compiling and loading without side effects', async (t) => {
  await assertRandomBatch(t, 1000, work);
});
