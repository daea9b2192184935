// Reading a spec through kubegen's bounded reader (duplicate keys refused, nesting checked) side by side with the
// plain parsers alone, JSON.parse, or for YAML js-yaml (which the reader uses for plain texts) and the yaml library
// (which reads texts with anchors), on the same text in the same process. Prints the median of interleaved rounds
// of each and the ratios; the reader should cost little over the parser it wraps.
//   npx tsx bench/read-spec.ts [FILE] [ROUNDS]
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { parseTextDocuments } from '../core/source/parse/index.ts';
import { sharedPath } from '../test/helpers/shared.ts';

const file = process.argv[2] ?? sharedPath('specs', 'v2', 'kubernetes-1.35.json');
const rounds = Number(process.argv[3] ?? 21);
const text = readFileSync(file, 'utf8');
const yaml = !file.endsWith('.json');

const parsers: [string, () => unknown][] = yaml
  ? [
      ['js-yaml', () => loadAll(text, undefined, { schema: CORE_SCHEMA })],
      ['yaml library', () => parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: -1 }))],
    ]
  : [['JSON.parse', () => JSON.parse(text) as unknown]];
const runs: [string, () => unknown][] = [...parsers, ['kubegen reader', () => parseTextDocuments(file, text)]];

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

// Warm each up, then interleave so that a busy machine slows all alike.
for (let i = 0; i < 3; i++) for (const [, run] of runs) time(run);
const times = runs.map(() => [] as number[]);
for (let i = 0; i < rounds; i++) runs.forEach(([, run], k) => times[k]!.push(time(run)));
console.log(`${file} (${(text.length / 1024 ** 2).toFixed(1)} MiB), median of ${rounds} rounds`);
const reader = median(times[runs.length - 1]!);
runs.forEach(([name], k) => {
  const ms = median(times[k]!);
  const ratio = k === runs.length - 1 ? '' : `  reader ${(reader / ms).toFixed(2)}x`;
  console.log(`  ${name.padEnd(14)} ${ms.toFixed(1).padStart(7)} ms  (${spread(times[k]!)})${ratio}`);
});
