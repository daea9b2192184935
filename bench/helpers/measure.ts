// Side-by-side timing on a small, shared, noisy machine: every case runs once per round, the order rotating
// from round to round so no case always follows the same neighbour; warm-up rounds are thrown away; a full GC
// (when node runs with --expose-gc) before every run keeps one case's garbage off the next case's clock.
// Reported: the median of each case, and the median of the per-round ratios (robust to a slow round).

export interface Case {
  name: string;
  /** One run; resolves to a value the bench checks (an item or event count), so nothing is optimized away. */
  run(): Promise<number>;
}

export interface Measured {
  name: string;
  ms: number[];
  median: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function compare(cases: Case[], options: { warmup: number; runs: number; expect: number }): Promise<Measured[]> {
  const ms = cases.map(() => [] as number[]);
  for (let round = 0; round < options.warmup + options.runs; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (round + k) % cases.length;
      gc?.();
      const start = performance.now();
      const got = await cases[i]!.run();
      const took = performance.now() - start;
      if (got !== options.expect) throw new Error(`${cases[i]!.name} returned ${got}, expected ${options.expect}`);
      if (round >= options.warmup) ms[i]!.push(took);
    }
  }
  return cases.map((c, i) => ({ name: c.name, ms: ms[i]!, median: median(ms[i]!) }));
}

/** Median over rounds of a.ms[r] / b.ms[r]: rounds are paired, so a noisy round skews both sides alike. */
export function pairedRatio(a: Measured, b: Measured): number {
  return median(a.ms.map((x, r) => x / b.ms[r]!));
}

export function report(title: string, results: Measured[], floor: Measured, ours: Measured, other: Measured): void {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(title);
  for (const r of results) {
    console.log(`  ${r.name.padEnd(width)}  median ${r.median.toFixed(1).padStart(8)} ms   [${r.ms.map((x) => x.toFixed(0)).join(' ')}]`);
  }
  const vsFloor = pairedRatio(ours, floor);
  const vsOther = pairedRatio(other, ours);
  console.log(`  ${ours.name} / ${floor.name}: ${vsFloor.toFixed(2)}×  (median of per-round ratios; ratio of medians ${(ours.median / floor.median).toFixed(2)}×)  target ≤ 1.20× ${vsFloor <= 1.2 ? 'MET' : 'MISSED'}`);
  console.log(`  ${other.name} / ${ours.name}: ${vsOther.toFixed(2)}×  (ours is ${vsOther.toFixed(1)}× faster; ratio of medians ${(other.median / ours.median).toFixed(2)}×)  target ≥ 2.00× ${vsOther >= 2 ? 'MET' : 'MISSED'}`);
  // No client that parses the same JSON can beat the floor, so this bounds the speed-up over `other`.
  console.log(`  ${other.name} / ${floor.name}: ${pairedRatio(other, floor).toFixed(2)}×  (the most any client that parses every object can gain over ${other.name})`);
  if (!gc) console.log('  (run node with --expose-gc for a GC before every run: steadier numbers)');
}
