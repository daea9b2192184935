// Writing rendered files into the output folder. The folder itself is never replaced: its inode, a symlink that
// names it, the user's files and sub-folders (modes and times) stay as they are. Each changed file is staged in
// `.kubegen-write/` inside the folder with a link to the file it replaces; a journal naming every step is written
// last (the commit point); then each file is put in place by one rename, stale files are removed, and the manifest
// (`output/manifest.ts`, the list of kubegen's files) goes in last. A failure before the manifest rolls every file
// back; a run stopped at any instant leaves either no journal (the folder is untouched) or one that the next run
// finishes (or rolls back, when a rollback was under way) before anything else. Unchanged files are not touched.
// Nothing is flushed to disk: this survives a killed process, not a power cut.
import {
  type Stats,
  chmodSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { applyJournal, pruneFolders, rollBackJournal } from './output/apply.js';
import {
  type Journal,
  type Step,
  acquire,
  pendingWrite,
  release,
  staleStagings,
  writeJournal,
} from './output/journal.js';
import { recoverLegacy } from './output/legacy.js';
import { MANIFEST, manifestText, readManifest } from './output/manifest.js';
import {
  type OutputTarget,
  ancestors,
  checkPaths,
  lstatOf,
  outputError,
  refuseForeign,
  resolveTarget,
} from './output/target.js';

export { MANIFEST, manifestText, readManifest } from './output/manifest.js';

export interface WriteResult {
  /** kubegen's files, now in the folder. */
  written: string[];
  /** Those whose bytes changed (added or rewritten); the others were left untouched. */
  changed: string[];
  /** kubegen's files of the previous output that are gone now. */
  removed: string[];
  /** What lstat said of each of kubegen's files the write left as they were. */
  unchanged: Map<string, Stats>;
}

export interface WriteHooks {
  /** Called after each change on disk; tests use it to stop a write at every step. */
  afterStep?: Step;
  /**
   * Files the caller knows are in the folder with the bytes given (their size and time are as when they were last
   * written or checked), with what lstat said of them: neither read nor written, and their content in `files` is not
   * looked at.
   */
  known?: ReadonlyMap<string, Stats>;
}

/**
 * Checks `--out` and, unless only checking, settles what a stopped run left there (a journal, stale temp folders,
 * the hidden folders of older versions). `pending`: a stopped write that only a writing run would settle.
 */
export function prepareOutput(out: string, mode: 'write' | 'check'): { target: OutputTarget; pending: boolean } {
  let target = resolveTarget(out);
  if (mode === 'check') {
    const pending = target.exists && pendingWrite(target.folder);
    if (!pending) refuseForeign(target);
    return { target, pending };
  }
  recoverLegacy(target.path);
  target = resolveTarget(out);
  if (target.exists) settleStagings(target);
  refuseForeign(target);
  return { target, pending: false };
}

export function writeOutput(dir: string, files: Map<string, string>, hooks: WriteHooks = {}): WriteResult {
  const step = hooks.afterStep ?? (() => {});
  checkPaths(resolveTarget(dir), files.keys());
  const { target } = prepareOutput(dir, 'write');
  const plan = planWrite(target, files, hooks.known);
  const changed = plan.put.map((p) => p.path);
  plan.put.push(...planManifest(target, files));
  const result = { written: [...files.keys()], changed, removed: plan.remove, unchanged: plan.unchanged };
  if (!plan.put.length && !plan.remove.length) return result;
  const created = target.exists ? undefined : mkdirSync(target.folder, { recursive: true });
  try {
    if (created) step('mkdir --out');
    transact(target, plan, step);
  } catch (err) {
    if (created) removeEmptyUpTo(target.folder, created);
    throw err;
  }
  return result;
}

/** The folders a failed first write created for `--out`, as long as they are still empty. */
function removeEmptyUpTo(folder: string, first: string): void {
  for (let dir = folder; ; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === first) return;
  }
}

interface Plan {
  put: Array<{ path: string; content: string; mode?: number }>;
  /** What lstat said of the files left as they are. */
  unchanged: Map<string, Stats>;
  /** kubegen's files of the previous output that are not rendered any more. */
  remove: string[];
  /** Folders the new files need that do not exist yet, parents first. */
  dirs: string[];
}

