// Listing 2,000 realistic pods (~7.5 KB of JSON each, one ~15 MB answer) side by side:
//   ours:        coreV1(client).pods.list() — a client generated from the 1.35 spec, on the runtime's Client
//   raw undici:  undici request() + JSON.parse (the floor)
//   client-node: @kubernetes/client-node CoreV1Api.listNamespacedPod
// The server is a separate node:http process answering with bytes serialized in advance, so it is never the
// bottleneck; rounds alternate the order of the three. Targets: ours within 1.2× of raw undici, ≥ 2× client-node.
// With --gzip the server compresses the list for clients that ask, as kube-apiserver does for large answers:
// ours and client-node ask (client-go does too), the raw floor does not, so it shows what decompression costs.
//   node --expose-gc --import tsx bench/runtime-list.ts [PODS] [RUNS] [--gzip]
import {
  clientNode,
  clientNodeConfig,
  clientNodeVersion,
  generatedCoreV1,
  ourClient,
  rawAgent,
  type PodList,
} from './helpers/clients.ts';
import { compare, report } from './helpers/measure.ts';
import { startBenchServer } from './helpers/server-process.ts';

const gzip = process.argv.includes('--gzip');
const [podsArg, runsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const pods = Number(podsArg ?? 2000);
const runs = Number(runsArg ?? 15);

const server = await startBenchServer({ pods, gzip });
const { coreV1, remove } = await generatedCoreV1();
const client = ourClient(server.url);
const ours = coreV1(client);
const agent = rawAgent();
const nodeApi = clientNodeConfig(server.url).makeApiClient(clientNode.CoreV1Api);
const path = '/api/v1/namespaces/bench/pods';

try {
  const results = await compare(
    [
      {
        name: 'raw undici + JSON.parse',
        run: async () => {
          const res = await agent.request({
            origin: server.url,
            path,
            method: 'GET',
            headers: { accept: 'application/json' },
          });
          const list = JSON.parse(await res.body.text()) as PodList;
          return list.items.length;
        },
      },
      {
        name: 'kubegen (generated pods.list)',
        run: async () => (await ours.pods.list({ namespace: 'bench' })).items.length,
      },
      {
        name: `client-node ${clientNodeVersion} listNamespacedPod`,
        run: async () => (await nodeApi.listNamespacedPod({ namespace: 'bench' })).items.length,
      },
    ],
    { warmup: 3, runs, expect: pods },
  );
  const size = `${(server.listBytes / 1e6).toFixed(1)} MB of JSON${gzip ? `, ${(server.gzipBytes / 1e6).toFixed(1)} MB gzipped to clients that ask` : ''}`;
  report(
    `list ${pods} pods (${size}), ${runs} rounds after 3 warm-up, order rotating, local node:http server in its own process`,
    results,
    results[0]!,
    results[1]!,
    results[2]!,
  );
} finally {
  await client.close();
  await agent.close();
  server.close();
  remove();
}
