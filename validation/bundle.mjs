// After tsc: the package's two entries bundled into one module each, their shared code in chunks and the CEL half
// in one loaded on first use. Node loads a few modules instead of some forty small ones, which is a good part of
// the start-up of a tool that checks one file and exits. The CEL library stays a dependency, imported as it is.
// A rebuild (npm pack runs one) may happen while programs import the bundle: a file is replaced only when its bytes
// change, each by a rename, so that a reader finds the old file or the new one, never none or half of one.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const outdir = join(root, 'dist', 'bundle');
const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: ['dist/index.js', 'dist/core.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  write: false,
});
const written = new Set();
for (const { path, contents } of outputFiles) {
  written.add(path);
  if (existsSync(path) && Buffer.compare(readFileSync(path), contents) === 0) continue;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}
// Chunks of an earlier build that this one no longer makes (unchanged code keeps its chunks' names).
for (const name of readdirSync(outdir))
  if (!written.has(join(outdir, name))) rmSync(join(outdir, name), { force: true });
