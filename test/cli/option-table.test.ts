// `kubegen generate` parses its plain forms without commander: for the same arguments it must find what commander
// finds, and leave every other form (help, mistakes, several values after --spec) to commander and its messages.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateOptions } from '../../cli/commands/generate.ts';
import { parseOptionsFast } from '../../cli/option-table.ts';
import { kubegenProgram } from '../../cli/program.ts';

/** What commander makes of `kubegen generate ARGS`: the flags and the keys typed, or its error. */
async function commanderParse(args: string[]): Promise<{ flags: Record<string, unknown>; given: string[] } | Error> {
  const program = await kubegenProgram('generate');
  const generate = program.commands.find((c) => c.name() === 'generate')!;
  for (const command of [program, generate])
    command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  generate.action(() => {});
  try {
    await program.parseAsync(['node', 'kubegen', 'generate', ...args]);
  } catch (err) {
    return err as Error;
  }
  const flags = generate.opts();
  return { flags, given: Object.keys(flags).filter((key) => generate.getOptionValueSource(key) === 'cli') };
}

const same: [string, string[]][] = [
  ['no arguments', []],
  ['a spec and an output folder', ['--spec', 'a.json', '--out', 'gen']],
  ['values after =, and an empty one', ['--spec=a.json', '--out=', '--crd=c.yaml']],
  ['repeated --spec and --crd add up', ['--spec', 'a', '--crd', 'c', '--spec', 'b', '--crd', 'd', '--out', 'o']],
  ['a repeated single value: the last wins', ['--kubernetes', '1.34', '--kubernetes', '1.35', '--out', 'o']],
  ['a cluster', ['--server', 'http://127.0.0.1:8001', '--kubeconfig', 'k', '--context', 'dev', '--out', 'o']],
  [
    'every option of generate',
    [
      ...['--include', 'apps', '--include', 'core', '--exclude', 'batch', '--crds-only', '--emit', 'js'],
      ...['--package', '@acme/k8s-{minor}@1.0.0', '--check', '--force', '--config', 'kubegen.config.json'],
      ...['--concurrency', '3', '--runtime-import', 'rt', '--validators', '--import-extension', 'ts'],
      ...['--no-cache', '--profile', '--out', 'o'],
    ],
  ],
  ['a flag given twice', ['--check', '--check', '--no-cache', '--no-cache']],
];

/** Forms the fast parse declines, and what commander makes of them. */
const toCommander: [string, string[], string | { spec: string[] }][] = [
  ['--help', ['--help'], '(outputHelp)'],
  ['-h', ['-h'], '(outputHelp)'],
  ['an unknown option', ['--bogus'], "error: unknown option '--bogus'"],
  ['a missing value', ['--out'], "error: option '--out <dir>' argument missing"],
  ['a value given to a switch', ['--check=1'], "error: unknown option '--check=1'\n(Did you mean --check?)"],
  ['the negated switch, not negated', ['--cache'], "error: unknown option '--cache'\n(Did you mean --no-cache?)"],
  ['an argument', ['--out', 'o', 'extra'], "error: too many arguments for 'generate'. Expected 0 arguments but got 1."],
  ['several values after --spec', ['--spec', 'a', 'b'], { spec: ['a', 'b'] }],
];

describe('generate parses its plain forms without commander', () => {
  for (const [name, args] of same)
    it(`${name}: the same flags as commander`, async () => {
      const fast = parseOptionsFast(generateOptions, args);
      assert.ok(fast, 'parsed without commander');
      const want = await commanderParse(args);
      assert.ok(!(want instanceof Error), String(want));
      assert.deepEqual(fast.flags, want.flags);
      assert.deepEqual([...fast.given].sort(), want.given.sort());
    });

  for (const [name, args, want] of toCommander)
    it(`${name}: left to commander`, async () => {
      assert.equal(parseOptionsFast(generateOptions, args), undefined);
      const got = await commanderParse(args);
      if (typeof want === 'string') assert.equal(got instanceof Error ? got.message : got, want);
      else assert.deepEqual(got instanceof Error ? got.message : got.flags.spec, want.spec);
    });
});
