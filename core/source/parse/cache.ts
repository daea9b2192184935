// Large YAML texts (CRD manifests run to megabytes) kept parsed in kubegen's folder of the user cache, in V8's
// serialization, under the hash of the text, the limits, this reader's own code and V8's version: V8 reads it many
// times faster than any YAML parser, and writes it at half the cost of JSON text (which must then be encoded), with
// every value as parsed (-0, `.inf`, `.nan`, a value two aliases share). Only a text that parsed without a problem is
// kept.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { readCheckedBytes, writeChecked } from '../cache-file.js';
import { sha256 } from '../inputs/hash.js';
import { userCacheDir } from '../release/cache.js';

/** Smaller texts parse faster than their cache file would be checked. */
const MIN_LENGTH = 4 * 1024;

let salt: string | undefined;

/**
 * The documents of a text (or its UTF-8 bytes, which hash alike), from the cache when it holds them, else parsed by
 * `parse` (and kept when `cache`). `textHash`, the text's sha256 when the caller knows it, spares hashing it again.
 */
export function cachedDocuments(
  text: string | Buffer,
  limits: object,
  cache: boolean,
  parse: () => unknown[],
  textHash?: string,
): unknown[] {
  if (!cache || text.length < MIN_LENGTH || process.env.KUBEGEN_CACHE === '0') return parse();
  const key = sha256(`${readerSalt()}\0${JSON.stringify(limits)}\0${textHash ?? sha256(text)}`);
  const file = join(userCacheDir(), 'parsed', `${key}.v8`);
  const hit = readCheckedBytes(file);
  if (hit !== undefined) return deserialize(hit) as unknown[];
  const docs = parse();
  writeChecked(file, serialize(docs));
  return docs;
}

/** What a parse depends on besides the text: this folder's code, the YAML libraries' versions and V8's. */
function readerSalt(): string {
  if (salt !== undefined) return salt;
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  hash.update(`${process.versions.v8}\0`);
  for (const library of ['yaml', 'js-yaml'])
    hash.update(`${(require(`${library}/package.json`) as { version: string }).version}\0`);
  for (const name of readdirSync(here).sort())
    if (/\.(js|ts)$/.test(name) && !name.endsWith('.d.ts'))
      hash.update(`\0${name}\0`).update(readFileSync(join(here, name)));
  salt = hash.digest('hex');
  return salt;
}
