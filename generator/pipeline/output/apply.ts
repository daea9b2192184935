// Carrying out a journal: forward (each file put in place by one rename, stale files removed, the manifest last)
// or back (every file restored from its link). Each step checks what is on disk first, so running either again
// after a stop mid-way ends in the same place.
import { existsSync, mkdirSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Journal, type Step, writeJournal } from './journal.js';
import { MANIFEST } from './manifest.js';
import { ancestors, lstatOf, outputError } from './target.js';

/** Puts the new files in place and removes the stale ones; the manifest goes last. */
export function applyJournal(folder: string, staging: string, journal: Journal, step: Step): void {
  const files = journal.put.filter((p) => p.path !== MANIFEST);
  for (const put of files) putInPlace(folder, staging, put.path, put.staged, step);
  for (const { path } of journal.remove) {
    if (lstatOf(join(folder, path))?.isDirectory() === false) {
      unlinkSync(join(folder, path));
      step(`remove ${path}`);
    }
  }
  for (const put of journal.put.filter((p) => p.path === MANIFEST))
    putInPlace(folder, staging, put.path, put.staged, step);
}

/** Restores every file the journal replaced or removed, and removes what it added. */
export function rollBackJournal(folder: string, staging: string, journal: Journal, step: Step): void {
  if (journal.state !== 'rollback') {
    writeJournal(staging, { ...journal, state: 'rollback' });
    step('journal: rollback');
  }
  for (const put of [...journal.put].reverse()) {
    // A staged file still there was never put in place: the folder still holds the previous one.
    if (existsSync(join(staging, 'new', put.staged))) continue;
    const dest = join(folder, put.path);
    if (put.backup && existsSync(join(staging, 'old', put.backup))) {
      renameSync(join(staging, 'old', put.backup), dest);
      step(`restore ${put.path}`);
    } else if (!put.backup && lstatOf(dest)) {
      unlinkSync(dest);
      step(`unput ${put.path}`);
    }
  }
  for (const { path, backup } of journal.remove) {
    if (lstatOf(join(folder, path)) || !existsSync(join(staging, 'old', backup))) continue;
    renameSync(join(staging, 'old', backup), join(folder, path));
    step(`restore ${path}`);
  }
  for (const dir of [...journal.dirs].reverse()) if (removeIfEmpty(join(folder, dir))) step(`rmdir ${dir}`);
}

/** Folders left empty by the removals go too (not `folder` itself, nor a folder a file still needs). */
export function pruneFolders(folder: string, journal: Journal, step: Step): void {
  for (const { path } of journal.remove) {
    for (const dir of ancestors(path).reverse()) {
      if (!removeIfEmpty(join(folder, dir))) break;
      step(`rmdir ${dir}`);
    }
  }
}

function putInPlace(folder: string, staging: string, path: string, staged: string, step: Step): void {
  const from = join(staging, 'new', staged);
  if (!existsSync(from)) return;
  const dest = join(folder, path);
  if (!existsSync(dirname(dest))) {
    located(folder, path, () => mkdirSync(dirname(dest), { recursive: true }));
    step(`mkdir ${dirname(path)}`);
  }
  located(folder, path, () => renameSync(from, dest));
  step(`put ${path}`);
}

/** Errors name the output file, not the staged one. */
function located(folder: string, path: string, change: () => void): void {
  try {
    change();
  } catch (err) {
    throw outputError(folder, path, err);
  }
}

function removeIfEmpty(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}
