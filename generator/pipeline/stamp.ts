// The no-op check of a build step: a stamp in the output folder records what the output was made from (the
// inputs' bytes, the options, kubegen's version) and what it was (each file's hash). When the inputs and options
// hash the same and every file is still as written, regeneration is skipped without building a model.
import { type Stats, existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type InputRecord, sha256 } from '../../core/source/inputs/hash.js';
import { compareStrings } from '../../core/spec/values.js';

export const STAMP_FILE = '.kubegen-stamp.json';

export interface Stamp {
  /** sha256 over kubegen's version, the options and the inputs. */
  key: string;
  /** Output file (relative, `/`-separated) → sha256 of its content. */
  files: Record<string, string>;
}

export async function readStamp(outDir: string): Promise<Stamp | undefined> {
  const file = join(outDir, STAMP_FILE);
  if (!existsSync(file)) return undefined;
  try {
    // Read at once: an asynchronous read costs four round trips to the thread pool.
    const value = JSON.parse(readFileSync(file, 'utf8')) as Stamp;
    return typeof value.key === 'string' && typeof value.files === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the stamp (the output folder's) has the key and every recorded file is on disk with the recorded content.
 * A file whose size and time are as `known` records them keeps the hash recorded there (as input files do); `seen`
 * receives the record of every file checked.
 */
export function stampIsCurrent(
  outDir: string,
  stamp: Stamp | undefined,
  key: string,
  known: Record<string, InputRecord> = {},
  seen: Record<string, InputRecord> = {},
): boolean {
  if (!stamp || stamp.key !== key) return false;
  return Object.entries(stamp.files).every(([file, hash]) => {
    const path = join(outDir, file);
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) return false;
    const { size, mtimeMs } = info;
    const record = known[file];
    const content = record?.size === size && record.mtimeMs === mtimeMs ? record.sha256 : sha256(readFileSync(path));
    seen[file] = { size, mtimeMs, sha256: content };
    return content === hash;
  });
}

/**
 * The files of `hashes` whose size and time on disk are as `records` has them with that hash, with what lstat says of
 * them: not read again, nor looked at again when written.
 */
export function knownOnDisk(
  outDir: string,
  hashes: Record<string, string>,
  records: Record<string, InputRecord> = {},
): Map<string, Stats> {
  const known = new Map<string, Stats>();
  for (const [file, hash] of Object.entries(hashes)) {
    const record = records[file];
    if (record?.sha256 !== hash) continue;
    const info = lstatSync(join(outDir, file), { throwIfNoEntry: false });
    if (info?.isFile() && info.size === record.size && info.mtimeMs === record.mtimeMs) known.set(file, info);
  }
  return known;
}

/**
 * The size, time and hash of each file of `hashes` as written now, for the next run to trust without reading; `seen`:
 * what lstat said of files the write left as they were.
 */
export function recordsOnDisk(
  outDir: string,
  hashes: Record<string, string>,
  seen: ReadonlyMap<string, Stats> = new Map(),
): Record<string, InputRecord> {
  const out: Record<string, InputRecord> = {};
  for (const [file, sha256] of Object.entries(hashes)) {
    const info = seen.get(file) ?? statSync(join(outDir, file), { throwIfNoEntry: false });
    if (info) out[file] = { size: info.size, mtimeMs: info.mtimeMs, sha256 };
  }
  return out;
}

export function makeStamp(key: string, files: Array<{ path: string; content: string }>): Stamp {
  const sorted = [...files].sort((a, b) => compareStrings(a.path, b.path));
  return { key, files: Object.fromEntries(sorted.map((f) => [f.path, sha256(f.content)])) };
}

/** What `--check` reports: files that would be added, changed or removed, and how many differ only in their header. */
export interface OutputChanges {
  /** `+ path`, `~ path`, `- path`, sorted by path. */
  changes: string[];
  /** Files whose only difference is the header line naming kubegen's version (every file has it). */
  headerOnly: number;
}

export async function compareOutput(
  outDir: string,
  files: Array<{ path: string; content: string }>,
  previous: string[],
): Promise<OutputChanges> {
  const changes: string[] = [];
  let headerOnly = 0;
  const next = new Set(files.map((f) => f.path));
  for (const f of files) {
    const current = await readFile(join(outDir, f.path), 'utf8').catch(() => undefined);
    if (current === undefined) changes.push(`+ ${f.path}`);
    else if (current === f.content) continue;
    else if (withoutHeader(current) === withoutHeader(f.content)) headerOnly++;
    else changes.push(`~ ${f.path}`);
  }
  for (const p of previous) if (!next.has(p) && existsSync(join(outDir, p))) changes.push(`- ${p}`);
  return { changes: changes.sort((a, b) => compareStrings(a.slice(2), b.slice(2))), headerOnly };
}

/** A generated file without the first line of its header, which names kubegen's version. */
function withoutHeader(text: string): string {
  return text.startsWith('// Generated by kubegen') ? text.slice(text.indexOf('\n') + 1) : text;
}
