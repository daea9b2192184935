// Reading a spec through kubegen's bounded reader (duplicate keys refused, nesting checked) side by side with the
// plain parser alone, JSON.parse or the yaml library, on the same text in the same process. Prints the median of
// interleaved rounds of each and the ratio; the reader should cost little over the parser it wraps.
//   npx tsx bench/read-spec.ts [FILE] [ROUNDS]
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { parseTextDocuments } from '../core/source/parse/index.ts';
import { sharedPath } from '../test/helpers/shared.ts';

const file = process.argv[2] ?? sharedPath('specs', 'v2', 'kubernetes-1.35.json');
const rounds = Number(process.argv[3] ?? 21);
const text = readFileSync(file, 'utf8');
const yaml = !file.endsWith('.json');

const plain = yaml
  ? () => parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: -1 }))
  : () => JSON.parse(text) as unknown;
const reader = () => parseTextDocuments(file, text);

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

// Warm both up, then interleave so that a busy machine slows both alike.
for (let i = 0; i < 3; i++) time(plain) + time(reader);
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < rounds; i++) {
  a.push(time(plain));
  b.push(time(reader));
}
console.log(`${file} (${(text.length / 1024 ** 2).toFixed(1)} MiB), median of ${rounds} rounds`);
console.log(
  `  ${(yaml ? 'yaml library' : 'JSON.parse').padEnd(14)} ${median(a).toFixed(1).padStart(7)} ms  (${spread(a)})`,
);
console.log(`  ${'kubegen reader'.padEnd(14)} ${median(b).toFixed(1).padStart(7)} ms  (${spread(b)})`);
console.log(`  ratio          ${(median(b) / median(a)).toFixed(2)}x`);
