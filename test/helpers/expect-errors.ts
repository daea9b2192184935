// Checks a consumer program written against generated code both ways: as written it type-checks (every
// `// @ts-expect-error` line included), and with the markers removed each marked line fails on its own — so types
// that are too loose cannot pass unnoticed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ts from 'typescript';
import { typecheck } from './typecheck.ts';

const MARKER = '// @ts-expect-error';

export interface ExpectErrorsResult {
  /** Diagnostics of the program as written (should be empty). */
  errors: string[];
  /** How many lines carry the marker. */
  marked: number;
  /** Marked lines that compile without their marker (should be empty). */
  loose: string[];
}

/** `options` are added to `--strict` (exactOptionalPropertyTypes…). */
export function expectErrorsBothWays(
  dir: string,
  name: string,
  program: string,
  options: ts.CompilerOptions = {},
): ExpectErrorsResult {
  const file = join(dir, name);
  writeFileSync(file, program);
  const errors = typecheck(dir, options);
  const lines = program.split('\n');
  const marked = lines.flatMap((l, i) => (l.trim().startsWith(MARKER) ? [i + 1] : []));
  writeFileSync(file, lines.map((l) => (l.trim().startsWith(MARKER) ? '' : l)).join('\n'));
  const at = new RegExp(`${name.replace(/\./g, '\\.')}\\((\\d+)\\)`);
  const failing = new Set(
    typecheck(dir, options).flatMap((e) => {
      const m = at.exec(e);
      return m ? [Number(m[1])] : [];
    }),
  );
  const loose = marked
    .filter((line) => !failing.has(line + 1))
    .map((line) => `line ${line + 1}: ${lines[line]!.trim()}`);
  return { errors, marked: marked.length, loose };
}
