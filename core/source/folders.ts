// The files of an input folder (a v3 spec folder, a folder of CRD manifests), found the same way for reading and
// for hashing. Symbolic links are followed, to files and to folders, as a user who links a spec into a folder
// expects; each real file and folder is taken once, so links can neither repeat a file nor make the walk endless,
// and a link back to a folder that contains it is an error naming the link.
import { type Stats, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { SpecError } from '../spec/errors.js';
import { compareStrings } from '../spec/values.js';

/** The files a folder input is made of: spec documents and CRD manifests alike. */
export const documentExtensions: readonly string[] = ['.json', '.yaml', '.yml'];

/** Reports a problem with one path; never returns. */
export type FolderFail = (path: string, detail: string) => never;

interface Folder {
  path: string;
  /** Slash-separated, inside the folder walked. */
  rel: string;
  real: string;
  parent: Folder | undefined;
}

/**
 * The files under `dir` whose names end with one of `extensions`, sorted by their path inside it (the same on
 * every disk and system).
 */
export async function filesUnder(
  dir: string,
  extensions: readonly string[] = documentExtensions,
  fail: FolderFail = failAt,
): Promise<string[]> {
  const wanted = (name: string) => extensions.some((ext) => name.endsWith(ext));
  const seen = new Set<string>();
  const files: { path: string; rel: string }[] = [];
  const pending: Folder[] = [{ path: dir, rel: '', real: realpathSync.native(dir), parent: undefined }];
  seen.add(pending[0]!.real);
  while (pending.length > 0) {
    const folder = pending.pop()!;
    // Synchronous calls: a folder of hundreds of linked manifests costs hundreds of round trips to the thread pool else.
    const entries = readdirSync(folder.path, { withFileTypes: true });
    const below: Folder[] = [];
    for (const entry of entries.sort((a, b) => compareStrings(a.name, b.name))) {
      const path = child(folder, entry.name);
      const rel = folder.rel ? `${folder.rel}/${entry.name}` : entry.name;
      const info = entry.isSymbolicLink() ? linkTarget(path, wanted(entry.name), fail) : entry;
      if (!info) continue;
      const real = entry.isSymbolicLink() ? realpathSync.native(path) : childOf(folder.real, entry.name);
      if (info.isDirectory()) {
        const ancestor = ancestorWith(folder, real);
        if (ancestor) fail(path, `a symbolic link cycle: it leads back to ${ancestor.path}, which contains it`);
        if (!seen.has(real)) below.push({ path, rel, real, parent: folder });
        seen.add(real);
      } else if (info.isFile() && wanted(entry.name) && !seen.has(real)) {
        seen.add(real);
        files.push({ path, rel });
      }
    }
    pending.push(...below.reverse());
  }
  return files.sort((a, b) => compareStrings(a.rel, b.rel)).map((f) => f.path);
}

/**
 * `join(folder.path, name)` for a name readdir gave: below the top folder, whose path came from `join` already, it
 * needs no normalizing again, which for a folder of hundreds of manifests costs more than reading it.
 */
function child(folder: Folder, name: string): string {
  return folder.parent ? childOf(folder.path, name) : join(folder.path, name);
}

/** `join(dir, name)` for a normalized `dir` and a name with no separator. */
function childOf(dir: string, name: string): string {
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

function failAt(path: string, detail: string): never {
  throw new SpecError(path, '', detail);
}

/** What a symbolic link leads to; a broken link is an error only where a wanted file was meant. */
function linkTarget(path: string, wanted: boolean, fail: FolderFail): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') fail(path, 'a symbolic link cycle: the link leads to itself');
    if (wanted) fail(path, `a broken symbolic link (${code === 'ENOENT' ? 'its target does not exist' : code})`);
    return undefined;
  }
}

function ancestorWith(folder: Folder | undefined, real: string): Folder | undefined {
  for (let f = folder; f; f = f.parent) if (f.real === real) return f;
  return undefined;
}
