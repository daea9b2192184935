// The journal of one write, kept in `.kubegen-write/` inside the output folder: the new bytes (`new/N`), links to
// the files they replace or remove (`old/N`), who is writing (`owner.json`) and, once all of that is on disk,
// `journal.json`, the commit point. The folder is the lock too: it is renamed into place whole, so two runs never
// write the same output at once, and one left by a stopped run is recognised because its process is gone.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isSafeRelative } from './manifest.js';

export const STAGING = '.kubegen-write';
const OWNER = 'owner.json';
const JOURNAL = 'journal.json';

/** A file put in place by renaming `new/<staged>` over it; `backup` (in `old/`) links to the file it replaces. */
export interface Put {
  path: string;
  staged: string;
  backup?: string;
}

/** A file of the previous output that is no longer rendered; `backup` links to it. */
export interface Removal {
  path: string;
  backup: string;
}

export interface Journal {
  /** `commit`: the next run finishes the write; `rollback`: it restores the previous files. */
  state: 'commit' | 'rollback';
  /** The manifest comes last: the output is whole once it is in place. */
  put: Put[];
  remove: Removal[];
  /** Folders this write creates, parents first. */
  dirs: string[];
}

/** Called after each change on disk (tests stop a write there). */
export type Step = (what: string) => void;

/** Creates the staging folder, failing when another live run holds it. */
export function acquire(folder: string): string {
  const staging = join(folder, STAGING);
  const mine = `${staging}.${process.pid}`;
  if (existsSync(mine)) rmSync(mine, { recursive: true, force: true });
  mkdirSync(join(mine, 'new'), { recursive: true });
  mkdirSync(join(mine, 'old'));
  writeFileSync(join(mine, OWNER), JSON.stringify({ pid: process.pid, host: hostname() }));
  try {
    renameSync(mine, staging);
  } catch (err) {
    rmSync(mine, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') throw busy(folder, staging);
    throw err;
  }
  return staging;
}

/**
 * Removes the staging folder of a finished write, its journal first: what is left once that is gone is not a write
 * to finish. Entry by entry (it is two levels deep): Node's recursive removal costs more to load than to run here.
 */
export function release(staging: string): void {
  unlinkSync(join(staging, JOURNAL));
  removeTree(staging);
}

function removeTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isDirectory()) removeTree(join(dir, entry.name));
    else unlinkSync(join(dir, entry.name));
  rmdirSync(dir);
}

/** Written whole or not at all: a stopped run leaves either no journal or this one. */
export function writeJournal(staging: string, journal: Journal): void {
  const file = join(staging, JOURNAL);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(journal)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function readJournal(staging: string): Journal | undefined {
  const file = join(staging, JOURNAL);
  if (!existsSync(file)) return undefined;
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
  } catch {
    throw damaged(file);
  }
  const name = (n: unknown) => typeof n === 'string' && /^[a-z]\d+$/.test(n);
  const valid =
    (journal.state === 'commit' || journal.state === 'rollback') &&
    Array.isArray(journal.put) &&
    journal.put.every((p) => isSafeRelative(p.path) && name(p.staged) && (p.backup === undefined || name(p.backup))) &&
    Array.isArray(journal.remove) &&
    journal.remove.every((r) => isSafeRelative(r.path) && name(r.backup)) &&
    Array.isArray(journal.dirs) &&
    journal.dirs.every(isSafeRelative);
  if (!valid) throw damaged(file);
  return journal;
}

/** True when a stopped run left a committed write that the next run will finish (or roll back). */
export function pendingWrite(folder: string): boolean {
  return existsSync(join(folder, STAGING, JOURNAL));
}

/**
 * Staging folders in `folder` that their run left behind, each handed to `settle` (which finishes or rolls back a
 * committed journal) and then removed. Throws when one belongs to a run still going.
 */
export function staleStagings(folder: string, settle: (staging: string, journal: Journal) => void): void {
  for (const name of readdirSync(folder)) {
    if (name !== STAGING && !/^\.kubegen-write\.\d+$/.test(name)) continue;
    const staging = join(folder, name);
    if (ownerAlive(staging)) throw busy(folder, staging);
    const journal = name === STAGING ? readJournal(staging) : undefined;
    if (journal) settle(staging, journal);
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Another process on this machine (or any process elsewhere) owns the folder: it may still be writing. */
function ownerAlive(staging: string): boolean {
  let owner: { pid?: unknown; host?: unknown };
  try {
    owner = JSON.parse(readFileSync(join(staging, OWNER), 'utf8')) as typeof owner;
  } catch {
    return false;
  }
  if (typeof owner.pid !== 'number' || owner.pid === process.pid) return false;
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(folder: string, staging: string): Error {
  let owner = '';
  try {
    const { pid, host } = JSON.parse(readFileSync(join(staging, OWNER), 'utf8')) as { pid: number; host: string };
    owner = ` (process ${pid} on ${host})`;
  } catch {
    // the owner file is written before the folder is renamed into place; a half-made one names nobody
  }
  return new Error(
    `another kubegen run${owner} is writing ${folder}; wait for it, or remove ${staging} if it has stopped`,
  );
}

function damaged(file: string): Error {
  return new Error(`${file}: not a journal kubegen wrote; remove its folder to write the output again`);
}
