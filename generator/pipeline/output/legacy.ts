// Earlier kubegen versions wrote a temp folder beside `--out` (`.NAME.kubegen-XXXXXX`) and swapped it in, moving the
// previous folder aside (`….old`) for a moment. A run stopped between those two renames left no `--out`, and the
// next run made a new one without the user's files, which then lived only in those hidden folders. They are
// settled here once: a missing `--out` gets its previous folder back whole; files of the user's that `--out` lacks
// are moved back into it; then the hidden folders go.
import { chmodSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MANIFEST, readManifest } from './manifest.js';
import { lstatOf } from './target.js';

/** Settles the hidden folders older kubegen versions left beside `path` (`--out`, links not followed). */
export function recoverLegacy(path: string): void {
  const prefix = `.${basename(path)}.kubegen-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  const left = names
    .filter((n) => n.startsWith(prefix) && /^[A-Za-z0-9]{6}(\.old)?$/.test(n.slice(prefix.length)))
    .map((n) => join(dirname(path), n));
  // The previous folders moved aside hold the user's files as they were: newest first, then the temp folders.
  const asides = left.filter((p) => p.endsWith('.old')).sort((a, b) => lstatSync(b).mtimeMs - lstatSync(a).mtimeMs);
  if (!lstatOf(path) && asides[0]) renameSync(asides[0], path);
  for (const dir of [...asides, ...left.filter((p) => !p.endsWith('.old'))]) {
    if (!lstatOf(dir)) continue;
    if (lstatSync(dir).isDirectory()) restoreUserFiles(dir, path);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Moves the files of `from` that kubegen did not write (not in its manifest) into `to`, where `to` lacks them. */
function restoreUserFiles(from: string, to: string): void {
  let ours: Set<string>;
  try {
    ours = new Set([...readManifest(from), MANIFEST]);
  } catch {
    return;
  }
  // Without a manifest the folder was cut short before the user's files were carried into it: none to restore.
  if (ours.size === 1) return;
  const walk = (rel: string): void => {
    const entries = readdirSync(join(from, rel), { withFileTypes: true });
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const mixed = entry.isDirectory() && [...ours].some((p) => p.startsWith(`${path}/`));
      if (mixed) walk(path);
      else if (!ours.has(path) && !lstatOf(join(to, path))) {
        // A folder holding none of kubegen's files moves whole, with its mode and times.
        ensureFolder(from, to, rel);
        const { atime, mtime } = lstatSync(join(from, path));
        renameSync(join(from, path), join(to, path));
        // A folder moved to another parent gets a new time on some file systems: the user's stays.
        if (entry.isDirectory()) utimesSync(join(to, path), atime, mtime);
      }
    }
  };
  walk('');
}

/** Makes `rel` in `to`, each missing folder with the mode of its counterpart in `from`. */
function ensureFolder(from: string, to: string, rel: string): void {
  const parts = rel ? rel.split('/') : [];
  for (let i = 0; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    const dest = join(to, sub);
    if (lstatOf(dest)) continue;
    mkdirSync(dest);
    chmodSync(dest, statSync(join(from, sub)).mode & 0o7777);
  }
}
