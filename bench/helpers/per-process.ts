// Runs the per-process runtime benchmarks: the generated core/v1 client and client-process.ts compiled to plain
// JavaScript once (children run on bare node, without a TypeScript loader), then one child process per client per
// round, the order rotating from round to round.
import { execFile } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { generateCoreV1, workDir } from './clients.ts';
import type { ChildResult, ChildTask } from './client-process.ts';
import { median } from './measure.ts';

export interface Compiled {
  /** The folder the generated client was compiled to, one .js file per generated .ts file. */
  generated: string;
  /** The compiled client-process.ts. */
  child: string;
  remove(): void;
}

/** Generates core/v1 from the shared 1.35 spec, and compiles it and the child script, into bench/.work. */
export async function compileClients(): Promise<Compiled> {
  const dir = join(workDir, `proc-${process.pid}`);
  const src = join(dir, 'src');
  await generateCoreV1(src);
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const generated = join(dir, 'generated');
  // One module per file, as tsc would emit them: what an application that generated its client imports.
  await build({ entryPoints: files.map((f) => join(src, f)), outdir: generated, format: 'esm', logLevel: 'error' });
  const childDir = join(dir, 'child');
  await build({
    entryPoints: [fileURLToPath(new URL('./client-process.ts', import.meta.url))],
    outdir: childDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'error',
  });
  return {
    generated,
    child: join(childDir, 'client-process.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const run = promisify(execFile);

/** One child: a fresh node process (no flags) that runs `task` and reports. */
export async function runChild(compiled: Compiled, task: Omit<ChildTask, 'coreV1'>): Promise<ChildResult> {
  const full: ChildTask = { ...task, coreV1: pathToFileURL(join(compiled.generated, 'core', 'v1.js')).href };
  const { stdout } = await run(process.execPath, [compiled.child, JSON.stringify(full)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
}

/** `rounds` rounds of one child per mode, the order rotating; the results per mode, in round order. */
export async function inRounds<M, R>(
  modes: readonly M[],
  rounds: number,
  one: (mode: M) => Promise<R>,
): Promise<Map<M, R[]>> {
  const out = new Map<M, R[]>(modes.map((m) => [m, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < modes.length; k++) {
      const mode = modes[(r + k) % modes.length]!;
      out.get(mode)!.push(await one(mode));
    }
  }
  return out;
}

/** `median (min–max)` of a list of ratios or values. */
export function spread(xs: readonly number[], digits = 2, unit = '×'): string {
  const f = (x: number) => `${x.toFixed(digits)}${unit}`;
  return `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
}

/** Per round, a[r] / b[r]. */
export const perRound = (a: readonly number[], b: readonly number[]): number[] => a.map((x, r) => x / b[r]!);

/**
 * Whether the medians of the per-round ratios meet a target on each clock. On a busy machine the wall clock is mostly
 * the scheduler's; CPU time is the process's own work, so both are shown.
 */
export function verdict(wall: readonly number[], cpu: readonly number[], target: number, atMost: boolean): string {
  const ok = (xs: readonly number[]) => ((atMost ? median(xs) <= target : median(xs) >= target) ? 'MET' : 'MISSED');
  return `target ${atMost ? '≤' : '≥'} ${target.toFixed(2)}×: wall ${ok(wall)}, cpu ${ok(cpu)}`;
}
