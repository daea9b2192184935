// Writing rendered files into the output folder, atomically: everything is written to a temp folder beside the
// target, which is then swapped in. A manifest lists kubegen's own files, so a regeneration removes only those:
// any other file in the folder (a user's) is carried over untouched, and the previous output stays whole on failure.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

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

export interface WriteResult {
  /** Files kubegen wrote. */
  written: string[];
  /** kubegen's files of the previous output that are gone now. */
  removed: string[];
  /** Other files found in the folder, carried over. */
  kept: string[];
}

export function writeOutput(dir: string, files: Map<string, string>): WriteResult {
  const target = resolve(dir);
  for (const path of files.keys())
    if (!isSafeRelative(path) || path === MANIFEST)
      throw new Error(`refusing to write ${JSON.stringify(path)} outside ${target}`);
  const previous = existsSync(target) ? readManifest(target) : [];
  const ours = new Set([...previous, MANIFEST]);
  const kept = existsSync(target) ? listFiles(target).filter((f) => !ours.has(f)) : [];
  const clash = kept.find(
    (f) => files.has(f) || [...files.keys()].some((g) => g.startsWith(`${f}/`) || f.startsWith(`${g}/`)),
  );
  if (clash)
    throw new Error(
      `${join(target, clash)} was not written by kubegen (it is not in ${MANIFEST}); move it or choose another output folder`,
    );

  mkdirSync(dirname(target), { recursive: true });
  const temp = mkdtempSync(join(dirname(target), `.${basename(target)}.kubegen-`));
  try {
    // mkdtemp makes a private folder; the output keeps the previous folder's mode, or the usual one.
    chmodSync(temp, existsSync(target) ? statSync(target).mode & 0o7777 : 0o755);
    for (const [path, contents] of files) {
      mkdirSync(dirname(join(temp, path)), { recursive: true });
      writeFileSync(join(temp, path), contents);
    }
    writeFileSync(join(temp, MANIFEST), manifestText(files));
    for (const f of kept) carry(join(target, f), join(temp, f));
    for (const d of existsSync(target) ? listEmptyDirs(target) : []) mkdirSync(join(temp, d), { recursive: true });
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  swap(temp, target);
  return { written: [...files.keys()], removed: previous.filter((f) => !files.has(f)), kept };
}

/** Replaces `target` with `temp`; the old folder is moved aside first and put back if the swap fails. */
function swap(temp: string, target: string): void {
  if (!existsSync(target)) {
    renameSync(temp, target);
    return;
  }
  const aside = `${temp}.old`;
  renameSync(target, aside);
  try {
    renameSync(temp, target);
  } catch (err) {
    renameSync(aside, target);
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  rmSync(aside, { recursive: true, force: true });
}

/** A user's file into the new folder: a hard link (same file, no copy), else a copy; symlinks stay symlinks. */
function carry(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  if (lstatSync(from).isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to);
    return;
  }
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, path));
    else out.push(path);
  }
  return out.sort();
}

function listEmptyDirs(root: string, rel = ''): string[] {
  const entries = readdirSync(join(root, rel), { withFileTypes: true });
  if (rel && entries.length === 0) return [rel];
  return entries.filter((e) => e.isDirectory()).flatMap((e) => listEmptyDirs(root, rel ? `${rel}/${e.name}` : e.name));
}

function isSafeRelative(path: string): boolean {
  return (
    path.length > 0 &&
    !path.startsWith('/') &&
    !path.includes('\\') &&
    !path.split('/').some((s) => s === '..' || s === '.' || s === '') &&
    !path.includes(sep + sep)
  );
}
