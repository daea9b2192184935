// The command line as a user meets it: the built binary, its version and its commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/shared.ts';

const cli = join(projectRoot, 'dist', 'cli', 'main.js');
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

test('the kubegen binary reports the package version', () => {
  assert.equal(pkg.bin.kubegen, 'dist/cli/main.js');
  assert.equal(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim(), pkg.version);
});

test('help lists every command', () => {
  const help = execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  for (const command of ['generate', 'model', 'serve', 'diff'])
    assert.match(help, new RegExp(`^\\s+${command}\\b`, 'm'));
});
