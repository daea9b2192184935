// The cost of one call, where the body is small and the client's own work shows: reading one realistic pod
// (~7.5 KB) 2,000 times, one call after another and 16 at a time, side by side:
//   ours:        coreV1(client).pods.get(name) — a generated client on the runtime's Client
//   raw undici:  undici request() + JSON.parse on a keep-alive Agent (the floor)
//   client-node: @kubernetes/client-node CoreV1Api.readNamespacedPod
// Not one of the targets: it shows the per-call overhead (headers, credentials, retries bookkeeping,
// error handling) that the large list and watch hide. Same targets applied for reference.
//   node --expose-gc --import tsx bench/runtime-requests.ts [CALLS] [RUNS]
import { clientNodeConfig, clientNodeVersion, loadClientNode } from './helpers/client-node.ts';
import { generatedCoreV1, ourClient } from './helpers/clients.ts';
import { compare, report, type Case } from './helpers/measure.ts';
import { startBenchServer } from './helpers/server-process.ts';
import type { BenchPod } from './helpers/pods.ts';
import { rawAgent, rawGet } from './helpers/raw.ts';

const calls = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 9);
const concurrency = 16;

const server = await startBenchServer({ pods: 1 });
const { coreV1, remove } = await generatedCoreV1();
const client = ourClient(server.url);
const ours = coreV1(client);
const agent = rawAgent();
const clientNode = await loadClientNode();
const nodeApi = clientNodeConfig(clientNode, server.url).makeApiClient(clientNode.CoreV1Api);
const name = 'web-0';

function raw(): Promise<BenchPod> {
  return rawGet<BenchPod>(agent, server.url, `/api/v1/namespaces/bench/pods/${name}`);
}

/** `calls` calls in all, `parallel` at a time; resolves to how many returned a pod. */
async function times(parallel: number, call: () => Promise<{ metadata?: { name?: string } }>): Promise<number> {
  let done = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = 0; i < calls / parallel; i++) if ((await call()).metadata?.name) done++;
    }),
  );
  return done;
}

const cases = (parallel: number): Case[] => [
  { name: `raw undici + JSON.parse, ${parallel} at a time`, run: () => times(parallel, raw) },
  {
    name: `kubegen (generated pods.get), ${parallel} at a time`,
    run: () => times(parallel, () => ours.pods.get(name, { namespace: 'bench' })),
  },
  {
    name: `client-node ${clientNodeVersion()} readNamespacedPod, ${parallel} at a time`,
    run: () => times(parallel, () => nodeApi.readNamespacedPod({ name, namespace: 'bench' })),
  },
];

try {
  for (const parallel of [1, concurrency]) {
    const results = await compare(cases(parallel), { warmup: 2, runs, expect: calls });
    report(
      `get one pod ${calls} times, ${parallel} at a time, ${runs} rounds after 2 warm-up, order rotating`,
      results,
      results[0]!,
      results[1]!,
      results[2]!,
    );
  }
} finally {
  await client.close();
  await agent.close();
  server.close();
  remove();
}
