// Decoding a 20,000-event watch stream (MODIFIED events of realistic pods, ~150 MB, arriving in 64 KiB chunks
// that split events anywhere, or with --per-event one event a chunk) side by side:
//   ours:        coreV1(client).pods.watch() — a generated client on the runtime's Client.watch (decodeWatch)
//   raw undici:  undici request(), lines split in the body's bytes, each decoded and JSON.parsed (the floor)
//   client-node: @kubernetes/client-node Watch (1.x: node-fetch, 2.x: undici fetch; readline, JSON.parse per line)
//   JSON.parse alone: the same lines parsed from memory, no I/O — the least work of any client that parses them
// Every case must see all 20,000 events. Targets: ours within 1.2× of raw undici, ≥ 2× client-node.
//   node --expose-gc --import tsx bench/runtime-watch.ts [EVENTS] [RUNS] [--per-event]
import {
  clientNode,
  clientNodeConfig,
  clientNodeVersion,
  generatedCoreV1,
  ourClient,
  rawAgent,
} from './helpers/clients.ts';
import { compare, report } from './helpers/measure.ts';
import { startBenchServer } from './helpers/server-process.ts';

const [eventsArg, runsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const events = Number(eventsArg ?? 20_000);
const runs = Number(runsArg ?? 9);
const perEvent = process.argv.includes('--per-event');

const server = await startBenchServer({ pods: 1, events, perEvent });
const { coreV1, remove } = await generatedCoreV1();
const client = ourClient(server.url);
const ours = coreV1(client);
const agent = rawAgent();
const watch = new clientNode.Watch(clientNodeConfig(server.url));
const path = '/api/v1/namespaces/stream/pods';

/** The fastest plain way found: lines split in the bytes, each decoded and parsed (no validation, no iterator). */
async function raw(): Promise<number> {
  const res = await agent.request({
    origin: server.url,
    path: `${path}?watch=true`,
    method: 'GET',
    headers: { accept: 'application/json' },
  });
  let count = 0;
  const parse = (line: string) => {
    const event = JSON.parse(line) as { type: string; object: { metadata: { resourceVersion: string } } };
    if (event.object.metadata.resourceVersion) count++;
  };
  let pending: Buffer | undefined;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    let start = 0;
    let nl = chunk.indexOf(10);
    if (pending) {
      // Only the split line is copied, never the whole chunk.
      if (nl < 0) {
        pending = Buffer.concat([pending, chunk]);
        continue;
      }
      parse(Buffer.concat([pending, chunk.subarray(0, nl)]).toString('utf8'));
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    for (; nl >= 0; nl = chunk.indexOf(10, start)) {
      parse(chunk.toString('utf8', start, nl));
      start = nl + 1;
    }
    pending = start < chunk.length ? chunk.subarray(start) : undefined;
  }
  return count;
}

/** The stream's lines, read once: JSON.parse of them from memory is the least work any client that parses does. */
async function streamLines(): Promise<string[]> {
  const res = await agent.request({
    origin: server.url,
    path: `${path}?watch=true`,
    method: 'GET',
    headers: { accept: 'application/json' },
  });
  return (await res.body.text()).split('\n').filter((line) => line.length > 0);
}
const lines = await streamLines();

function parseOnly(): Promise<number> {
  let count = 0;
  for (const line of lines) {
    const event = JSON.parse(line) as { object: { metadata: { resourceVersion: string } } };
    if (event.object.metadata.resourceVersion) count++;
  }
  return Promise.resolve(count);
}

async function kubegen(): Promise<number> {
  let count = 0;
  for await (const event of ours.pods.watch({ namespace: 'stream' }))
    if (event.type !== 'ERROR' && event.object.metadata.resourceVersion) count++;
  return count;
}

function clientNodeWatch(): Promise<number> {
  let count = 0;
  return new Promise((resolve, reject) => {
    void watch.watch(
      path,
      {},
      (_type: string, object: { metadata: { resourceVersion: string } }) => {
        if (object.metadata.resourceVersion) count++;
      },
      (err: unknown) => (err ? reject(err) : resolve(count)),
    );
  });
}

try {
  const results = await compare(
    [
      { name: 'raw undici + split lines + JSON.parse', run: raw },
      { name: 'kubegen (generated pods.watch)', run: kubegen },
      { name: `client-node ${clientNodeVersion} Watch`, run: clientNodeWatch },
      { name: 'JSON.parse alone (lines in memory, no I/O)', run: parseOnly },
    ],
    { warmup: 2, runs, expect: events },
  );
  report(
    `watch: decode ${events} events (${(server.watchBytes / 1e6).toFixed(0)} MB, ${perEvent ? 'one event a chunk' : '64 KiB chunks'}), ${runs} rounds after 2 warm-up, order rotating, local node:http server in its own process`,
    results,
    results[0]!,
    results[1]!,
    results[2]!,
    results[3]!,
  );
} finally {
  await client.close();
  await agent.close();
  server.close();
  remove();
}
