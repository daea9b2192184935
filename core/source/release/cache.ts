// Release files kept in the user's cache folder ($XDG_CACHE_HOME/kubegen, else ~/.cache/kubegen), so repeated and
// CI runs work offline. A file is used only when its bytes hash to what the lock (or the cache's own record)
// says; it is written under a temporary name and renamed, so a run that stops halfway leaves nothing half-written.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { sha256 } from '../inputs/hash.js';
import { isReleaseFile } from './layout.js';

/** File → sha256 of one release. */
export type ReleaseFiles = Record<string, string>;

/** kubegen's folder in the user's cache; a relative XDG_CACHE_HOME is ignored, as the XDG spec asks. */
export function userCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'kubegen');
}

export class ReleaseCache {
  readonly dir: string;
  /** The record of the release's complete file set, written after its last file. */
  readonly recordFile: string;

  constructor(tag: string) {
    this.dir = join(userCacheDir(), 'kubernetes', tag);
    this.recordFile = join(this.dir, 'files.json');
  }

  /** The file's bytes when they hash to `sha`; a missing or corrupted file reads as undefined. */
  read(file: string, sha: string): Buffer | undefined {
    if (!isReleaseFile(file)) return undefined;
    try {
      const data = readFileSync(join(this.dir, file));
      return sha256(data) === sha ? data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores verified bytes; a cache that cannot be written only costs the next run a download. */
  write(file: string, data: Buffer): void {
    if (!isReleaseFile(file)) return;
    writeAtomic(join(this.dir, file), data);
  }

  /** The release's file set as last downloaded completely, when recorded. */
  files(): ReleaseFiles | undefined {
    try {
      const record = JSON.parse(readFileSync(this.recordFile, 'utf8')) as unknown;
      return isFileSet(record) ? record : undefined;
    } catch {
      return undefined;
    }
  }

  recordFiles(files: ReleaseFiles): void {
    writeAtomic(this.recordFile, Buffer.from(`${JSON.stringify(files, null, 2)}\n`));
  }
}

export function isFileSet(value: unknown): value is ReleaseFiles {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.every(([file, sha]) => isReleaseFile(file) && typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha))
  );
}

function writeAtomic(path: string, data: Buffer): void {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch {
    rmSync(temp, { force: true });
  }
}
