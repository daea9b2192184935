// kubegen's version without loading the emitter: the CLI reports it and a build step's stamp starts with it, and
// neither may pay for openapi-typescript and the TypeScript compiler (a no-op rebuild must stay fast).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './cache.js';

let version: string | undefined;

/** The version in kubegen's package.json, found from this module whether it runs from source or from dist. */
export function kubegenVersion(): string {
  if (version) return version;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'templates'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`kubegen's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** The `@kubegen/runtime` version generated code is built against: a generated package depends on `^` it. */
export function runtimeVersion(): string {
  const pkg = createRequire(import.meta.url)('@kubegen/runtime/package.json') as { version: string };
  return pkg.version;
}

/**
 * What kubegen's output depends on besides its inputs: its version, and the templates and code that turn specs
 * into files, by content — so the stamp is the same on every machine. The content hash is cached against the
 * files' sizes and times, so a no-op does not read kubegen's own files.
 */
export function kubegenFingerprint(): string {
  const here = dirname(fileURLToPath(import.meta.url)); // …/generator/build (source or dist)
  const generator = dirname(here);
  let root = generator;
  while (!existsSync(join(root, 'templates'))) root = dirname(root);
  const files = [join(root, 'templates'), ...['build', 'emit', 'model', 'source'].map((f) => join(generator, f))].flatMap((folder) =>
    (readdirSync(folder, { recursive: true }) as string[])
      .filter((n) => /\.(js|ts|hbs)$/.test(n) && !n.endsWith('.d.ts'))
      .sort()
      .map((n) => join(folder, n)),
  );
  const signature = createHash('sha256');
  for (const f of files) {
    const info = statSync(f);
    signature.update(`\0${f}\0${info.size}\0${info.mtimeMs}`);
  }
  const cacheFile = join(cacheDir(root), 'fingerprint.json');
  const stat = signature.digest('hex');
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { stat?: string; content?: string };
    if (cached.stat === stat && cached.content) return cached.content;
  } catch {
    // no cache yet
  }
  const content = createHash('sha256').update(kubegenVersion());
  for (const f of files) content.update(`\0${relative(root, f).split('\\').join('/')}\0`).update(readFileSync(f));
  const hash = content.digest('hex');
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ stat, content: hash }));
  } catch {
    // a read-only install: hashed again next time
  }
  return hash;
}
