// Side-by-side timing on a small, shared, noisy machine: every case runs once per round, the order rotating
// from round to round so no case always follows the same neighbour; warm-up rounds are thrown away; a full GC
// (when node runs with --expose-gc) before every run keeps one case's garbage off the next case's clock.
// Two clocks: wall time (what a user waits), and this process's CPU time (user + system, all its threads,
// GC included) — the server runs in another process, so CPU time is the client's own work, and a machine
// busy with other processes disturbs it far less than the wall clock.
// Reported: the median of each case, and the median of the per-round ratios (robust to a slow round).

export interface Case {
  name: string;
  /** One run; resolves to a value the bench checks (an item or event count), so nothing is optimized away. */
  run(): Promise<number>;
}

export interface Measured {
  name: string;
  /** Wall time of each measured round, in ms. */
  ms: number[];
  median: number;
  /** CPU time of this process in each measured round, in ms. */
  cpu: number[];
  cpuMedian: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function compare(
  cases: Case[],
  options: { warmup: number; runs: number; expect: number },
): Promise<Measured[]> {
  const ms = cases.map(() => [] as number[]);
  const cpu = cases.map(() => [] as number[]);
  for (let round = 0; round < options.warmup + options.runs; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (round + k) % cases.length;
      gc?.();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const got = await cases[i]!.run();
      const took = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      if (got !== options.expect) throw new Error(`${cases[i]!.name} returned ${got}, expected ${options.expect}`);
      if (round >= options.warmup) {
        ms[i]!.push(took);
        cpu[i]!.push((used.user + used.system) / 1000);
      }
    }
  }
  return cases.map((c, i) => ({
    name: c.name,
    ms: ms[i]!,
    median: median(ms[i]!),
    cpu: cpu[i]!,
    cpuMedian: median(cpu[i]!),
  }));
}

/** Median over rounds of a[r] / b[r]: rounds are paired, so a noisy round skews both sides alike. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, r) => x / b[r]!));
}

/**
 * Prints every case, ours against the floor and `other` against ours with the targets, and how far `other` is
 * from the floor; with `bound` (work every client must do, such as parsing alone), how far `other` is from that.
 */
export function report(
  title: string,
  results: Measured[],
  floor: Measured,
  ours: Measured,
  other: Measured,
  bound?: Measured,
): void {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(title);
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(width)}  wall median ${r.median.toFixed(1).padStart(8)} ms   cpu median ${r.cpuMedian.toFixed(1).padStart(8)} ms   wall [${r.ms.map((x) => x.toFixed(0)).join(' ')}]`,
    );
  }
  const line = (a: Measured, b: Measured) => {
    const wall = pairedRatio(a.ms, b.ms);
    const cpu = pairedRatio(a.cpu, b.cpu);
    return {
      wall,
      cpu,
      text: `wall ${wall.toFixed(2)}×, cpu ${cpu.toFixed(2)}× (ratios of medians: wall ${(a.median / b.median).toFixed(2)}×, cpu ${(a.cpuMedian / b.cpuMedian).toFixed(2)}×)`,
    };
  };
  const vsFloor = line(ours, floor);
  const vsOther = line(other, ours);
  console.log(
    `  ${ours.name} / ${floor.name}: ${vsFloor.text}  target ≤ 1.20× (wall) ${vsFloor.wall <= 1.2 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `  ${other.name} / ${ours.name}: ${vsOther.text}  target ≥ 2.00× (wall) ${vsOther.wall >= 2 ? 'MET' : 'MISSED'}`,
  );
  // No client that parses the same JSON can beat the floor, so this bounds the speed-up over `other`.
  console.log(
    `  ${other.name} / ${floor.name}: ${line(other, floor).text}  (the most any client that parses every object can gain)`,
  );
  if (bound)
    console.log(
      `  ${other.name} / ${bound.name}: ${line(other, bound).text}  (the most any client could gain even with free I/O)`,
    );
  if (!gc) console.log('  (run node with --expose-gc for a GC before every run: steadier numbers)');
}
