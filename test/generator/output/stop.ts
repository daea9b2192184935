// Stopping a write dead, as a kill would: the writer runs in a worker thread that ends at a chosen step (or at a
// random moment) without running any catch or finally block. The writer is transpiled to plain JavaScript once, so
// a worker starts in milliseconds (by esbuild, which loads in a fraction of the time the TypeScript compiler does).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { transformSync } from 'esbuild';
import { projectRoot } from '../../helpers/shared.ts';

const pipeline = join(projectRoot, 'generator', 'pipeline');

/** The writer (`write.ts` and `output/`) as JavaScript in `into`; returns the URL of `write.js`. */
export function transpileWriter(into: string): string {
  const sources = ['write.ts', ...readdirSync(join(pipeline, 'output')).map((f) => `output/${f}`)];
  mkdirSync(join(into, 'output'), { recursive: true });
  writeFileSync(join(into, 'package.json'), '{ "type": "module" }\n');
  for (const file of sources.filter((f) => f.endsWith('.ts'))) {
    const { code } = transformSync(readFileSync(join(pipeline, file), 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
    });
    writeFileSync(join(into, file.replace(/\.ts$/, '.js')), code);
  }
  return pathToFileURL(join(into, 'write.js')).href;
}

export interface Stop {
  /** Stop dead after this step (1-based). */
  stopAt?: number;
  /** Throw after this step, so that the writer rolls back (and may be stopped during that). */
  failAt?: number;
}

export interface StopResult {
  /** The write ran to its end (it returned or threw) instead of being stopped. */
  finished: boolean;
  /** Steps taken before the end or the stop. */
  steps: number;
  error?: string;
}

const once = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { writeOutput } = await import(workerData.writer);
  const counter = new Int32Array(workerData.counter);
  let steps = 0;
  const afterStep = () => {
    Atomics.store(counter, 0, ++steps);
    if (steps === workerData.stopAt) process.exit(0);
    if (steps === workerData.failAt) throw new Error('injected failure');
  };
  let error;
  try {
    writeOutput(workerData.out, new Map(workerData.files), { afterStep });
  } catch (err) {
    error = err.message;
  }
  parentPort.postMessage({ finished: true, steps, error });
})();
`;

/** Writes `files` into `out` in a worker, stopping it as `stop` says. */
export function writeInWorker(
  writer: string,
  out: string,
  files: Map<string, string>,
  stop: Stop = {},
): Promise<StopResult> {
  const counter = new SharedArrayBuffer(4);
  const worker = new Worker(once, {
    eval: true,
    execArgv: [],
    workerData: { writer, out, files: [...files], counter, ...stop },
  });
  let ended: { error?: string } | undefined;
  worker.on('message', (m: { error?: string }) => {
    ended = m;
  });
  return new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', () => {
      const steps = Atomics.load(new Int32Array(counter), 0);
      resolve({ finished: !!ended, steps, ...(ended?.error ? { error: ended.error } : {}) });
    });
  });
}

const loop = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { writeOutput } = await import(workerData.writer);
  parentPort.postMessage('started');
  for (let i = 0; ; i++) writeOutput(workerData.out, new Map(workerData.outputs[i % workerData.outputs.length]));
})();
`;

/** Writes the outputs in turn, over and over, and terminates the worker `afterMs` after it started writing. */
export function writeUntilTerminated(
  writer: string,
  out: string,
  outputs: Map<string, string>[],
  afterMs: number,
): Promise<void> {
  const worker = new Worker(loop, {
    eval: true,
    execArgv: [],
    workerData: { writer, out, outputs: outputs.map((o) => [...o]) },
  });
  return new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', () => setTimeout(() => void worker.terminate(), afterMs));
    worker.on('exit', () => resolve());
  });
}
