// What `--out` names, checked before anything is read or written. A symlinked folder is written through (its target
// receives the files and the link stays). Refused, each with its reason: the root folder, the home folder, a file,
// a folder of files kubegen did not write (no manifest and not empty, as `npm init`-style tools refuse), and file
// names longer than file systems allow.
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, resolve } from 'node:path';
import { MANIFEST, isSafeRelative } from './manifest.js';

/** The longest file name (one path segment, in bytes) common file systems accept. */
const NAME_MAX = 255;
/** The longest path Linux accepts, in bytes, with its terminating NUL. */
const PATH_MAX = 4096;

export interface OutputTarget {
  /** `--out` as given, for messages. */
  name: string;
  /** `--out` made absolute, symlinks not followed: where earlier kubegen versions left temp folders. */
  path: string;
  /** The real folder that receives the files (symlinks followed); it may not exist yet. */
  folder: string;
  exists: boolean;
}

export function resolveTarget(out: string): OutputTarget {
  const path = resolve(out);
  const folder = realFolder(out, path);
  const stat = statOf(folder);
  if (stat && !stat.isDirectory())
    throw new Error(`--out ${out} is a file, not a folder: name a folder (kubegen creates it when missing)`);
  if (folder === parse(folder).root)
    throw new Error(
      `--out ${out}: refusing to write into the root folder; name a folder of its own, such as ./src/k8s`,
    );
  if (folder === realOrSelf(homedir()))
    throw new Error(
      `--out ${out}: refusing to write into the home folder; name a folder of its own, such as ./src/k8s`,
    );
  return { name: out, path, folder, exists: !!stat };
}

/** A folder kubegen never wrote into (no manifest) must be empty, hidden entries (`.git`, `.gitignore`…) aside. */
export function refuseForeign(target: OutputTarget): void {
  if (!target.exists || existsSync(join(target.folder, MANIFEST))) return;
  const names = readdirSync(target.folder)
    .filter((n) => !n.startsWith('.'))
    .sort();
  if (!names.length) return;
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  throw new Error(
    `--out ${target.name} holds files kubegen did not write (${shown}) and no ${MANIFEST}: name a new or empty folder (files you add there after the first run are kept)`,
  );
}

/** Every output path stays inside the folder, fits a file system's limits, and is not also a folder of another. */
export function checkPaths(target: OutputTarget, paths: Iterable<string>): void {
  const all = new Set(paths);
  for (const path of all) {
    if (!isSafeRelative(path) || path === MANIFEST)
      throw new Error(`refusing to write ${JSON.stringify(path)} outside ${target.folder}`);
    const long = path.split('/').find((s) => Buffer.byteLength(s) > NAME_MAX);
    if (long)
      throw new Error(
        `--out ${target.name}: cannot write ${shorten(path)}: the name ${shorten(long)} is ${Buffer.byteLength(long)} bytes, longer than the ${NAME_MAX} a file name may have (shorten the group or version it is named after)`,
      );
    if (Buffer.byteLength(join(target.folder, path)) >= PATH_MAX)
      throw new Error(`--out ${target.name}: cannot write ${shorten(path)}: the path is longer than ${PATH_MAX} bytes`);
    const folder = ancestors(path).find((a) => all.has(a));
    if (folder) throw new Error(`--out ${target.name}: ${folder} would be both a file and a folder of the output`);
  }
}

/** `a/b/c.ts` → `a`, `a/b`. */
export function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** The folder the files land in: symlinks resolved, those of a missing folder's existing parents included. */
function realFolder(out: string, path: string): string {
  const link = lstatOf(path);
  if (link?.isSymbolicLink() && !statOf(path))
    throw new Error(
      `--out ${out} is a symbolic link to ${readlinkSync(path)}, which does not exist: create that folder or name another`,
    );
  if (link) return realpathSync(path);
  const rest: string[] = [];
  let ancestor = path;
  while (!lstatOf(ancestor)) {
    rest.unshift(basename(ancestor));
    ancestor = dirname(ancestor);
  }
  if (!statOf(ancestor)?.isDirectory()) throw new Error(`--out ${out}: ${ancestor} is not a folder`);
  return join(realpathSync(ancestor), ...rest);
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** The entry at `path` itself (a link is not followed), or undefined when there is none. */
export function lstatOf(path: string): Stats | undefined {
  return missingAsUndefined(() => lstatSync(path));
}

function statOf(path: string): Stats | undefined {
  return missingAsUndefined(() => statSync(path));
}

function missingAsUndefined(read: () => Stats): Stats | undefined {
  try {
    return read();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/** A file-system error about an output file, naming that file rather than the staging folder. */
export function outputError(folder: string, path: string, err: unknown): Error {
  const detail = (err as Error).message.replace(/, \w+ '[^']*'( -> '[^']*')?$/, '');
  return new Error(`cannot write ${join(folder, path)}: ${detail}`, { cause: err });
}

/** A name short enough for a one-line message. */
function shorten(name: string): string {
  return name.length <= 60 ? name : `${name.slice(0, 40)}…${name.slice(-12)}`;
}
