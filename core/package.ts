// kubegen's own package: its root folder (where package.json and templates/ sit, whether the code runs from source
// or from dist) and its version. Loads nothing beyond node:fs, so the CLI can report a version cheaply.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;
let version: string | undefined;

/** The folder holding kubegen's package.json and templates/. */
export function packageRoot(): string {
  if (root) return root;
  const here = fileURLToPath(import.meta.url);
  let dir = dirname(here);
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'templates'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`kubegen's package.json not found above ${here}`);
    dir = parent;
  }
  root = dir;
  return root;
}

/** The version in kubegen's package.json. */
export function kubegenVersion(): string {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
