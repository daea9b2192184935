import type { Command } from 'commander';

export function registerModel(program: Command): void {
  program.command('model').description('not yet built').action(() => {
    throw new Error('kubegen model is not built yet');
  });
}
