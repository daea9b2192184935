// The manifest names the files of the output folder that kubegen wrote: only those are ever replaced or removed.
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

export const MANIFEST = '.kubegen-manifest.json';

/** The manifest's contents for a set of rendered files. */
export function manifestText(files: Map<string, string>): string {
  return `${JSON.stringify({ generator: 'kubegen', files: [...files.keys()].sort() }, null, 2)}\n`;
}

/** kubegen's files in `dir` according to its manifest (empty when there is none). */
export function readManifest(dir: string): string[] {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message}); remove it to regenerate into ${dir}`);
  }
  const files = (parsed as { files?: unknown }).files;
  if (!Array.isArray(files) || !files.every((f): f is string => typeof f === 'string' && isSafeRelative(f))) {
    throw new Error(`${path}#/files: expected an array of relative paths inside the folder`);
  }
  return files;
}

/** A `/`-separated path that stays inside the folder it is relative to. */
export function isSafeRelative(path: string): boolean {
  return (
    path.length > 0 &&
    !path.startsWith('/') &&
    !path.includes('\\') &&
    !path.includes('\0') &&
    !path.split('/').some((s) => s === '..' || s === '.' || s === '') &&
    !path.includes(sep + sep)
  );
}
