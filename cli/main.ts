#!/usr/bin/env node
// kubegen's command line: each command lives in cli/commands/ and registers itself in program.ts.
import module from 'node:module';
import { oneLine } from '../core/spec/errors.js';

// Node 22+ keeps the compiled code of kubegen and its dependencies between runs; it must be on before they load.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

async function parseWithCommander(): Promise<void> {
  const { kubegenProgram } = await import('./program.js');
  // The first argument, when it names a command, is the only one registered.
  await (await kubegenProgram(process.argv[2])).parseAsync(process.argv);
}

// A reader that stops early (`kubegen validate … | head`) closes the pipe: the rest of what the command prints is
// dropped, and the command finishes as it would have, rather than dying on the write with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });

// A plain `generate`, the build step run on every build, starts without loading commander.
const fast =
  process.argv[2] === 'generate'
    ? (await import('./commands/generate.js')).generateFromArgs(process.argv.slice(3))
    : undefined;

(fast ?? parseWithCommander()).catch((err: unknown) => {
  // One clear line, no stack: errors carry their spec location or request already.
  process.stderr.write(`kubegen: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
