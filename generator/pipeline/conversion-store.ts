// Schema conversions kept between runs, in kubegen's folder of the user's cache: one file per module bucket, named
// by the hash of everything the bucket was made from. A file starts with the sha256 of the rest, so one cut short
// or altered reads as missing and is made again; it is written under a temporary name and renamed into place.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { sha256 } from '../../core/source/inputs/hash.js';
import { userCacheDir } from '../../core/source/release/cache.js';
import type { ConversionStore } from '../emit/conversions.js';
import { kubegenFingerprint } from './fingerprint.js';

/** The store, or undefined when `cache` is false or KUBEGEN_CACHE=0. */
export function conversionStore(cache: boolean | undefined): ConversionStore | undefined {
  if (cache === false || process.env.KUBEGEN_CACHE === '0') return undefined;
  const dir = join(userCacheDir(), 'conversions');
  const file = (key: string) => join(dir, `${key}.json`);
  return {
    salt: sha256(JSON.stringify([kubegenFingerprint(), versionOf('typescript'), versionOf('openapi-typescript')])),
    get(key) {
      try {
        const text = readFileSync(file(key), 'utf8');
        const end = text.indexOf('\n');
        const body = text.slice(end + 1);
        return end === 64 && text.slice(0, end) === sha256(body) ? body : undefined;
      } catch {
        return undefined;
      }
    },
    set(key, body) {
      const temporary = `${file(key)}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temporary, `${sha256(body)}\n${body}`);
        renameSync(temporary, file(key));
      } catch {
        // A cache that cannot be written only costs the next run its conversions.
        rmSync(temporary, { force: true });
      }
    },
  };
}

/** The installed version of a package the conversion's text depends on. */
function versionOf(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}
