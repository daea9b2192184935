// `kubegen generate --spec PATH... --out DIR`: a thin layer over generate().
import type { Command } from 'commander';
import { generate } from '../generate.js';
import { DEFAULT_RUNTIME_IMPORT } from '../emit/render.js';

interface GenerateFlags {
  spec: string[];
  out: string;
  runtimeImport: string;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('generate typed TypeScript clients from Kubernetes OpenAPI specs')
    .requiredOption('--spec <path...>', 'a v2 or v3 spec file (JSON or YAML), or a folder laid out like /openapi/v3; repeatable')
    .requiredOption('--out <dir>', 'the output folder (kubegen replaces only its own files there)')
    .option('--runtime-import <specifier>', 'the module generated code imports the runtime types from', DEFAULT_RUNTIME_IMPORT)
    .action(async (flags: GenerateFlags) => {
      const { files, written } = await generate({ specs: flags.spec, out: flags.out, runtimeImport: flags.runtimeImport });
      const removed = written.removed.length ? `, removed ${written.removed.length} stale` : '';
      process.stdout.write(`kubegen: wrote ${files.size} files to ${flags.out}${removed}\n`);
    });
}
