import type { Command } from 'commander';

export function registerServe(program: Command): void {
  program.command('serve').description('not yet built').action(() => {
    throw new Error('kubegen serve is not built yet');
  });
}
