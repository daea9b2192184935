// Large YAML texts (CRD manifests run to megabytes) kept parsed in kubegen's folder of the user cache, as JSON, under
// the hash of the text, the limits and this reader's own code: V8 reads JSON many times faster than any YAML parser.
// Only a text that parsed without a problem is kept.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readChecked, writeChecked } from '../cache-file.js';
import { sha256 } from '../inputs/hash.js';
import { userCacheDir } from '../release/cache.js';
import { isExactInJson } from './yaml-plain.js';

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
  const file = join(userCacheDir(), 'parsed', `${key}.json`);
  const hit = readChecked(file);
  if (hit !== undefined) return JSON.parse(hit) as unknown[];
  const docs = parse();
  const body = jsonOf(docs);
  if (body !== undefined) writeChecked(file, body);
  return docs;
}

/** JSON of the documents, or undefined when JSON cannot hold them as they are (`.inf`, `.nan`, -0). */
function jsonOf(docs: unknown[]): string | undefined {
  // The fast reader knows its numbers: the replacer, called for every value, costs more than the writing.
  if (isExactInJson(docs)) return JSON.stringify(docs);
  let faithful = true;
  const body = JSON.stringify(docs, (_key, value: unknown) => {
    if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) faithful = false;
    return value;
  });
  return faithful ? body : undefined;
}

/** What a parse depends on besides the text: this folder's code and the YAML libraries' versions. */
function readerSalt(): string {
  if (salt !== undefined) return salt;
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  for (const library of ['yaml', 'js-yaml'])
    hash.update(`${(require(`${library}/package.json`) as { version: string }).version}\0`);
  for (const name of readdirSync(here).sort())
    if (/\.(js|ts)$/.test(name) && !name.endsWith('.d.ts'))
      hash.update(`\0${name}\0`).update(readFileSync(join(here, name)));
  salt = hash.digest('hex');
  return salt;
}
