// Schema conversions kept between runs, in kubegen's folder of the user's cache: one file per module bucket, named
// by the hash of everything the bucket was made from; a damaged file reads as missing and is made again.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readChecked, writeChecked } from '../../core/source/cache-file.js';
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
    get: (key) => readChecked(file(key)),
    set: (key, body) => writeChecked(file(key), body),
  };
}

/** The installed version of a package the conversion's text depends on. */
function versionOf(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}
