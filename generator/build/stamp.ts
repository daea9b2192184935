// The no-op check of a build step: a stamp in the output folder records what the output was made from (the
// inputs' bytes, the options, kubegen's version) and what it was (each file's hash). When the inputs and options
// hash the same and every file is still as written, regeneration is skipped without building a model.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export const STAMP_FILE = '.kubegen-stamp.json';

export interface Stamp {
  /** sha256 over kubegen's version, the options and the inputs. */
  key: string;
  /** Output file (relative, `/`-separated) → sha256 of its content. */
  files: Record<string, string>;
}

/** An input file as last hashed (kept in kubegen's cache): an unchanged size and time reuse the hash. */
export interface InputRecord {
  size: number;
  mtimeMs: number;
  sha256: string;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Hashes input files and folders (every file under a folder, in sorted order) together with any extra value. A file
 * whose size and modification time match `previous` keeps its recorded hash, so a no-op build of megabytes of CRDs
 * costs a few `stat` calls.
 */
export async function hashInputs(paths: string[], extra: unknown, previous: Record<string, InputRecord> = {}): Promise<{ key: string; inputs: Record<string, InputRecord> }> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(extra));
  const inputs: Record<string, InputRecord> = {};
  for (const p of paths) {
    for (const file of await filesUnder(p)) {
      // Named relative to the working folder, so the same checkout hashes the same wherever it lives.
      const name = relativePath(process.cwd(), file);
      const info = statSync(file);
      const known = previous[name];
      const record = known && known.size === info.size && known.mtimeMs === info.mtimeMs
        ? known
        : { size: info.size, mtimeMs: info.mtimeMs, sha256: sha256(readFileSync(file)) };
      inputs[name] = record;
      hash.update(`\0${name}\0${record.sha256}`);
    }
  }
  return { key: hash.digest('hex'), inputs };
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

export async function readStamp(outDir: string): Promise<Stamp | undefined> {
  const file = join(outDir, STAMP_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Stamp;
    return typeof value.key === 'string' && typeof value.files === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** True when the stamp's key matches and every recorded file is on disk with the recorded content. */
export async function stampIsCurrent(outDir: string, key: string): Promise<boolean> {
  const stamp = await readStamp(outDir);
  if (!stamp || stamp.key !== key) return false;
  return Object.entries(stamp.files).every(([file, hash]) => {
    const path = join(outDir, file);
    return existsSync(path) && sha256(readFileSync(path)) === hash;
  });
}

export function makeStamp(key: string, files: Array<{ path: string; content: string }>): Stamp {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { key, files: Object.fromEntries(sorted.map((f) => [f.path, sha256(f.content)])) };
}

/** What `--check` reports: files that would be added, changed or removed, and how many differ only in their header. */
export interface OutputChanges {
  /** `+ path`, `~ path`, `- path`, sorted by path. */
  changes: string[];
  /** Files whose only difference is the header line naming the spec's hash (every file has it). */
  headerOnly: number;
}

export async function compareOutput(outDir: string, files: Array<{ path: string; content: string }>, previous: string[]): Promise<OutputChanges> {
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
  return { changes: changes.sort((a, b) => (a.slice(2) < b.slice(2) ? -1 : 1)), headerOnly };
}

/** A generated file without the first line of its header, which names the spec's hash. */
function withoutHeader(text: string): string {
  return text.startsWith('// Generated by kubegen') ? text.slice(text.indexOf('\n') + 1) : text;
}

export function relativePath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}
