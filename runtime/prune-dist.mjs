// Run after the build when packing: removes from dist/ what the build no longer makes (the output of a deleted or
// renamed source, maps and build info of earlier settings), leaving current files in place, so that processes
// using the runtime while it is packed never find it missing.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');

for (const entry of readdirSync(dist, { recursive: true })) {
  const file = join(dist, String(entry));
  if (statSync(file).isDirectory()) continue;
  const path = relative(dist, file);
  const source = path.replace(/\.d\.ts$|\.js$/, '.ts');
  const current = source !== path && statSync(join(root, source), { throwIfNoEntry: false })?.isFile();
  if (!current) rmSync(file);
}
