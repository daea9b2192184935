// kubegen's commands, gathered into one program: main.ts runs it on process.argv, tests parse arguments in-process.
import { Command } from 'commander';
import { kubegenVersion } from '../core/package.js';
import { registerDiff } from './commands/diff.js';
import { registerGenerate } from './commands/generate.js';
import { registerModel } from './commands/model.js';
import { registerServe } from './commands/serve.js';
import { registerValidate } from './commands/validate.js';

export function kubegenProgram(): Command {
  const program = new Command('kubegen')
    .description('Typed TypeScript clients for Kubernetes, generated from OpenAPI, CRDs or a live cluster')
    .version(kubegenVersion());
  registerGenerate(program);
  registerModel(program);
  registerServe(program);
  registerDiff(program);
  registerValidate(program);
  return program;
}
