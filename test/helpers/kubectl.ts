// The real kubectl 1.35 and helm 4 of the integration tier (see tools.ts: fetched once into the user's cache).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmPath, kubectlPath } from './tools.ts';

export { helmPath, kubectlPath } from './tools.ts';

export const kubectlSkip: string | false = existsSync(kubectlPath)
  ? false
  : `kubectl not found at ${kubectlPath}: "npm test" fetches it (set KUBEGEN_TEST_TOOLS to a folder holding kubectl and helm)`;

export const helmSkip: string | false = existsSync(helmPath)
  ? false
  : `helm not found at ${helmPath}: "npm test" fetches it (set KUBEGEN_TEST_TOOLS to a folder holding kubectl and helm)`;

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

let home: string | undefined;

/**
 * The environment kubectl runs in: a HOME of its own (made once per test process, removed when it exits), so that
 * no user config leaks in and kubectl's discovery cache lands nowhere else.
 */
export function kubectlEnv(extra: Record<string, string> = {}): Record<string, string> {
  if (!home) {
    const dir = mkdtempSync(join(tmpdir(), 'kubegen-kubectl-home-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    home = dir;
  }
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...extra };
}

interface RunOptions {
  kubeconfig?: string;
  input?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
}

/** Runs kubectl in `kubectlEnv()`; never throws on a non-zero exit. */
export function kubectl(args: string[], opts: RunOptions = {}): Promise<KubectlResult> {
  return run(kubectlPath, args, opts);
}

/** Runs helm in the same environment as kubectl; never throws on a non-zero exit. */
export function helm(args: string[], opts: RunOptions = {}): Promise<KubectlResult> {
  return run(helmPath, args, opts);
}

function run(binary: string, args: string[], opts: RunOptions): Promise<KubectlResult> {
  return new Promise((resolvePromise) => {
    const env = kubectlEnv(opts.env);
    if (opts.kubeconfig) env.KUBECONFIG = opts.kubeconfig;
    const child = execFile(
      binary,
      args,
      { env, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : 1
          : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
