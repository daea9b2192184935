// Runs the built kubegen CLI as a build script would, and snapshots output folders to prove what changed.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './shared.ts';

export const cli = join(projectRoot, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node dist/cli/main.js ARGS` with stdout not a terminal; never rejects. */
export function kubegen(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      {
        cwd: options.cwd ?? projectRoot,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 16 << 20,
        ...(options.env ? { env: options.env } : {}),
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Every file under a folder (relative path → content), for before/after comparisons. */
export function snapshot(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of snapshot(dir, path)) out.set(k, v);
    else out.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The generated files without the build's own records and the cluster-version header line. */
export function generatedCode(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of snapshot(dir)) {
    if (path.startsWith('.kubegen-')) continue;
    out.set(path, text.replace(/^\/\/ Read from a cluster serving Kubernetes [^\n]*\n/m, ''));
  }
  return out;
}
