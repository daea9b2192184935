// kubegen's version without loading the emitter: the CLI reports it and a build step's stamp starts with it, and
// neither may pay for openapi-typescript and the TypeScript compiler (a no-op rebuild must stay fast).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
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
 * What kubegen's output depends on besides its inputs: its version, templates and the code that turns specs into
 * files. Hashed by content, so an upgrade or a local change of kubegen makes the next build a real one.
 */
export async function kubegenFingerprint(): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url)); // …/generator/build (source or dist)
  const generator = dirname(here);
  let root = generator;
  while (!existsSync(join(root, 'templates'))) root = dirname(root);
  const folders = [join(root, 'templates'), ...['build', 'emit', 'model', 'source'].map((f) => join(generator, f))];
  const hash = createHash('sha256').update(kubegenVersion());
  for (const folder of folders) {
    const names = (await readdir(folder, { recursive: true })).filter((n) => /\.(js|ts|hbs)$/.test(n) && !n.endsWith('.d.ts')).sort();
    const contents = await Promise.all(names.map((n) => readFile(join(folder, n))));
    names.forEach((n, i) => hash.update(`\0${n}\0`).update(contents[i]!));
  }
  return hash.digest('hex');
}
