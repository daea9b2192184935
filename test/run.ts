// The test command: `npm test` runs the fast tier, then the integration tier; `npm test -- --tier unit` (or
// `integration`) runs one, `--area core,server` narrows either to those folders of test/, and files named on the
// command line narrow it to them. The fast tier is every `*.test.ts` that is not an `*.integration.test.ts`: no
// kubectl, no servers in other processes, no shared data. Its files run a share per core, each share in one
// process that imports its files in turn (node:test queues their tests one file after another), so node, tsx and
// the generator's dependencies load once per core rather than once per file; a fast test file therefore leaves
// the process as it found it (working folder, environment, listeners). The integration tier drives real kubectl
// and helm, the built CLI and server processes, one process per file. Test processes get a cache folder of their
// own, removed at the end, so that nothing the suites generate lands in the user's cache. Each tier ends with a
// summary line: files, tests by outcome, wall time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from './helpers/shared.ts';
import { ensureTools, testToolsHome } from './helpers/tools.ts';

const { values, tokens } = parseArgs({
  options: { tier: { type: 'string', default: 'all' }, area: { type: 'string' } },
  allowPositionals: true,
  strict: false,
  tokens: true,
});
// Other options go to node as typed (`--test-name-pattern=…`, `--test-reporter=spec`, `--test-only`).
const passed = tokens.flatMap((t) => {
  if (t.kind !== 'option' || t.name === 'tier' || t.name === 'area') return [];
  return [t.value === undefined ? t.rawName : `${t.rawName}=${t.value}`];
});
const named = new Set(tokens.flatMap((t) => (t.kind === 'positional' ? [resolve(t.value)] : [])));
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
  .filter((f) => !named.size || named.has(join(testRoot, f)))
  .sort();

// The test processes' own cache folder; the tools the tests fetch stay in the user's, fetched once per machine.
const cacheHome = mkdtempSync(join(tmpdir(), 'kubegen-test-cache-'));
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  XDG_CACHE_HOME: cacheHome,
  KUBEGEN_TEST_TOOLS_HOME: testToolsHome,
};
// Through a pipe node:test would fall back to TAP; a person at a terminal keeps the readable report.
const reporter =
  process.stdout.isTTY && !passed.some((a) => a.startsWith('--test-reporter')) ? ['--test-reporter=spec'] : [];
if (reporter.length && !process.env.NO_COLOR) childEnv.FORCE_COLOR = '1';
process.on('exit', () => rmSync(cacheHome, { recursive: true, force: true }));
// Ctrl-C reaches the test processes too; the runner leaves after removing the cache folder.
process.once('SIGINT', () => process.exit(130));

interface TierRun {
  name: string;
  files: number;
  /** The runner's closing counts: tests, pass, fail, cancelled, skipped, todo. */
  counts: Map<string, number>;
  seconds: number;
  ok: boolean;
}

/** A process's closing counts and exit. */
interface ProcessRun {
  counts: Map<string, number>;
  ok: boolean;
}

/**
 * Runs node with these arguments, keeping its closing counts. Its report is passed on as it comes (`live`) or, when
 * other processes of the tier write at the same time, whole at its end, so that reports never interleave.
 */
function runNode(args: string[], live: boolean): Promise<ProcessRun> {
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: childEnv,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  const counts = new Map<string, number>();
  const held: Buffer[] = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (live) process.stdout.write(chunk);
    else held.push(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      // `# pass 12` (TAP) or `ℹ pass 12` (spec), unindented: the run's own totals, not a test's diagnostics.
      const m = /^(?:#|ℹ) (tests|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
      if (m) counts.set(m[1]!, Number(m[2]));
    }
  });
  return new Promise((done) =>
    child.on('close', (code) => {
      if (!live) process.stdout.write(Buffer.concat(held));
      done({ counts, ok: code === 0 });
    }),
  );
}

const testPath = (f: string) => relative(projectRoot, join(testRoot, f));

/** Integration files: one `node --test`, a process per file, two at a time (they wait on kubectl and servers). */
function runIsolated(chosen: string[]): Promise<ProcessRun> {
  const args = ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporter, ...passed, ...chosen.map(testPath)];
  return runNode(args, true);
}

/** Fast files: a share per core (every n-th file of the sorted list), each share in one process, in turn. */
async function runShared(chosen: string[]): Promise<ProcessRun> {
  const n = Math.min(chosen.length, Math.max(2, availableParallelism()));
  const shares = Array.from({ length: n }, (_, i) => chosen.filter((_, j) => j % n === i));
  const entry = relative(projectRoot, join(testRoot, 'helpers', 'import-files.ts'));
  const runs = await Promise.all(
    shares.map((share) => runNode(['--import', 'tsx', ...reporter, ...passed, entry, ...share.map(testPath)], false)),
  );
  const counts = new Map<string, number>();
  for (const run of runs) for (const [k, v] of run.counts) counts.set(k, (counts.get(k) ?? 0) + v);
  return { counts, ok: runs.every((r) => r.ok) };
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
  const started = performance.now();
  const run = await (integration ? runIsolated(chosen) : runShared(chosen));
  runs.push({ name, files: chosen.length, ...run, seconds: (performance.now() - started) / 1000 });
}
process.stdout.write(`\n${runs.map(summary).join('\n')}\n`);
process.exit(runs.every((r) => r.ok) ? 0 : 1);
