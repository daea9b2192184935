// After tsc: the package's two entries bundled into one module each, their shared code in chunks and the CEL half
// in one loaded on first use. Node loads a few modules instead of some forty small ones, which is a good part of
// the start-up of a tool that checks one file and exits. The CEL library stays a dependency, imported as it is.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
rmSync(`${root}dist/bundle`, { recursive: true, force: true });
await build({
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
});
