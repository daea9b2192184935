// Whole builds kept between runs, in kubegen's folder of the user's cache: the files a build made, named by the key
// of everything they were made from (kubegen, the inputs' bytes, the options). Building the same inputs again, into
// any folder, writes those files without reading a spec; a changed byte of input or a new kubegen makes a new key.
// The newest builds are kept, within a count and a size; a damaged file reads as missing and is built again.
import { readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { readChecked, writeChecked } from '../../core/source/cache-file.js';
import { userCacheDir } from '../../core/source/release/cache.js';
import type { RenderedFile } from '../emit/js.js';

/** A build found in the cache: what the read stage reported, and every file, the stamp included. */
export interface CachedBuild {
  summary: string;
  files: RenderedFile[];
  /** What rebuilding only the groups of changed CRD files needs (build-record.ts), when the build can. */
  record?: unknown;
}

export interface BuildCache {
  get(key: string): CachedBuild | undefined;
  set(key: string, build: CachedBuild): void;
}

const KEEP = { builds: 12, bytes: 160 << 20 };

/** The cache, or undefined when `cache` is false or KUBEGEN_CACHE=0. */
export function buildCache(cache: boolean | undefined): BuildCache | undefined {
  if (cache === false || process.env.KUBEGEN_CACHE === '0') return undefined;
  const dir = join(userCacheDir(), 'builds');
  const file = (key: string) => join(dir, `${key}.json`);
  return {
    get(key) {
      const body = readChecked(file(key));
      const build = body === undefined ? undefined : parseBuild(body);
      if (build) touch(file(key));
      return build;
    },
    set(key, build) {
      writeChecked(
        file(key),
        JSON.stringify({
          summary: build.summary,
          files: build.files.map((f) => [f.path, f.content]),
          ...(build.record ? { record: build.record } : {}),
        }),
      );
      prune(dir, file(key));
    },
  };
}

function parseBuild(body: string): CachedBuild | undefined {
  try {
    const { summary, files, record } = JSON.parse(body) as {
      summary: string;
      files: [string, string][];
      record?: unknown;
    };
    return { summary, files: files.map(([path, content]) => ({ path, content })), ...(record ? { record } : {}) };
  } catch {
    return undefined;
  }
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

/** Removes the builds used longest ago beyond the count and size kept; the one just written always stays. */
function prune(dir: string, kept: string): void {
  try {
    const builds = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const { size, mtimeMs } = statSync(join(dir, name));
        return { path: join(dir, name), size, mtimeMs };
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    let bytes = 0;
    builds.forEach((build, i) => {
      bytes += build.size;
      if (build.path !== kept && (i >= KEEP.builds || bytes > KEEP.bytes)) rmSync(build.path, { force: true });
    });
  } catch {
    // another run pruning at once, or a read-only cache: the next write prunes again
  }
}
