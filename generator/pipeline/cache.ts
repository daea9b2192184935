// kubegen's cache: what makes a no-op fast without belonging in the output (which users may commit, and which must
// be the same bytes on every machine) — transpiled config files, and the size and time of each input and output file.
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

function recordsFile(kind: 'inputs' | 'outputs', outDir: string): string {
  const out = resolve(outDir);
  return join(cacheDir(dirname(out)), `${kind}-${createHash('sha256').update(out).digest('hex').slice(0, 32)}.json`);
}

/** The input records of the last build into `outDir` (none when there is no cache). */
export function readInputCache(outDir: string): Record<string, InputRecord> | undefined {
  return readRecords(recordsFile('inputs', outDir));
}

/** Records the inputs of a build; a cache that cannot be written only costs speed. */
export function writeInputCache(outDir: string, records: Record<string, InputRecord>): void {
  writeRecords(recordsFile('inputs', outDir), records);
}

/** The size, time and hash of each file of `outDir` when a no-op last checked them against the stamp. */
export function readOutputCache(outDir: string): Record<string, InputRecord> | undefined {
  return readRecords(recordsFile('outputs', outDir));
}

export function writeOutputCache(outDir: string, records: Record<string, InputRecord>): void {
  writeRecords(recordsFile('outputs', outDir), records);
}

function readRecords(file: string): Record<string, InputRecord> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, InputRecord>;
  } catch {
    return undefined;
  }
}

function writeRecords(file: string, records: Record<string, InputRecord>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(records));
  } catch {
    // read-only tree: the next no-op hashes the files again
  }
}
