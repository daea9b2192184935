// The command line as a user meets it: the built binary, its version and its commands, and a reader that stops
// reading early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

test('a reader that closes the pipe early: the command finishes, without a stack trace', async () => {
  const out = mkdtempSync(join(tmpdir(), 'kubegen-pipe-'));
  try {
    const example = join(projectRoot, 'examples', 'widgets-api.yaml');
    const child = spawn(process.execPath, [cli, 'generate', '--spec', example, '--out', out, '--no-cache'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the first line: every write kubegen makes to stdout meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk));
    const [code] = (await once(child, 'close')) as [number | null];
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.ok(readdirSync(out).includes('index.ts'), 'the output is written');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
