// Memory of an informer holding 10,000 realistic pods, against the parsed objects themselves: the heap used
// after a full GC, less the same process's heap before loading (modules, clients and a warm connection
// included in that baseline). Each measurement runs in a fresh node process, so nothing of one is in another's
// heap; the modes alternate over several repetitions and the median is reported.
//   parsed:      undici request() + JSON.parse of the whole list, the items array kept (the floor)
//   kubegen:     the runtime's Informer (paged list of 500, then an open watch), synced
//   kubegen after churn: the same, after a watch replaced every pod once (MODIFIED events), as a long-running one
//   client-node: @kubernetes/client-node makeInformer over CoreV1Api.listNamespacedPod, started
// Target: kubegen's informer within 1.5× of the parsed objects.
//   node --import tsx bench/runtime-memory.ts [PODS] [REPS]
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median } from './helpers/measure.ts';
import { startBenchServer } from './helpers/server-process.ts';

const modes = ['parsed', 'kubegen', 'kubegen-churn', 'client-node'] as const;
type Mode = (typeof modes)[number];

interface Sample {
  mode: Mode;
  bytes: number;
  count: number;
}

if (process.argv[2] === '--child') {
  const { measure } = await import('./helpers/memory-child.ts');
  const result = await measure(
    process.argv[3] as Mode,
    process.argv[4]!,
    Number(process.argv[5]),
    Number(process.argv[6]),
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const pods = Number(process.argv[2] ?? 10_000);
const reps = Number(process.argv[3] ?? 3);
const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);
const server = await startBenchServer({ pods, churn: pods });

async function sample(mode: Mode): Promise<Sample> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', self, '--child', mode, server.url, String(pods), String(pods)],
    { maxBuffer: 1 << 20 },
  );
  const got = JSON.parse(stdout.trim().split('\n').pop()!) as Sample;
  if (got.count !== pods) throw new Error(`${mode} held ${got.count} objects, expected ${pods}`);
  return got;
}

try {
  const bytes = new Map<Mode, number[]>(modes.map((m) => [m, []]));
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < modes.length; k++) {
      const mode = modes[(r + k) % modes.length]!;
      bytes.get(mode)!.push((await sample(mode)).bytes);
    }
  }
  const mb = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MiB`;
  const med = (m: Mode) => median(bytes.get(m)!);
  console.log(
    `memory: ${pods} pods (${(server.listBytes / 1e6).toFixed(1)} MB of JSON), heap used after GC less the baseline, ${reps} fresh processes per mode`,
  );
  const labels: Record<Mode, string> = {
    parsed: 'parsed objects (JSON.parse)',
    kubegen: 'kubegen Informer',
    'kubegen-churn': 'kubegen Informer, churned',
    'client-node': 'client-node makeInformer',
  };
  for (const m of modes)
    console.log(
      `  ${labels[m].padEnd(28)} median ${mb(med(m)).padStart(10)}   [${bytes.get(m)!.map(mb).join(', ')}]   ${(med(m) / pods / 1024).toFixed(1)} KiB per pod`,
    );
  const ratio = med('kubegen') / med('parsed');
  console.log(
    `  kubegen Informer / parsed objects: ${ratio.toFixed(2)}×  target ≤ 1.50× ${ratio <= 1.5 ? 'MET' : 'MISSED'}`,
  );
  const churned = med('kubegen-churn') / med('parsed');
  console.log(
    `  kubegen Informer after ${pods} MODIFIED events / parsed objects: ${churned.toFixed(2)}×  target ≤ 1.50× ${churned <= 1.5 ? 'MET' : 'MISSED'}`,
  );
  console.log(`  client-node makeInformer / parsed objects: ${(med('client-node') / med('parsed')).toFixed(2)}×`);
} finally {
  server.close();
}
