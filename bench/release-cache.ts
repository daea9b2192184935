// A full generation of Kubernetes 1.35 from its published documents in the user cache (`--kubernetes 1.35`, with
// the mirror stopped, so nothing but the cache is read) side by side with the same generation from the shared v3
// folder (`--spec`), each run in its own process through the built CLI, the order alternating from round to
// round. Also: the first run, which fetches the release from a loopback mirror, and the no-op rerun from the lock.
// Prints medians of wall time and of the CLI processes' CPU time, and the per-round ratio cache / files.
//   npm run build && npx tsx bench/release-cache.ts [RUNS]
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sharedRelease, sharedReleaseSpecs, startReleaseMirror } from '../test/helpers/release-mirror.ts';
import { projectRoot } from '../test/helpers/shared.ts';

const runs = Number(process.argv[2] ?? 5);
const cli = join(projectRoot, 'dist', 'cli', 'main.js');
const work = join(projectRoot, 'bench', '.work', `release-cache-${process.pid}`);
const run = promisify(execFile);
const ticksPerSecond = 100;

/** CPU time of this process's finished children (Linux /proc: cutime + cstime), in ms; NaN elsewhere. */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}

interface Timing {
  ms: number;
  cpu: number;
  stdout: string;
}

async function timed(args: string[], env: NodeJS.ProcessEnv): Promise<Timing> {
  const cpu = childrenCpuMs();
  const start = performance.now();
  const { stdout } = await run(process.execPath, [cli, 'generate', ...args], { cwd: work, env, maxBuffer: 16 << 20 });
  return { ms: performance.now() - start, cpu: childrenCpuMs() - cpu, stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

mkdirSync(work, { recursive: true });
const mirror = await startReleaseMirror({ 'v1.35.0': sharedRelease('1.35') });
const env = { ...process.env, XDG_CACHE_HOME: join(work, 'cache'), KUBEGEN_KUBERNETES_SPECS: mirror.url };
try {
  const fromCache = ['--kubernetes', '1.35', '--out', join(work, 'release'), '--force'];
  const fromFiles = ['--spec', sharedReleaseSpecs('1.35').spec, '--out', join(work, 'files'), '--force'];
  const first = await timed(fromCache, env);
  console.log(
    `first run, fetched from a loopback mirror: ${first.ms.toFixed(0)} ms wall, ${first.cpu.toFixed(0)} ms CPU`,
  );
  await mirror.stop();
  const cases = { cache: [] as Timing[], files: [] as Timing[] };
  for (let round = 0; round <= runs; round++) {
    const order = round % 2 ? (['files', 'cache'] as const) : (['cache', 'files'] as const);
    for (const name of order) {
      const t = await timed(name === 'cache' ? fromCache : fromFiles, env);
      if (name === 'cache' && !/from the cache/.test(t.stdout)) throw new Error(`not read from the cache: ${t.stdout}`);
      if (round > 0) cases[name].push(t); // round 0 warms the disk cache
    }
  }
  for (const [name, ts] of Object.entries(cases)) {
    const ms = ts.map((t) => t.ms);
    const cpu = ts.map((t) => t.cpu);
    console.log(
      `${name === 'cache' ? '--kubernetes 1.35 (from cache)' : '--spec v3/kubernetes-1.35     '}  wall ${median(ms).toFixed(0).padStart(6)} ms (${spread(ms)})   CPU ${median(cpu).toFixed(0).padStart(6)} ms (${spread(cpu)})`,
    );
  }
  const ratio = (pick: (t: Timing) => number) =>
    median(cases.cache.map((c, i) => pick(c) / pick(cases.files[i]!))).toFixed(2);
  console.log(`cache / files, median of ${runs} rounds: wall ${ratio((t) => t.ms)}x, CPU ${ratio((t) => t.cpu)}x`);
  const noop = await timed(fromCache.slice(0, -1), env);
  console.log(`no-op rerun from the lock (no network, no cache read): ${noop.ms.toFixed(0)} ms wall`);
} finally {
  await mirror.stop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}
