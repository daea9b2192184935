// Decoding a 20,000-event watch stream (MODIFIED events of realistic pods, ~150 MB, arriving in 64 KiB chunks that
// split events anywhere, or with --per-event one event a chunk), one client per process as applications run one:
// every round starts a fresh node process per client (compiled JavaScript, no TypeScript loader), the order rotating
// from round to round, each process reading the stream CALLS times:
//   raw undici:  undici request(), lines split in the body's bytes, each decoded and JSON.parsed (the floor)
//   kubegen:     coreV1(client).pods.watch() — a generated client on the runtime's Client.watch (decodeWatch)
//   client-node: @kubernetes/client-node Watch (1.x: node-fetch, 2.x: undici fetch; readline, JSON.parse per line)
//   JSON.parse alone: the same lines parsed from memory, no I/O — the least work of any client that parses them
// Every case must see every event. Ratios are per round, as median (min–max). Targets: kubegen's throughput at
// least 0.95× raw undici's (its time at most 1/0.95 = 1.05× the floor's), ≥ 2× client-node's.
//   node --import tsx bench/runtime-watch.ts [EVENTS] [ROUNDS] [CALLS] [--per-event]
import { clientNodeVersion } from './helpers/client-node.ts';
import type { Mode } from './helpers/client-process.ts';
import { median } from './helpers/measure.ts';
import { compileClients, inRounds, perRound, runChild, spread, verdict } from './helpers/per-process.ts';
import { startBenchServer } from './helpers/server-process.ts';

const [eventsArg, roundsArg, callsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const events = Number(eventsArg ?? 20_000);
const rounds = Number(roundsArg ?? 5);
const calls = Number(callsArg ?? 3);
const perEvent = process.argv.includes('--per-event');

const modes: Exclude<Mode, 'raw-joined'>[] = ['raw', 'kubegen', 'client-node', 'parse'];
const labels: Record<Exclude<Mode, 'raw-joined'>, string> = {
  raw: 'raw undici + split lines + JSON.parse',
  kubegen: 'kubegen (generated pods.watch)',
  'client-node': `client-node ${clientNodeVersion()} Watch`,
  parse: 'JSON.parse alone (lines in memory, no I/O)',
};

const compiled = await compileClients();
const server = await startBenchServer({ pods: 1, events, perEvent });
try {
  const results = await inRounds(modes, rounds, async (mode) => {
    const got = await runChild(compiled, { mode, task: 'watch', server: server.url, namespace: 'stream', calls });
    if (got.count !== events) throw new Error(`${mode} saw ${got.count} events, expected ${events}`);
    return got;
  });
  const wall = (m: (typeof modes)[number]) => results.get(m)!.map((r) => median(r.ms));
  const cpu = (m: (typeof modes)[number]) => results.get(m)!.map((r) => median(r.cpu));
  console.log(
    `watch: decode ${events} events (${(server.watchBytes / 1e6).toFixed(0)} MB, ${perEvent ? 'one event a chunk' : '64 KiB chunks'}), one client per process: ${rounds} rounds, ${calls} reads a process, order rotating`,
  );
  for (const m of modes)
    console.log(`  ${labels[m].padEnd(44)} wall ${spread(wall(m), 0, ' ms')}   cpu ${spread(cpu(m), 0, ' ms')}`);
  const throughput = perRound(wall('raw'), wall('kubegen'));
  const throughputCpu = perRound(cpu('raw'), cpu('kubegen'));
  console.log(
    `  kubegen throughput / raw undici's: wall ${spread(throughput)}, cpu ${spread(throughputCpu)}  ${verdict(throughput, throughputCpu, 0.95, false)}`,
  );
  const cn = perRound(wall('client-node'), wall('kubegen'));
  const cnCpu = perRound(cpu('client-node'), cpu('kubegen'));
  console.log(
    `  client-node time / kubegen's: wall ${spread(cn)}, cpu ${spread(cnCpu)}  ${verdict(cn, cnCpu, 2, false)}`,
  );
  // No client that parses every event can beat parsing alone, so this bounds any speed-up over client-node.
  console.log(
    `  client-node time / JSON.parse alone: wall ${spread(perRound(wall('client-node'), wall('parse')))}, cpu ${spread(perRound(cpu('client-node'), cpu('parse')))}  (the most any client could gain even with free I/O)`,
  );
} finally {
  server.close();
  compiled.remove();
}
