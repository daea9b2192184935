// kubegen's commands, gathered into one program: main.ts runs it on process.argv, tests parse arguments in-process.
import { Command } from 'commander';
import { kubegenVersion } from '../core/package.js';

/** Each command's module, in the order help lists them. */
const commands: Record<string, () => Promise<(program: Command) => void>> = {
  generate: async () => (await import('./commands/generate.js')).registerGenerate,
  model: async () => (await import('./commands/model.js')).registerModel,
  serve: async () => (await import('./commands/serve.js')).registerServe,
  diff: async () => (await import('./commands/diff.js')).registerDiff,
  validate: async () => (await import('./commands/validate.js')).registerValidate,
};

/**
 * The program with every command, or with only `command` when one is named: a run of one command (validate in a
 * pre-commit hook) loads and registers that one alone, while help and a mistyped name still see them all.
 */
export async function kubegenProgram(command?: string): Promise<Command> {
  const program = new Command('kubegen')
    .description('Typed TypeScript clients for Kubernetes, generated from OpenAPI, CRDs or a live cluster')
    .version(kubegenVersion());
  const names = command !== undefined && Object.hasOwn(commands, command) ? [command] : Object.keys(commands);
  for (const register of await Promise.all(names.map((name) => commands[name]!()))) register(program);
  return program;
}
