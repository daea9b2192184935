// Listing 2,000 realistic pods (~7.5 KB of JSON each, one ~15 MB answer), one client per process as applications
// run one: every round starts a fresh node process per client (compiled JavaScript, no TypeScript loader), the order
// rotating from round to round, each process making CALLS lists in a row:
//   raw undici:  undici request() + JSON.parse (the floor; the process loads undici alone)
//   kubegen:     coreV1(client).pods.list() — a client generated from the 1.35 spec, on the runtime's Client
//   client-node: @kubernetes/client-node CoreV1Api.listNamespacedPod
// The first call of a process (connection, discovery, code not yet optimized) and the later ones are reported
// apart; ratios are per round (the processes of one round ran side by side), as median (min–max). Targets: kubegen
// within 1.05× of raw undici, client-node ≥ 2× kubegen, on the mean time and CPU time of a call in a process. Beside
// the floor runs the floor with its body joined and decoded in the call (raw-joined): undici's text() leaves a list's
// text in a promise that a major GC can find live, V8 sizes the heap by what it finds live, and so the floor collects
// less often than a client that parses the text it decoded itself (`node --trace-gc` shows it: over 12 calls, 3 major
// GCs for the floor, 6 for the same floor joined in the call, and for kubegen). The server is a separate node:http
// process answering with bytes serialized in advance. With --gzip the server compresses the list for clients that
// ask, as kube-apiserver does: kubegen and client-node ask (client-go does too), the floor does not.
//   node --import tsx bench/runtime-list.ts [PODS] [ROUNDS] [CALLS] [--gzip]
import type { ChildResult, Mode } from './helpers/client-process.ts';
import { clientNodeVersion } from './helpers/client-node.ts';
import { median } from './helpers/measure.ts';
import { compileClients, inRounds, perRound, runChild, spread, verdict } from './helpers/per-process.ts';
import { startBenchServer } from './helpers/server-process.ts';

const gzip = process.argv.includes('--gzip');
const [podsArg, roundsArg, callsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const pods = Number(podsArg ?? 2000);
const rounds = Number(roundsArg ?? 7);
const calls = Number(callsArg ?? 4);

const modes: Exclude<Mode, 'parse'>[] = ['raw', 'raw-joined', 'kubegen', 'client-node'];
const labels: Record<Exclude<Mode, 'parse'>, string> = {
  raw: 'raw undici + JSON.parse',
  'raw-joined': 'raw undici, body joined in the call',
  kubegen: 'kubegen (generated pods.list)',
  'client-node': `client-node ${clientNodeVersion()} listNamespacedPod`,
};

const compiled = await compileClients();
const server = await startBenchServer({ pods, gzip });

/**
 * Per process: the first call, the median of the later ones, the mean of all of them (what a process pays a call
 * when it lists again and again, its major GCs spread over the calls) and their median, and the mean CPU time a
 * call, in ms. The targets take the means: a major GC comes every few calls, so the calls' times fall in two groups,
 * and a median picks one of them by how many calls each holds.
 */
function times(r: ChildResult) {
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  return {
    first: r.ms[0]!,
    later: median(r.ms.slice(1)),
    wall: mean(r.ms),
    median: median(r.ms),
    cpu: mean(r.cpu),
  };
}

try {
  const results = await inRounds<Mode, ChildResult>(modes, rounds, async (mode) => {
    const got = await runChild(compiled, { mode, task: 'list', server: server.url, namespace: 'bench', calls });
    if (got.count !== pods) throw new Error(`${mode} listed ${got.count} pods, expected ${pods}`);
    return got;
  });
  const by = (m: Mode) => results.get(m)!.map(times);
  const size = `${(server.listBytes / 1e6).toFixed(1)} MB of JSON${gzip ? `, ${(server.gzipBytes / 1e6).toFixed(1)} MB gzipped to clients that ask` : ''}`;
  console.log(
    `list ${pods} pods (${size}), one client per process: ${rounds} rounds, ${calls} calls a process, order rotating`,
  );
  const ms = (xs: number[]) => spread(xs, 1, ' ms');
  for (const m of modes) {
    const t = by(m);
    console.log(
      `  ${labels[m].padEnd(36)} first ${ms(t.map((x) => x.first))}   later ${ms(t.map((x) => x.later))}   mean ${ms(t.map((x) => x.wall))}   cpu ${ms(t.map((x) => x.cpu))}`,
    );
  }
  const ratio = (a: Mode, b: Mode, k: keyof ReturnType<typeof times>) =>
    perRound(
      by(a).map((x) => x[k]),
      by(b).map((x) => x[k]),
    );
  const against = (floor: Mode) => {
    const wall = ratio('kubegen', floor, 'wall');
    const cpu = ratio('kubegen', floor, 'cpu');
    const parts = `first call ${spread(ratio('kubegen', floor, 'first'))}, later ${spread(ratio('kubegen', floor, 'later'))}, median of all ${spread(ratio('kubegen', floor, 'median'))}`;
    return { wall, cpu, text: `wall ${spread(wall)} (${parts}), cpu ${spread(cpu)}` };
  };
  const raw = against('raw');
  console.log(`  kubegen / raw undici: ${raw.text}  ${verdict(raw.wall, raw.cpu, 1.05, true)}`);
  console.log(
    `  kubegen / raw undici with the body joined in the call: ${against('raw-joined').text}  (the same floor without text() holding the text when a major GC ends)`,
  );
  const cn = ratio('client-node', 'kubegen', 'wall');
  const cnCpu = ratio('client-node', 'kubegen', 'cpu');
  console.log(`  client-node / kubegen: wall ${spread(cn)}, cpu ${spread(cnCpu)}  ${verdict(cn, cnCpu, 2, false)}`);
} finally {
  server.close();
  compiled.remove();
}
