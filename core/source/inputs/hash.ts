// Hashing of build inputs: what a no-op check compares. Files are hashed by content; a file whose size and time
// are unchanged since the last build keeps its recorded hash, so a no-op costs a few `stat` calls.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { sha256 } from '../../spec/hash.js';
import { filesUnder } from '../folders.js';

export { sha256 };

/** An input file as last hashed (kept in kubegen's cache): an unchanged size and time reuse the hash. */
export interface InputRecord {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * Hashes input files and folders (a folder's documents, as reading finds them) together with any extra value. A file
 * whose size and modification time match `previous` keeps its recorded hash, so a no-op build of megabytes of CRDs
 * costs a few `stat` calls. The bytes of each file read under `keep.paths` go into `keep.bytes`, by path, so that a
 * build reads them once.
 */
export async function hashInputs(
  paths: string[],
  extra: unknown,
  previous: Record<string, InputRecord> = {},
  keep?: { paths: ReadonlySet<string>; bytes: Map<string, Buffer> },
): Promise<{ key: string; inputs: Record<string, InputRecord> }> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(extra));
  const inputs: Record<string, InputRecord> = {};
  // Named relative to the working folder, so the same checkout hashes the same wherever it lives.
  const nameOf = relativeNames(process.cwd());
  for (const p of paths) {
    const read = keep?.paths.has(p) ? keep.bytes : undefined;
    // Synchronous: hundreds of CRD files named one by one cost as many round trips to the thread pool else.
    const top = statSync(p);
    for (const file of top.isDirectory() ? await filesUnder(p) : [p]) {
      const name = nameOf(file);
      const info = file === p ? top : statSync(file);
      const known = previous[name];
      const record =
        known && known.size === info.size && known.mtimeMs === info.mtimeMs
          ? known
          : { size: info.size, mtimeMs: info.mtimeMs, sha256: sha256(readBytes(file, read)) };
      inputs[name] = record;
      hash.update(`\0${name}\0${record.sha256}`);
    }
  }
  return { key: hash.digest('hex'), inputs };
}

function readBytes(file: string, read: Map<string, Buffer> | undefined): Buffer {
  const bytes = readFileSync(file);
  read?.set(file, bytes);
  return bytes;
}

export function relativePath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

/** relativePath from `root`, worked out once per folder: for hundreds of files, `relative` costs as much as a stat. */
function relativeNames(root: string): (file: string) => string {
  const folders = new Map<string, string>();
  return (file) => {
    const folder = dirname(file);
    let inside = folders.get(folder);
    if (inside === undefined) folders.set(folder, (inside = relativePath(root, folder)));
    return inside ? `${inside}/${basename(file)}` : basename(file);
  };
}
