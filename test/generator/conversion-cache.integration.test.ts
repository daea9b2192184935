// The conversion cache on Kubernetes 1.35, through the built CLI: the output is the same bytes without the cache,
// cold and warm, and the warm run loads neither the TypeScript compiler nor openapi-typescript.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/e2e-cli.ts';
import { sharedPath, sharedSkip } from '../helpers/shared.ts';

describe('conversion cache on Kubernetes 1.35', { skip: sharedSkip }, () => {
  const root = mkdtempSync(join(tmpdir(), 'kubegen-conversions-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  const generate = async (out: string, env: NodeJS.ProcessEnv = {}) => {
    const spec = sharedPath('specs', 'v3', 'kubernetes-1.35');
    const run = await runCli(['generate', '--spec', spec, '--out', join(root, out)], {
      env: { XDG_CACHE_HOME: join(root, 'cache'), KUBEGEN_CACHE: '1', ...env },
      timeoutMs: 240_000,
    });
    assert.equal(run.code, 0, run.stderr);
    return run;
  };
  const files = (out: string) =>
    new Map(
      (readdirSync(join(root, out), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts'))
        .sort()
        .map((f) => [f, readFileSync(join(root, out, f), 'utf8')]),
    );

  it('writes the same bytes without the cache, cold and warm; warm, it loads no compiler', async () => {
    await generate('without', { KUBEGEN_CACHE: '0' });
    await generate('cold');
    // Node names every CommonJS file it loads; the compiler is CommonJS, and openapi-typescript loads it.
    const warm = await generate('warm', { NODE_DEBUG: 'module' });
    const without = files('without');
    assert.ok(without.size > 30);
    assert.deepEqual(files('cold'), without);
    assert.deepEqual(files('warm'), without);
    assert.doesNotMatch(warm.stderr, /node_modules\/typescript\/lib|node_modules\/openapi-typescript\/dist/);
  });
});
