#!/usr/bin/env node
// kubegen's command line: each command lives in cli/commands/ and registers itself here.
import { Command } from 'commander';
import { registerGenerate } from './commands/generate.js';
import { registerModel } from './commands/model.js';
import { registerServe } from './commands/serve.js';
import { registerDiff } from './commands/diff.js';
import { registerValidate } from './commands/validate.js';
import { kubegenVersion } from '../core/package.js';

const program = new Command('kubegen')
  .description('Typed TypeScript clients for Kubernetes, generated from OpenAPI, CRDs or a live cluster')
  .version(kubegenVersion());

registerGenerate(program);
registerModel(program);
registerServe(program);
registerDiff(program);
registerValidate(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  // One clear line, no stack: errors carry their spec location or request already.
  process.stderr.write(`kubegen: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
