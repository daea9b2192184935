// kubegen's cache: what makes a no-op fast without belonging in the output (which users may commit, and which must
// be the same bytes on every machine) — transpiled config files, and the size and time of each input file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { InputRecord } from '../../core/source/inputs/hash.js';

/** `node_modules/.cache/kubegen` of the nearest node_modules above `from`, else one in the OS temp folder. */
export function cacheDir(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'kubegen');
    if (dirname(dir) === dir) return join(tmpdir(), 'kubegen-cache');
  }
}

function inputsFile(outDir: string): string {
  const out = resolve(outDir);
  return join(cacheDir(dirname(out)), `inputs-${createHash('sha256').update(out).digest('hex').slice(0, 32)}.json`);
}

/** The input records of the last build into `outDir` (none when there is no cache). */
export function readInputCache(outDir: string): Record<string, InputRecord> | undefined {
  try {
    return JSON.parse(readFileSync(inputsFile(outDir), 'utf8')) as Record<string, InputRecord>;
  } catch {
    return undefined;
  }
}

/** Records the inputs of a build; a cache that cannot be written only costs speed. */
export function writeInputCache(outDir: string, records: Record<string, InputRecord>): void {
  const file = inputsFile(outDir);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(records));
  } catch {
    // read-only tree: the next no-op hashes the inputs again
  }
}
