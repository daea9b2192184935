// Which of the heavy packages a `kubegen` run loads: the compiler and openapi-typescript are for schemas the direct
// emitter leaves to them (and for `--emit js`), so a run over common schemas loads neither.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, runNode } from './e2e-cli.ts';

const TOOLCHAIN = /[\\/]node_modules[\\/](typescript|openapi-typescript|@redocly[\\/]openapi-core)[\\/]/;

/** Reports, as the process exits, every loaded file of those packages (CommonJS: all three load through require). */
const REPORTER = `data:text/javascript,${encodeURIComponent(`
import { createRequire } from 'node:module';
const cache = createRequire(process.cwd() + '/').cache;
process.on('exit', () => {
  const loaded = Object.keys(cache).filter((f) => ${TOOLCHAIN}.test(f));
  process.stderr.write('toolchain-loaded ' + JSON.stringify(loaded) + '\\n');
});`)}`;

/** Runs `kubegen generate ARGS --out TMP --no-cache` and answers the toolchain files it loaded. */
export async function toolchainLoadedBy(args: string[]): Promise<string[]> {
  const out = mkdtempSync(join(tmpdir(), 'kubegen-toolchain-'));
  try {
    const result = await runNode(['--import', REPORTER, cliPath, 'generate', ...args, '--out', out, '--no-cache']);
    if (result.code !== 0) throw new Error(`kubegen generate ${args.join(' ')} failed: ${result.stderr}`);
    const line = /^toolchain-loaded (.*)$/m.exec(result.stderr);
    if (!line) throw new Error(`no report of loaded modules: ${result.stderr}`);
    return JSON.parse(line[1]!) as string[];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
