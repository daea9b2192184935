// The generator's properties over a batch of random inputs (random-specs.ts): each input either generates or is
// refused with one clean line, leaving nothing behind; nothing is ever written outside its --out; everything
// generated compiles under --strict (one TypeScript program for the whole batch, which is what keeps 1,000 cases
// fast); and every generated module, compiled to JavaScript, loads in a fresh worker without printing, writing,
// touching globals or leaving a timer or socket behind.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import ts from 'typescript';
import { runBuild } from '../../generator/pipeline/run.ts';
import { randomCase, type RandomCase } from './random-specs.ts';
import { strictOptions } from './typecheck.ts';

export interface BatchResult {
  seed: number;
  cases: number;
  generated: number;
  refused: number;
  /** Each broken property, naming the case (its input is kept in `inputs/` for a rerun). */
  failures: string[];
  ms: { generate: number; compile: number; load: number };
  /** CPU time of each stage (all threads), which a busy machine does not inflate as it does wall time. */
  cpuMs: { generate: number; compile: number; load: number };
}

/** Errors that mean kubegen itself broke rather than refused an input. */
const CRASH =
  /Cannot read propert|is not a function|is not iterable|Maximum call stack|undefined \(reading|Unexpected token/;

/** `compile: false` checks the generate stage alone (the fast tier); the compile and load stages take TypeScript. */
export interface BatchStages {
  compile: boolean;
}

export async function checkRandomBatch(
  count: number,
  work: string,
  seed: number,
  stages: BatchStages = { compile: true },
): Promise<BatchResult> {
  rmSync(work, { recursive: true, force: true });
  const inputs = join(work, 'inputs');
  // Deep enough that `../../escape` from an output folder still lands inside `work`, where the walk below sees it.
  const outs = join(work, 'deep', 'a', 'b', 'out');
  mkdirSync(inputs, { recursive: true });
  mkdirSync(outs, { recursive: true });
  const outside = join(work, 'escaped');
  const cases = fc.sample(randomCase(outside), { numRuns: count, seed });
  const result: BatchResult = {
    seed,
    cases: count,
    generated: 0,
    refused: 0,
    failures: [],
    ms: { generate: 0, compile: 0, load: 0 },
    cpuMs: { generate: 0, compile: 0, load: 0 },
  };
  let t = performance.now();
  let cpu = process.cpuUsage();
  const lap = (stage: 'generate' | 'compile' | 'load') => {
    result.ms[stage] = Math.round(performance.now() - t);
    const used = process.cpuUsage(cpu);
    result.cpuMs[stage] = Math.round((used.user + used.system) / 1000);
    t = performance.now();
    cpu = process.cpuUsage();
  };
  const written: string[] = [];
  for (const [i, c] of cases.entries()) {
    const out = join(outs, `case-${i}`);
    if (await generateCase(c, join(inputs, `case-${i}.json`), out, (f) => result.failures.push(`case ${i}: ${f}`)))
      written.push(out);
  }
  result.generated = written.length;
  result.refused = count - written.length;
  for (const file of walk(work)) {
    const inside = file.startsWith(inputs + sep) || written.some((out) => file.startsWith(out + sep));
    if (!inside) result.failures.push(`written outside every --out: ${relative(work, file)}`);
  }
  lap('generate');
  if (!stages.compile) return result;
  const js = join(work, 'js');
  result.failures.push(...compile(outs, js));
  lap('compile');
  if (existsSync(js)) result.failures.push(...(await loadInWorker(walk(js).filter((f) => f.endsWith('.js')))));
  lap('load');
  return result;
}

/** True when written; a refusal must be one clean line and leave no output folder behind. */
async function generateCase(c: RandomCase, input: string, out: string, fail: (why: string) => void): Promise<boolean> {
  writeFileSync(input, JSON.stringify(c.document, null, 1));
  try {
    const built = await runBuild({ [c.source]: [input], out, stamp: false });
    if (built.status !== 'written') fail(`a forced build ended ${built.status}`);
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!(err instanceof Error) || !['Error', 'SpecError', 'CrdError', 'SchemaError'].includes(err.name))
      fail(`threw ${String(err)}`);
    else if (message.includes('\n')) fail(`a refusal of more than one line: ${JSON.stringify(message)}`);
    else if (CRASH.test(message)) fail(`crashed: ${message}`);
    if (existsSync(out) && walk(out).length) fail(`refused (${message}) but left files in --out`);
    return false;
  }
}

