// Whole builds kept between runs, in kubegen's folder of the user's cache: the files a build made, named by the key
// of everything they were made from (kubegen, the inputs' bytes, the options). Building the same inputs again, into
// any folder, writes those files without reading a spec; a changed byte of input or a new kubegen makes a new key.
// A build is a small index (`builds/<key>.json`: each file's path and sha256) over the files' contents, kept once
// each by their hash (`build-files/`), so builds that share most files (one CRD changed) share their storage and a
// new one writes only what changed; a build that may be rebuilt in part keeps its record in `build-records/`: a small
// head naming parts kept once each by their hash (`build-record-parts/`), so that a build which changed a few groups
// writes their parts alone, and one built from it reads only the parts it needs.
// The newest builds are kept, within a count and a size (pruned down to them when a few builds over, or over the
// size); a damaged file reads as missing and is built again.
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { CHECKSUM_BYTES, readChecked, readCheckedBytes, writeChecked } from '../../core/source/cache-file.js';
import { sha256 } from '../../core/source/inputs/hash.js';
import { userCacheDir } from '../../core/source/release/cache.js';
import type { RenderedFile } from '../emit/js.js';

/** A build found in the cache: what the read stage reported, and every file, the stamp included. */
export interface CachedBuild {
  summary: string;
  files: RenderedFile[];
  /** What rebuilding only the groups of changed CRD files needs (record-store.ts), when the build can. */
  record?: RecordToKeep;
}

/** A record to keep: its head, and the sha256 of each part it names with the text of those not kept already. */
export interface RecordToKeep {
  head: unknown;
  parts: string[];
  /** The parts that may be new, by sha256: a text, or bytes in pieces. */
  texts: ReadonlyMap<string, string | Uint8Array[]>;
}

/** A record as kept: its head, and its parts, each read when asked for (undefined when missing or damaged). */
export interface KeptRecord {
  head: unknown;
  part(hash: string): string | undefined;
  bytes(hash: string): Buffer | undefined;
}

export interface BuildCache {
  get(key: string): CachedBuild | undefined;
  /** The build with its record, each file read when its content is first asked for; undefined when it has none. */
  getWithRecord(key: string): (Omit<CachedBuild, 'record'> & { record: KeptRecord }) | undefined;
  /** `hashes`: the sha256 of files whose hash is known (a stamp's), to spare hashing them again. */
  set(key: string, build: CachedBuild, hashes?: Record<string, string>): void;
}

const KEEP = { builds: 12, bytes: 160 << 20 };
/** Builds beyond the count kept before pruning runs, so that a run of regenerations prunes one time in so many. */
const SLACK = 4;
const INDEX_BYTES = 4 << 20;
/** What pruning reads first of a record, for the line of the parts it names (one a group, and a few). */
const PARTS_BYTES = 64 << 10;
/** The bytes of file contents the builds kept at the last pruning, plus those written since. */
const USAGE = 'build-files.bytes';

