// A command's options as one table: it registers them with commander (help, errors, every rare form of an argument),
// and parses the common case of `kubegen generate` without loading commander, whose load costs a build step's no-op
// a tenth of its time. Whatever the fast parse is unsure of goes to commander, so messages stay commander's own.
import type { Command } from 'commander';
import { parseArgs } from 'node:util';

export interface OptionSpec {
  /** As commander spells it: `--out <dir>`, `--spec <path...>` (takes several values), `--check`, `--no-cache`. */
  flags: string;
  description: string;
  /** Given again, adds its value to a list instead of replacing the last. */
  repeatable?: boolean;
}

/** Parsed flags, keyed as commander keys them (`--crds-only` → crdsOnly), and which of them the arguments gave. */
export interface ParsedOptions {
  flags: Record<string, unknown>;
  given: ReadonlySet<string>;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function addOptions(command: Command, table: readonly OptionSpec[]): Command {
  for (const o of table)
    if (o.repeatable) command.option(o.flags, o.description, collect);
    else command.option(o.flags, o.description);
  return command;
}

/**
 * The options of `args` when every one is a long option of `table` spelled plainly (`--out DIR`, `--out=DIR`, one
 * value after each `--spec`); undefined for anything else (help, short or unknown options, a missing value, values
 * after `--spec DIR`), which commander then parses and reports.
 */
export function parseOptionsFast(table: readonly OptionSpec[], args: readonly string[]): ParsedOptions | undefined {
  // Help, short options and `--` are commander's, told apart without parseArgs' throwing and loading its messages.
  if (args.some((arg) => arg === '--' || arg === '--help' || /^-[^-]/.test(arg))) return undefined;
  const shapes = table.map(shape);
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        shapes.map((s) => [s.name, { type: s.takesValue ? 'string' : 'boolean', multiple: s.list }] as const),
      ),
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    return undefined;
  }
  const flags: Record<string, unknown> = {};
  const given = new Set<string>();
  for (const s of shapes) {
    // commander gives a negated flag its default up front: true unless `--no-…` is given.
    if (s.negated) flags[s.key] = true;
    const value = values[s.name];
    if (value === undefined) continue;
    flags[s.key] = s.negated ? false : value;
    given.add(s.key);
  }
  return { flags, given };
}

interface Shape {
  /** The long name as typed, without `--`. */
  name: string;
  /** commander's key for it. */
  key: string;
  takesValue: boolean;
  list: boolean;
  negated: boolean;
}

function shape(o: OptionSpec): Shape {
  const [, name = '', value = ''] = /^--([a-z][a-z0-9-]*)(?: <([^>]+)>)?$/.exec(o.flags) ?? [];
  if (!name) throw new Error(`option ${o.flags}: expected --name or --name <value>`);
  const negated = name.startsWith('no-') && !value;
  const key = (negated ? name.slice(3) : name).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return { name, key, takesValue: value !== '', list: Boolean(o.repeatable) || value.endsWith('...'), negated };
}