/** One program over every case's output: its diagnostics, then its JavaScript written to `js`. */
function compile(root: string, js: string): string[] {
  const rootNames = walk(root).filter((f) => f.endsWith('.ts'));
  if (!rootNames.length) return [];
  const options = { ...strictOptions, noEmit: false, outDir: js, rootDir: root, declaration: false };
  const program = ts.createProgram({ rootNames, options });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${relative(root, d.file.fileName)}(${d.file.getLineAndCharacterOfPosition(d.start).line + 1})`
        : '';
    return `does not compile: ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
  if (!diagnostics.length) program.emit();
  return diagnostics;
}

/** What loading the modules did besides defining them: output, file writes, new globals, timers or sockets. */
async function loadInWorker(files: string[]): Promise<string[]> {
  const worker = new Worker(WORKER, {
    eval: true,
    stdout: true,
    stderr: true,
    workerData: { runtime: import.meta.resolve('@kubegen/runtime'), files: files.map((f) => pathToFileURL(f).href) },
  });
  let printed = '';
  worker.stdout.on('data', (chunk) => (printed += chunk));
  worker.stderr.on('data', (chunk) => (printed += chunk));
  const report = await new Promise<string[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return [...report, ...(printed ? [`printed while loading: ${JSON.stringify(printed.slice(0, 300))}`] : [])];
}

// CommonJS, so that the fs functions are patched before any generated module is imported.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const problems = [];
const writers = ['writeFileSync', 'appendFileSync', 'mkdirSync', 'rmSync', 'unlinkSync', 'renameSync', 'symlinkSync',
  'copyFileSync', 'cpSync', 'openSync', 'writeFile', 'appendFile', 'mkdir', 'rm', 'unlink', 'rename', 'open'];
const spy = (target, name, label) => {
  const original = target[name];
  target[name] = (...args) => {
    problems.push('wrote while loading: ' + label + ' ' + String(args[0]));
    return original(...args);
  };
};
for (const name of writers) spy(fs, name, name);
for (const name of ['writeFile', 'appendFile', 'mkdir', 'rm', 'unlink', 'rename', 'open'])
  spy(fs.promises, name, 'promises.' + name);
syncBuiltinESMExports();
const shared = [globalThis, Object.prototype, Array.prototype, Function.prototype, String.prototype, Promise.prototype];
const shape = () => shared.map((o) => Reflect.ownKeys(o).map(String).sort().join(','));
(async () => {
  // The runtime is what every module imports: loaded first, so that only the generated code is judged.
  await import(workerData.runtime);
  const before = shape();
  const resources = process.getActiveResourcesInfo().length;
  for (const url of workerData.files) {
    try {
      await import(url);
    } catch (err) {
      problems.push('does not load: ' + url + ': ' + (err && err.message));
    }
  }
  const after = shape();
  if (after.join('|') !== before.join('|')) problems.push('globals changed while loading');
  await new Promise((r) => setImmediate(r));
  const left = process.getActiveResourcesInfo().length - resources;
  if (left > 0)
    problems.push(left + ' timer(s) or handle(s) left by loading: ' + process.getActiveResourcesInfo().join(', '));
  parentPort.postMessage(problems);
})();
`;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? walk(path) : [path];
  });
}

/**
 * Runs a batch and fails naming every broken property, the seed that reproduces it (`KUBEGEN_PROPERTY_SEED`) and
 * where the inputs are kept; a passing run reports its counts and times as a diagnostic.
 */
export async function assertRandomBatch(
  t: { diagnostic(message: string): void },
  count: number,
  work: string,
  stages?: BatchStages,
) {
  const seed = Number(process.env.KUBEGEN_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const r = await checkRandomBatch(count, work, seed, stages);
  const summary =
    `seed ${seed}: ${r.generated} generated, ${r.refused} refused; ` +
    `generate ${r.ms.generate} ms (cpu ${r.cpuMs.generate}), compile ${r.ms.compile} ms (cpu ${r.cpuMs.compile}), ` +
    `load ${r.ms.load} ms (cpu ${r.cpuMs.load})`;
  t.diagnostic(summary);
  if (r.failures.length) {
    const kept = join(work, '..', `property-failed-${seed}`);
    rmSync(kept, { recursive: true, force: true });
    renameSync(work, kept);
    throw new Error(`${summary}\n${r.failures.slice(0, 20).join('\n')}\ninputs kept in ${kept}`);
  }
}