/** What changes, refusing to touch anything kubegen did not write. */
function planWrite(target: OutputTarget, files: Map<string, string>, known?: ReadonlyMap<string, Stats>): Plan {
  const previous = new Set(target.exists ? readManifest(target.folder) : []);
  const plan: Plan = { put: [], unchanged: new Map(), remove: [], dirs: [] };
  // Files share folders: each is looked at once.
  const folders = new Map<string, Stats | undefined>();
  for (const [path, content] of files) {
    for (const dir of ancestors(path)) {
      if (!folders.has(dir)) folders.set(dir, lstatOf(join(target.folder, dir)));
      const found = folders.get(dir);
      if (!found) {
        if (!plan.dirs.includes(dir)) plan.dirs.push(dir);
      } else if (!found.isDirectory())
        throw previous.has(dir)
          ? new Error(`${join(target.name, dir)} is a file kubegen wrote where a folder is needed now: remove it`)
          : notOurs(target, dir);
    }
    const found = known?.get(path) ?? lstatOf(join(target.folder, path));
    if (!found) plan.put.push({ path, content });
    else if (!previous.has(path) || !found.isFile()) throw notOurs(target, path);
    else if (known?.has(path) || readFileSync(join(target.folder, path)).equals(Buffer.from(content)))
      plan.unchanged.set(path, found);
    else plan.put.push({ path, content, mode: found.mode & 0o7777 });
  }
  plan.remove = [...previous].filter((p) => !files.has(p) && lstatOf(join(target.folder, p))?.isFile()).sort();
  return plan;
}

function planManifest(target: OutputTarget, files: Map<string, string>): Plan['put'] {
  const content = manifestText(files);
  const found = lstatOf(join(target.folder, MANIFEST));
  if (!found) return [{ path: MANIFEST, content }];
  return readFileSync(join(target.folder, MANIFEST), 'utf8') === content
    ? []
    : [{ path: MANIFEST, content, mode: found.mode & 0o7777 }];
}

function notOurs(target: OutputTarget, path: string): Error {
  return new Error(
    `${join(target.name, path)} was not written by kubegen (it is not in ${MANIFEST}); move it or choose another output folder`,
  );
}

/** Stage, commit the journal, apply; roll back on a failure before the manifest is in place. */
function transact(target: OutputTarget, plan: Plan, step: Step): void {
  const staging = acquire(target.folder);
  let journal: Journal;
  try {
    step('staging');
    journal = stage(target, staging, plan, step);
    writeJournal(staging, journal);
    step('journal');
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  try {
    applyJournal(target.folder, staging, journal, step);
  } catch (err) {
    undo(target, staging, journal, step, err);
  }
  try {
    pruneFolders(target.folder, journal, step);
    release(staging);
  } catch {
    // The output is whole; the journal stays for the next run to finish pruning.
  }
}

/** New bytes into `new/N`; links to each file replaced or removed into `old/N`. The output folder is not touched. */
function stage(target: OutputTarget, staging: string, plan: Plan, step: Step): Journal {
  const journal: Journal = { state: 'commit', put: [], remove: [], dirs: plan.dirs };
  plan.put.forEach(({ path, content, mode }, i) => {
    const staged = join(staging, 'new', `n${i}`);
    try {
      writeFileSync(staged, content);
    } catch (err) {
      throw outputError(target.folder, path, err);
    }
    if (mode !== undefined) chmodSync(staged, mode);
    step(`stage ${path}`);
    const put = { path, staged: `n${i}`, ...(mode === undefined ? {} : { backup: `p${i}` }) };
    if (put.backup) keep(target, path, put.backup, staging, step);
    journal.put.push(put);
  });
  plan.remove.forEach((path, i) => {
    keep(target, path, `r${i}`, staging, step);
    journal.remove.push({ path, backup: `r${i}` });
  });
  return journal;
}

/** A link to a file about to be replaced or removed (a copy where links are not supported). */
function keep(target: OutputTarget, path: string, backup: string, staging: string, step: Step): void {
  const from = join(target.folder, path);
  const to = join(staging, 'old', backup);
  try {
    linkSync(from, to);
  } catch {
    try {
      copyFileSync(from, to);
    } catch (err) {
      throw outputError(target.folder, path, err);
    }
  }
  step(`keep ${path}`);
}

function undo(target: OutputTarget, staging: string, journal: Journal, step: Step, cause: unknown): never {
  try {
    rollBackJournal(target.folder, staging, journal, step);
    rmSync(staging, { recursive: true, force: true });
  } catch (err) {
    throw new Error(
      `${(cause as Error).message}; restoring the previous files stopped too (${(err as Error).message}): the next kubegen run into ${target.name} finishes restoring them`,
    );
  }
  throw cause;
}

/** Finishes (or rolls back) a write a stopped run committed, and removes what stopped runs left. */
function settleStagings(target: OutputTarget): void {
  staleStagings(target.folder, (staging, journal) => {
    try {
      if (journal.state === 'rollback') rollBackJournal(target.folder, staging, journal, () => {});
      else {
        applyJournal(target.folder, staging, journal, () => {});
        pruneFolders(target.folder, journal, () => {});
      }
    } catch (err) {
      throw new Error(
        `--out ${target.name}: cannot finish the write a stopped kubegen run left in ${staging} (${(err as Error).message})`,
      );
    }
  });
}
