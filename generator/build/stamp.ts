// The no-op check of a build step: a stamp in the output folder records what the output was made from (the
// inputs' bytes, the options, kubegen's version) and what it was (each file's hash). When the inputs and options
// hash the same and every file is still as written, regeneration is skipped without building a model.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export const STAMP_FILE = '.kubegen-stamp.json';

export interface Stamp {
  /** sha256 over kubegen's version, the options and the inputs. */
  key: string;
  /** Output file (relative, `/`-separated) → sha256 of its content. */
  files: Record<string, string>;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hashes input files and folders (every file under a folder, in sorted order) together with any extra strings. */
export async function hashInputs(paths: string[], extra: unknown): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(extra));
  for (const p of paths) {
    for (const file of await filesUnder(p)) {
      // Named relative to the working folder, so the same checkout hashes the same wherever it lives.
      hash.update(`\0${relativePath(process.cwd(), file)}\0`);
      hash.update(await readFile(file));
    }
  }
  return hash.digest('hex');
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
  const checks = await Promise.all(
    Object.entries(stamp.files).map(async ([file, hash]) => {
      const content = await readFile(join(outDir, file)).catch(() => undefined);
      return content !== undefined && sha256(content) === hash;
    }),
  );
  return checks.every(Boolean);
}

export function makeStamp(key: string, files: Array<{ path: string; content: string }>): Stamp {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { key, files: Object.fromEntries(sorted.map((f) => [f.path, sha256(f.content)])) };
}

/** What `--check` reports: files that would be added, changed or removed. */
export async function compareOutput(outDir: string, files: Array<{ path: string; content: string }>, previous: string[]): Promise<string[]> {
  const changes: string[] = [];
  const next = new Set(files.map((f) => f.path));
  for (const f of files) {
    const current = await readFile(join(outDir, f.path), 'utf8').catch(() => undefined);
    if (current === undefined) changes.push(`+ ${f.path}`);
    else if (current !== f.content) changes.push(`~ ${f.path}`);
  }
  for (const p of previous) if (!next.has(p) && existsSync(join(outDir, p))) changes.push(`- ${p}`);
  return changes.sort((a, b) => (a.slice(2) < b.slice(2) ? -1 : 1));
}

export function relativePath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}
