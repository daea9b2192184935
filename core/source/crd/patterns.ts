// Which files `--crd` names, apart from reading them: opening inputs (and hashing them for a cache) loads no parser.
import { type Stats, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { documentExtensions, filesUnder } from '../folders.js';

/**
 * `--crd FILE|DIR|GLOB` → manifest files: a file as it is, a folder's .yaml/.yml/.json files (recursively, sorted,
 * through symbolic links), a glob's matches (sorted). A name that is neither, or a glob matching nothing, is an error
 * naming the pattern after `flag` (the option it came from; empty for an argument).
 */
export async function resolveCrdPaths(patterns: string[], cwd = process.cwd(), flag = '--crd'): Promise<string[]> {
  const out: string[] = [];
  for (const pattern of patterns) {
    const path = resolve(cwd, pattern);
    const info = statOrUndefined(path);
    if (info?.isFile()) {
      out.push(path);
      continue;
    }
    const named = `${flag ? `${flag} ` : ''}${pattern}`;
    // The glob library loads only for a pattern that is neither a file nor a folder.
    const globs = info?.isDirectory() ? undefined : await import('tinyglobby');
    const found = globs
      ? await globs.glob(pattern, { cwd, absolute: true, onlyFiles: true })
      : await filesUnder(path, documentExtensions, (at, detail) => {
          throw new Error(`${named}: ${at}: ${detail}`);
        });
    if (found.length === 0) {
      const why = info
        ? 'the folder holds no .yaml, .yml or .json file'
        : globs?.isDynamicPattern(pattern)
          ? 'matches no file'
          : 'no such file or folder';
      throw new Error(`${named}: ${why}`);
    }
    out.push(...found.sort());
  }
  return [...new Set(out)];
}

/** Synchronous: a folder of manifests is walked synchronously too, and a round trip to the thread pool costs more. */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
