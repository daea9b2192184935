// kubegen's version without loading the emitter: the CLI reports it and a build step's stamp starts with it, and
// neither may pay for openapi-typescript and the TypeScript compiler (a no-op rebuild must stay fast).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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
 * into files (by size and modification time: an upgrade or a rebuild of kubegen makes the next build a real one,
 * without reading kubegen's own files on every no-op).
 */
export function kubegenFingerprint(): string {
  const here = dirname(fileURLToPath(import.meta.url)); // …/generator/build (source or dist)
  const generator = dirname(here);
  let root = generator;
  while (!existsSync(join(root, 'templates'))) root = dirname(root);
  const folders = [join(root, 'templates'), ...['build', 'emit', 'model', 'source'].map((f) => join(generator, f))];
  const hash = createHash('sha256').update(kubegenVersion());
  for (const folder of folders) {
    const names = (readdirSync(folder, { recursive: true }) as string[]).filter((n) => /\.(js|ts|hbs)$/.test(n) && !n.endsWith('.d.ts')).sort();
    for (const n of names) {
      const info = statSync(join(folder, n));
      hash.update(`\0${n}\0${info.size}\0${info.mtimeMs}`);
    }
  }
  return hash.digest('hex');
}
