// kubegen.lock.json, beside the config file: for each Kubernetes release a build read, the sha256 of every file it
// read. Committed with the project, it makes a later run, on any machine and from any mirror, read the same bytes
// or fail saying which file differs; and it is the no-op check's key, so an unchanged build needs no network.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { SpecError } from '../../spec/errors.js';
import { compareStrings, isObject } from '../../spec/values.js';
import { parseText } from '../parse/index.js';
import { isFileSet, type ReleaseFiles } from './cache.js';

export const LOCK_FILE = 'kubegen.lock.json';

interface Lock {
  lockfileVersion: 1;
  kubernetes: Record<string, ReleaseFiles>;
}

/** The files locked for a release; undefined when the lock or its entry is absent. */
export function lockedFiles(file: string, tag: string): ReleaseFiles | undefined {
  return readLock(file).kubernetes[tag];
}

/** Records a release's files, keeping every other entry; written under a temporary name and renamed. */
export function lockFiles(file: string, tag: string, files: ReleaseFiles): void {
  const lock = readLock(file);
  lock.kubernetes[tag] = sorted(files);
  lock.kubernetes = Object.fromEntries(Object.entries(lock.kubernetes).sort(([a], [b]) => compareStrings(a, b)));
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(lock, null, 2)}\n`);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new Error(`${file}: cannot record the files of Kubernetes ${tag}: ${(err as Error).message}`);
  }
}

function readLock(file: string): Lock {
  if (!existsSync(file)) return { lockfileVersion: 1, kubernetes: {} };
  let raw: unknown;
  try {
    raw = parseText(file, readFileSync(file, 'utf8'), { format: 'json' });
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    const at = err.line === undefined ? '' : ` (line ${err.line}, column ${err.column})`;
    throw new Error(`${file}${err.pointer ? ` at ${err.pointer}` : ''}: ${err.detail}${at}`);
  }
  if (!isObject(raw) || raw.lockfileVersion !== 1)
    throw new Error(`${file} at /lockfileVersion: expected 1 (written by another kubegen?)`);
  const releases = raw.kubernetes ?? {};
  if (!isObject(releases)) throw new Error(`${file} at /kubernetes: must be an object of releases`);
  for (const [tag, files] of Object.entries(releases))
    if (!isFileSet(files))
      throw new Error(`${file} at /kubernetes/${tag}: must map api/openapi-spec/… files to sha256 hex digests`);
  return { lockfileVersion: 1, kubernetes: releases as Record<string, ReleaseFiles> };
}

export function sorted(files: ReleaseFiles): ReleaseFiles {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => compareStrings(a, b)));
}
