// What a build step's stamp says about kubegen itself, without loading the emitter: the version, the code and
// templates that shape the output (by content), and the runtime release generated code is built against. A no-op
// rebuild must not pay for openapi-typescript and the TypeScript compiler.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './cache.js';
import { kubegenVersion, packageRoot } from '../../core/package.js';

export { kubegenVersion } from '../../core/package.js';

/** The `@kubegen/runtime` version generated code is built against: a generated package depends on `^` it. */
export function runtimeVersion(): string {
  const pkg = createRequire(import.meta.url)('@kubegen/runtime/package.json') as { version: string };
  return pkg.version;
}

/** The `@kubegen/validation` version generated validators are built against. */
export function validationVersion(): string {
  const pkg = createRequire(import.meta.url)('@kubegen/validation/package.json') as { version: string };
  return pkg.version;
}

let fingerprint: string | undefined;

/**
 * What kubegen's output depends on besides its inputs: its version, and the templates and code that turn specs
 * into files, by content — so the stamp is the same on every machine. The content hash is cached against the
 * files' sizes and times, so a no-op does not read kubegen's own files; it is taken once per process, as the code
 * running is the code loaded.
 */
export function kubegenFingerprint(): string {
  fingerprint ??= fingerprintOfFiles();
  return fingerprint;
}

function fingerprintOfFiles(): string {
  // This module sits in generator/pipeline (under dist/ once built); the code that shapes the output is core/,
  // generator/emit and generator/pipeline beside it.
  const code = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  const root = packageRoot();
  const folders = [
    join(root, 'templates'),
    join(code, 'core'),
    join(code, 'generator', 'emit'),
    join(code, 'generator', 'pipeline'),
  ];
  // Sorted by the path inside each folder, as every path of a folder starts with it.
  const files = folders.flatMap((folder) => codeFiles(folder).sort());
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

/**
 * The code and template files under `dir`. Walked folder by folder, the paths put together with no normalizing: for
 * a hundred files, Node 20's recursive readdir and path.join cost a no-op more than their stat calls.
 */
function codeFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}${sep}${entry.name}`;
    if (entry.isDirectory()) found.push(...codeFiles(path));
    else if (/\.(js|ts|hbs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}
