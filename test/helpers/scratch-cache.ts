// A test's own folder with kubegen's cache in it (the cache switch left on) and a copy of the example spec; the
// environment is put back and the folder removed after the suite, as a fast test file must leave its process.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { projectRoot } from './shared.ts';

export interface ScratchCache {
  /** The folder; its `cache` is XDG_CACHE_HOME while the suite runs. */
  dir: string;
  /** A copy of examples/widgets-api.yaml in it, free to change. */
  spec: string;
}

/** Call inside a `describe`; the fields are set once its `before` hooks have run. */
export function scratchCache(prefix: string): ScratchCache {
  const scratch: ScratchCache = { dir: '', spec: '' };
  const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, KUBEGEN_CACHE: process.env.KUBEGEN_CACHE };
  before(() => {
    scratch.dir = mkdtempSync(join(tmpdir(), prefix));
    process.env.XDG_CACHE_HOME = join(scratch.dir, 'cache');
    delete process.env.KUBEGEN_CACHE;
    scratch.spec = join(scratch.dir, 'widgets-api.yaml');
    copyFileSync(join(projectRoot, 'examples', 'widgets-api.yaml'), scratch.spec);
  });
  after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(scratch.dir, { recursive: true, force: true });
  });
  return scratch;
}
