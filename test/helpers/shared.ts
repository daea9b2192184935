// Finds the third-party data folder `shared/` beside the project root (or $KUBEGEN_SHARED).
// Tests read real specs and CRDs from it; when it is absent they skip with a clear message.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const candidate = process.env.KUBEGEN_SHARED ?? join(projectRoot, '..', 'shared');

/** Absolute path of the shared data folder, or undefined when it is not there. */
export const sharedDir: string | undefined = existsSync(join(candidate, 'specs')) ? candidate : undefined;

/** For `describe(name, { skip: sharedSkip }, …)`: false when the data is there, else the reason. */
export const sharedSkip: string | false = sharedDir
  ? false
  : `shared test data not found at ${candidate} (set KUBEGEN_SHARED to its folder)`;

/** Path of something inside the shared folder; throws when absent (guard the test with `sharedSkip`). */
export function sharedPath(...parts: string[]): string {
  if (!sharedDir) throw new Error(String(sharedSkip));
  return join(sharedDir, ...parts);
}

/** The shared v2 spec files and v3 spec folders, sorted by Kubernetes minor version. */
export function sharedSpecs(): { v2: string[]; v3: string[] } {
  if (!sharedDir) return { v2: [], v3: [] };
  const byMinor = (a: string, b: string) => minor(a) - minor(b);
  const v2 = readdirSync(join(sharedDir, 'specs', 'v2'))
    .filter((f) => f.endsWith('.json'))
    .sort(byMinor);
  const v3 = readdirSync(join(sharedDir, 'specs', 'v3')).sort(byMinor);
  return {
    v2: v2.map((f) => join(sharedDir!, 'specs', 'v2', f)),
    v3: v3.map((d) => join(sharedDir!, 'specs', 'v3', d)),
  };
}

function minor(name: string): number {
  const m = /1\.(\d+)/.exec(name);
  return m ? Number(m[1]) : 0;
}
