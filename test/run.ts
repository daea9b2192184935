// The test command: `npm test` runs the fast tier, then the integration tier; `npm test -- --tier unit` (or
// `integration`) runs one, and `--area core,server` narrows either to those folders of test/. The fast tier is
// every `*.test.ts` that is not an `*.integration.test.ts`: no kubectl, no child processes, seconds per file.
// The integration tier drives real kubectl and helm, the built CLI and server processes.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from './helpers/shared.ts';
import { ensureTools } from './helpers/tools.ts';

const { values, positionals } = parseArgs({
  options: { tier: { type: 'string', default: 'all' }, area: { type: 'string' } },
  allowPositionals: true,
  strict: false,
});
const tier = String(values.tier);
if (!['all', 'unit', 'integration'].includes(tier)) {
  process.stderr.write(`test: --tier ${tier}: expected unit, integration or all\n`);
  process.exit(2);
}
const areas = typeof values.area === 'string' ? values.area.split(',') : undefined;
const testRoot = join(projectRoot, 'test');
const files = (readdirSync(testRoot, { recursive: true }) as string[])
  .map((f) => f.split('\\').join('/'))
  .filter((f) => f.endsWith('.test.ts') && !f.startsWith('fixtures/'))
  .filter((f) => !areas || areas.some((a) => f === a || f.startsWith(`${a}/`)))
  .sort();

let failed = false;
for (const [name, integration] of [
  ['unit', false],
  ['integration', true],
] as const) {
  if (tier !== 'all' && tier !== name) continue;
  const chosen = files.filter((f) => f.endsWith('.integration.test.ts') === integration);
  process.stdout.write(`\n# ${integration ? 'integration tier' : 'fast tier'}: ${chosen.length} files\n`);
  if (!chosen.length) continue;
  if (integration) {
    const missing = ensureTools();
    if (missing) process.stdout.write(`# kubectl and helm suites will skip: ${missing}\n`);
  }
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    ...positionals,
    ...chosen.map((f) => relative(projectRoot, join(testRoot, f))),
  ];
  const run = spawnSync(process.execPath, args, { cwd: projectRoot, stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
