import type { Command } from 'commander';

export function registerGenerate(program: Command): void {
  program.command('generate').description('not yet built').action(() => {
    throw new Error('kubegen generate is not built yet');
  });
}
