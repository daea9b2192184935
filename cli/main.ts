#!/usr/bin/env node
// kubegen's command line: each command lives in cli/commands/ and registers itself in program.ts.
import { oneLine } from '../core/spec/errors.js';
import { kubegenProgram } from './program.js';

kubegenProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    // One clear line, no stack: errors carry their spec location or request already.
    process.stderr.write(`kubegen: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    process.exit(1);
  });
