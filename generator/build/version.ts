// kubegen's version without loading the emitter: the CLI reports it and a build step's stamp starts with it, and
// neither may pay for openapi-typescript and the TypeScript compiler (a no-op rebuild must stay fast).
import { existsSync, readFileSync } from 'node:fs';
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