/** The cache, or undefined when `cache` is false or KUBEGEN_CACHE=0. */
export function buildCache(cache: boolean | undefined): BuildCache | undefined {
  if (cache === false || process.env.KUBEGEN_CACHE === '0') return undefined;
  const root = userCacheDir();
  const dirs = {
    builds: join(root, 'builds'),
    files: join(root, 'build-files'),
    records: join(root, 'build-records'),
    parts: join(root, 'build-record-parts'),
  };
  const index = (key: string) => join(dirs.builds, `${key}.json`);
  const record = (key: string) => join(dirs.records, `${key}.json`);
  // File contents seen in the cache in this run: a build made from an earlier one does not look for them again.
  const present = new Set<string>();
  const get = (key: string) => {
    const body = readChecked(index(key));
    const build = body === undefined ? undefined : readBuild(body, dirs.files);
    if (build) touch(index(key));
    return build;
  };
  return {
    get,
    getWithRecord(key) {
      const body = readChecked(record(key));
      const files = body === undefined ? undefined : indexOf(readChecked(index(key)));
      if (!files?.files.every(([, hash]) => existsSync(join(dirs.files, hash)))) return undefined;
      for (const [, hash] of files.files) present.add(hash);
      const recorded = recordOf(body!);
      if (!recorded) return undefined;
      touch(index(key));
      return {
        summary: files.summary,
        files: files.files.map(([path, hash]) => lazyFile(path, join(dirs.files, hash))),
        record: {
          head: recorded.head,
          part: (hash) => readPart(join(dirs.parts, hash), readChecked),
          bytes: (hash) => readPart(join(dirs.parts, hash), (file) => readCheckedBytes(file, hash)),
        },
      };
    },
    set(key, build, hashes = {}) {
      let added = 0;
      const files = build.files.map((f) => {
        const hash = hashes[f.path] ?? sha256(f.content);
        const file = join(dirs.files, hash);
        if (!present.has(hash) && !existsSync(file)) {
          writeChecked(file, f.content);
          added += Buffer.byteLength(f.content) + CHECKSUM_BYTES;
        }
        return [f.path, hash];
      });
      if (build.record) writeRecord(record(key), build.record, dirs.parts);
      writeChecked(index(key), JSON.stringify({ summary: build.summary, files }));
      if (overLimits(dirs, join(root, USAGE), added)) prune(dirs, index(key), join(root, USAGE));
    },
  };
}

/**
 * The record's new parts, then its head (naming them): a head is never read without its parts. A part found damaged
 * was removed when read (readPart), so that the build after it keeps it again.
 */
function writeRecord(file: string, record: RecordToKeep, parts: string): void {
  for (const [hash, text] of record.texts) {
    if (existsSync(join(parts, hash))) continue;
    if (typeof text === 'string') writeChecked(join(parts, hash), text);
    // Bytes in pieces, named by their sha256: mostly an earlier part's bytes, neither copied together nor hashed again.
    else writeChecked(join(parts, hash), text, hash);
  }
  writeChecked(file, `${JSON.stringify(record.parts)}\n${JSON.stringify(record.head)}`);
}

/** A part, or undefined when it is missing or damaged: then it is removed, so that the next build keeps it again. */
function readPart<T>(file: string, read: (file: string) => T | undefined): T | undefined {
  const found = read(file);
  if (found === undefined) rmSync(file, { force: true });
  return found;
}

/**
 * A kept record's head and the parts it names, or undefined when it does not read. The parts come on the first line,
 * so that pruning reads them without the head.
 */
function recordOf(body: string): { head: unknown; parts: string[] } | undefined {
  const parts = partsOf(body);
  try {
    return parts && { head: JSON.parse(body.slice(body.indexOf('\n') + 1)) as unknown, parts };
  } catch {
    return undefined;
  }
}

function partsOf(body: string): string[] | undefined {
  const end = body.indexOf('\n');
  try {
    const parts: unknown = JSON.parse(body.slice(0, end < 0 ? body.length : end));
    return end > 0 && Array.isArray(parts) && parts.every((p) => typeof p === 'string') ? parts : undefined;
  } catch {
    return undefined;
  }
}

interface BuildIndex {
  summary: string;
  /** Each file's path and the sha256 its content is kept under. */
  files: [string, string][];
}

/** A build's index, or undefined when it is missing or does not read. */
function indexOf(body: string | undefined): BuildIndex | undefined {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body) as BuildIndex;
  } catch {
    return undefined;
  }
}

function readBuild(body: string, dir: string): CachedBuild | undefined {
  const index = indexOf(body);
  if (!index) return undefined;
  const out: RenderedFile[] = [];
  for (const [path, hash] of index.files) {
    const content = readChecked(join(dir, hash));
    if (content === undefined) return undefined;
    out.push({ path, content });
  }
  return { summary: index.summary, files: out };
}

