import type { Command } from 'commander';

export function registerDiff(program: Command): void {
  program.command('diff').description('not yet built').action(() => {
    throw new Error('kubegen diff is not built yet');
  });
}
