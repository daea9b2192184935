// Runs the built `kubegen` binary as a user would, asynchronously: tests that also run the in-memory API server
// in this process must not block its event loop while the CLI talks to it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './shared.ts';

export const cliPath = join(projectRoot, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return runNode([cliPath, ...args], options);
}

/** Runs `node ARGS` (a script, or `--import tsx file.ts`), collecting its output; kills it after the timeout. */
export function runNode(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return runCommand(process.execPath, args, { ...options, env: { ...process.env, NO_COLOR: '1', ...options.env } });
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs `command ARGS` in exactly `env` (default: ours), collecting its output; kills it after the timeout. */
export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<CliResult> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd ?? projectRoot,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}