/** A file whose content is read from the cache when first asked for: a build taken in part may not need it. */
function lazyFile(path: string, file: string): RenderedFile {
  let content: string | undefined;
  return {
    path,
    get content() {
      content ??= readChecked(file);
      if (content === undefined)
        throw new Error(`kubegen's cache holds a damaged file (${file}): run again with --force`);
      return content;
    },
  };
}

/** Marks a build as used, so that pruning keeps the builds used last. */
function touch(file: string): void {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // a read-only cache only costs speed
  }
}

/**
 * Whether the builds may be over the count or size kept: pruning stats every file, which a build that added one or
 * two files need not pay for. Untold (no or a damaged usage file) reads as over.
 */
function overLimits(dirs: { builds: string }, usage: string, added: number): boolean {
  try {
    if (readdirSync(dirs.builds).filter((name) => name.endsWith('.json')).length > KEEP.builds + SLACK) return true;
    const told = readFileSync(usage, 'utf8');
    const bytes = Number(told) + added;
    if (!/^\d+$/.test(told) || !Number.isSafeInteger(bytes) || bytes > KEEP.bytes) return true;
    if (added > 0) writeFileSync(usage, String(bytes));
    return false;
  } catch {
    return true;
  }
}

/**
 * Removes the builds used longest ago beyond the count and size kept (the one just written always stays), their
 * records, and the file contents no kept build names.
 */
function prune(
  dirs: { builds: string; files: string; records: string; parts: string },
  kept: string,
  usage: string,
): void {
  try {
    const builds = readdirSync(dirs.builds)
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const { size, mtimeMs } = statSync(join(dirs.builds, name));
        return { name, path: join(dirs.builds, name), size, mtimeMs };
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    const sizes = new Map(
      readdirSync(dirs.files).map((name) => [name, statSync(join(dirs.files, name)).size] as const),
    );
    const used = new Set<string>();
    let bytes = 0;
    builds.forEach((build, i) => {
      // An index holds paths and hashes: a larger one is of an older kubegen, which held the contents in it.
      const older = build.size > INDEX_BYTES;
      const hashes = older ? [] : hashesOf(build.path);
      for (const h of hashes) if (!used.has(h)) bytes += sizes.get(h) ?? 0;
      if (older || (build.path !== kept && (i >= KEEP.builds || bytes > KEEP.bytes))) {
        rmSync(build.path, { force: true });
        rmSync(join(dirs.records, build.name), { force: true });
      } else for (const h of hashes) used.add(h);
    });
    for (const name of sizes.keys()) if (!used.has(name)) rmSync(join(dirs.files, name), { force: true });
    prunePartsOf(dirs);
    writeFileSync(usage, String([...used].reduce((sum, h) => sum + (sizes.get(h) ?? 0), 0)));
  } catch {
    // another run pruning at once, or a read-only cache: the next write prunes again
  }
}

/** Removes the record parts no kept record names: after the records of the builds pruned are gone. */
function prunePartsOf(dirs: { records: string; parts: string }): void {
  if (!existsSync(dirs.parts)) return;
  const named = new Set(
    readdirSync(dirs.records)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => partsNamed(join(dirs.records, name))),
  );
  for (const name of readdirSync(dirs.parts)) if (!named.has(name)) rmSync(join(dirs.parts, name), { force: true });
}

/**
 * The parts a kept record names, from the start of its file, unchecked (the whole file when the line is longer): a
 * damaged record then keeps parts it does not need, or lets go of those it does; either only costs a build.
 */
function partsNamed(file: string): string[] {
  let start = '';
  try {
    const fd = openSync(file, 'r');
    try {
      const bytes = Buffer.allocUnsafe(PARTS_BYTES);
      start = bytes.toString('utf8', CHECKSUM_BYTES, readSync(fd, bytes, 0, PARTS_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return [];
  }
  return partsOf(start.includes('\n') ? start : (readChecked(file) ?? '')) ?? [];
}

/** The content hashes a build's index names (none when it does not read). */
function hashesOf(index: string): string[] {
  return indexOf(readChecked(index))?.files.map(([, hash]) => hash) ?? [];
}
