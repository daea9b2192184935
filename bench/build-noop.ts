// An unchanged regeneration, as a build script runs it: the built CLI, a fresh process each time, against output
// that is already current. Prints the median of several runs next to a full generation, for spec files, CRD
// manifests and a cluster (the in-memory API server), and whether the no-op stays under its 300 ms budget.
//   npm run build && npx tsx bench/build-noop.ts [RUNS]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { startApiServer } from '../server/index.ts';
import { projectRoot, sharedPath } from '../test/helpers/shared.ts';
import { sharedSpecPaths } from '../test/helpers/server.ts';

const runs = Number(process.argv[2] ?? 9);
const budgetMs = 300;
const cli = join(projectRoot, 'dist', 'cli', 'main.js');
const work = join(projectRoot, 'test', '.work', `bench-noop-${process.pid}`);

// Asynchronous: the API server runs in this process and must keep answering while the CLI runs.
const run = promisify(execFile);

async function timed(args: string[]): Promise<{ ms: number; stdout: string }> {
  const start = performance.now();
  const { stdout } = await run(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 16 << 20 });
  return { ms: performance.now() - start, stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(name: string, args: string[], base: number): Promise<boolean> {
  const out = join(work, name.replace(/\W+/g, '-'));
  const full = (await timed(['generate', ...args, '--out', out, '--force'])).ms;
  // Settles the stamp when kubegen itself was rebuilt meanwhile (its code is part of the stamp): not timed.
  await timed(['generate', ...args, '--out', out]);
  const noops: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await timed(['generate', ...args, '--out', out]);
    if (!/is up to date/.test(r.stdout)) throw new Error(`${name}: the regeneration was not a no-op: ${r.stdout}`);
    noops.push(r.ms);
  }
  const noop = median(noops);
  const ok = noop < budgetMs;
  console.log(
    `${name.padEnd(22)} full ${full.toFixed(0).padStart(6)} ms   no-op ${noop.toFixed(0).padStart(4)} ms (median of ${runs}; ${(noop - base).toFixed(0)} ms over --version)   ${(full / noop).toFixed(1).padStart(5)}x faster   ${ok ? 'within' : 'OVER'} ${budgetMs} ms`,
  );
  return ok;
}

mkdirSync(work, { recursive: true });
const baseline: number[] = [];
for (let i = 0; i < runs; i++) {
  baseline.push((await timed(['--version'])).ms);
}
const base = median(baseline);
console.log(`kubegen --version      ${base.toFixed(0)} ms (process start and command registration, for reference)`);
const crds = sharedPath('crds');
const api = await startApiServer({
  specs: sharedSpecPaths(),
  crds: globSync('cert-manager/*.yaml', { cwd: crds, absolute: true }),
});
let ok = true;
try {
  ok = (await measure('spec 1.35 (v3 folder)', ['--spec', sharedPath('specs', 'v3', 'kubernetes-1.35')], base)) && ok;
  ok = (await measure('every shared CRD', ['--crd', crds], base)) && ok;
  ok = (await measure('cluster (--server)', ['--server', api.url], base)) && ok;
} finally {
  await api.stop();
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
