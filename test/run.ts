// The test command: `npm test` runs the fast tier, then the integration tier; `npm test -- --tier unit` (or
// `integration`) runs one, and `--area core,server` narrows either to those folders of test/. The fast tier is
// every `*.test.ts` that is not an `*.integration.test.ts`: no kubectl, no child processes, no TypeScript
// compiler, no shared data. The integration tier drives real kubectl and helm, the built CLI and server processes.
// Each tier ends with a summary line: files, tests by outcome, wall time.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from './helpers/shared.ts';
import { ensureTools } from './helpers/tools.ts';

const { values, tokens } = parseArgs({
  options: { tier: { type: 'string', default: 'all' }, area: { type: 'string' } },
  allowPositionals: true,
  strict: false,
  tokens: true,
});
// Everything else goes to `node --test` as typed (`--test-name-pattern=…`, `--test-reporter=spec`, files' flags).
const passed = tokens.flatMap((t) => {
  if (t.kind === 'positional') return [t.value];
  if (t.kind !== 'option' || t.name === 'tier' || t.name === 'area') return [];
  return [t.value === undefined ? t.rawName : `${t.rawName}=${t.value}`];
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

interface TierRun {
  name: string;
  files: number;
  /** The runner's closing counts: tests, pass, fail, cancelled, skipped, todo. */
  counts: Map<string, number>;
  seconds: number;
  ok: boolean;
}

/** Runs the files in one `node --test`, passing its report through and keeping its closing counts. */
function runFiles(name: string, chosen: string[], concurrency: number): Promise<TierRun> {
  // Through a pipe the runner would fall back to TAP; a person at a terminal keeps the readable report.
  const reporter =
    process.stdout.isTTY && !passed.some((a) => a.startsWith('--test-reporter')) ? ['--test-reporter=spec'] : [];
  const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...reporter, ...passed];
  args.push(...chosen.map((f) => relative(projectRoot, join(testRoot, f))));
  const started = performance.now();
  const env = reporter.length && !process.env.NO_COLOR ? { ...process.env, FORCE_COLOR: '1' } : process.env;
  const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['inherit', 'pipe', 'inherit'] });
  const counts = new Map<string, number>();
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      // `# pass 12` (TAP) or `ℹ pass 12` (spec), unindented: the run's own totals, not a test's diagnostics.
      const m = /^(?:#|ℹ) (tests|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
      if (m) counts.set(m[1]!, Number(m[2]));
    }
  });
  return new Promise((resolve) =>
    child.on('close', (code) =>
      resolve({ name, files: chosen.length, counts, seconds: (performance.now() - started) / 1000, ok: code === 0 }),
    ),
  );
}

function summary(run: TierRun): string {
  const n = (key: string) => run.counts.get(key) ?? 0;
  const outcomes = [
    `${n('pass')} passed`,
    `${n('fail')} failed`,
    ...(['skipped', 'cancelled', 'todo'] as const).filter((k) => n(k)).map((k) => `${n(k)} ${k}`),
  ];
  const verdict = run.ok ? 'ok' : 'FAILED';
  return `# ${run.name}: ${verdict}, ${run.files} file${run.files === 1 ? '' : 's'}, ${n('tests')} tests (${outcomes.join(', ')}) in ${run.seconds.toFixed(1)} s`;
}

const runs: TierRun[] = [];
for (const [name, integration] of [
  ['fast tier', false],
  ['integration tier', true],
] as const) {
  if (tier !== 'all' && tier !== (integration ? 'integration' : 'unit')) continue;
  const chosen = files.filter((f) => f.endsWith('.integration.test.ts') === integration);
  process.stdout.write(`\n# ${name}: ${chosen.length} files\n`);
  if (!chosen.length) continue;
  if (integration) {
    const missing = ensureTools();
    if (missing) process.stdout.write(`# kubectl and helm suites will skip: ${missing}\n`);
  }
  // Fast files are CPU-bound: one per core. Integration files wait on kubectl and servers, and are held to two.
  runs.push(await runFiles(name, chosen, integration ? 2 : Math.max(2, availableParallelism())));
}
process.stdout.write(`\n${runs.map(summary).join('\n')}\n`);
process.exit(runs.every((r) => r.ok) ? 0 : 1);
