// Peak memory of listing 20,000 realistic pods (~150 MB of JSON in one answer), one client per process: each round
// starts a fresh node process per client (compiled JavaScript, no flags, no TypeScript loader, the order rotating),
// which lists once and reports its peak resident set size (the kernel's high-water mark, so every transient copy of
// the body counts) and its resident size before the call:
//   raw undici:  undici request() + JSON.parse (the floor; the process loads undici alone)
//   kubegen:     coreV1(client).pods.list() — a client generated from the 1.35 spec, on the runtime's Client
//   client-node: @kubernetes/client-node CoreV1Api.listNamespacedPod (with --client-node: it needs over 1 GB more)
// Target: kubegen's peak within 1.3× of raw undici's, per round, as median (min–max).
//   node --import tsx bench/runtime-list-peak.ts [PODS] [ROUNDS] [--client-node]
import type { ChildResult, Mode } from './helpers/client-process.ts';
import { median } from './helpers/measure.ts';
import { compileClients, inRounds, perRound, runChild, spread } from './helpers/per-process.ts';
import { startBenchServer } from './helpers/server-process.ts';

const [podsArg, roundsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const pods = Number(podsArg ?? 20_000);
const rounds = Number(roundsArg ?? 3);
const modes: Exclude<Mode, 'parse' | 'raw-joined'>[] = [
  'raw',
  'kubegen',
  ...(process.argv.includes('--client-node') ? ['client-node' as const] : []),
];
const labels: Record<Exclude<Mode, 'parse' | 'raw-joined'>, string> = {
  raw: 'raw undici + JSON.parse',
  kubegen: 'kubegen (generated pods.list)',
  'client-node': 'client-node listNamespacedPod',
};

const compiled = await compileClients();
const server = await startBenchServer({ pods });
try {
  const results = await inRounds<Mode, ChildResult>(modes, rounds, async (mode) => {
    const got = await runChild(compiled, { mode, task: 'peak', server: server.url, namespace: 'bench', calls: 1 });
    if (got.count !== pods) throw new Error(`${mode} listed ${got.count} pods, expected ${pods}`);
    return got;
  });
  const mb = (x: number) => x / 1024 / 1024;
  const peak = (m: Mode) => results.get(m)!.map((r) => mb(r.peakRss));
  const before = (m: Mode) => results.get(m)!.map((r) => mb(r.rssBefore));
  console.log(
    `peak memory listing ${pods} pods (${(server.listBytes / 1e6).toFixed(0)} MB of JSON), one client per process, ${rounds} rounds, order rotating`,
  );
  for (const m of modes)
    console.log(
      `  ${labels[m].padEnd(32)} peak RSS ${spread(peak(m), 0, ' MiB')}   before the call ${spread(before(m), 0, ' MiB')}`,
    );
  const ratio = perRound(peak('kubegen'), peak('raw'));
  const growth = perRound(
    peak('kubegen').map((p, r) => p - before('kubegen')[r]!),
    peak('raw').map((p, r) => p - before('raw')[r]!),
  );
  console.log(
    `  kubegen / raw undici: peak RSS ${spread(ratio)}, growth during the call ${spread(growth)}  target ≤ 1.30× ${median(ratio) <= 1.3 ? 'MET' : 'MISSED'}`,
  );
} finally {
  server.close();
  compiled.remove();
}
