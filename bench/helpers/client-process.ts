// One client in a process of its own, as applications run one: the per-process runtime benchmarks compile this file
// and run it once per client per round. It loads only what its client needs (the floor loads undici alone), makes
// the client, then times each call on the wall clock and on its own CPU clock; `peak` lists once and reports the
// process's peak resident memory. Prints one JSON line (a ChildResult).
import type { Transport } from '@kubegen/runtime';
import type { GeneratedCoreV1 } from './clients.ts';
import type { BenchPod } from './pods.ts';

/**
 * `parse`: JSON.parse of a watch stream's lines already in memory, no I/O (the least any client that parses does);
 * `raw-joined`: raw, a list's body joined and decoded in the call (rawGetJoined).
 */
export type Mode = 'raw' | 'raw-joined' | 'kubegen' | 'client-node' | 'parse';
export type Task = 'list' | 'watch' | 'peak';

export interface ChildTask {
  mode: Mode;
  task: Task;
  server: string;
  namespace: string;
  /** Calls in this process (a `peak` task makes one). */
  calls: number;
  /** The compiled generated core/v1 module (file URL), for kubegen. */
  coreV1: string;
}

export interface ChildResult {
  /** Wall and CPU time of each call, in ms. */
  ms: number[];
  cpu: number[];
  /** Items listed or events seen by the last call. */
  count: number;
  /** Resident memory once the client is set up and before the first call, and the process's peak, in bytes. */
  rssBefore: number;
  peakRss: number;
}

type Call = () => Promise<number>;

interface Event {
  object: { metadata: { resourceVersion?: string } };
}

async function rawCall(t: ChildTask, path: string): Promise<Call> {
  const { rawAgent, rawGet, rawGetJoined, rawWatch } = await import('./raw.ts');
  const agent = rawAgent();
  if (t.task === 'watch') return () => rawWatch(agent, t.server, `${path}?watch=true`);
  const get = t.mode === 'raw-joined' ? rawGetJoined : rawGet;
  return async () => (await get<{ items: BenchPod[] }>(agent, t.server, path)).items.length;
}

async function kubegenCall(t: ChildTask): Promise<Call> {
  const { ourClient } = await import('./clients.ts');
  const { coreV1 } = (await import(t.coreV1)) as { coreV1(t: Transport): GeneratedCoreV1 };
  const pods = coreV1(ourClient(t.server)).pods;
  if (t.task !== 'watch') return async () => (await pods.list({ namespace: t.namespace })).items.length;
  return async () => {
    let count = 0;
    for await (const event of pods.watch({ namespace: t.namespace }))
      if (event.type !== 'ERROR' && event.object.metadata.resourceVersion) count++;
    return count;
  };
}

async function clientNodeCall(t: ChildTask, path: string): Promise<Call> {
  const { clientNodeConfig, loadClientNode } = await import('./client-node.ts');
  const module = await loadClientNode();
  const kc = clientNodeConfig(module, t.server);
  if (t.task !== 'watch') {
    const api = kc.makeApiClient(module.CoreV1Api);
    return async () => (await api.listNamespacedPod({ namespace: t.namespace })).items.length;
  }
  const watch = new module.Watch(kc);
  return () =>
    new Promise((resolve, reject) => {
      let count = 0;
      const seen = (_type: string, object: Event['object']) => {
        if (object.metadata.resourceVersion) count++;
      };
      void watch.watch(path, {}, seen, (err: unknown) => (err ? reject(err) : resolve(count)));
    });
}

async function parseCall(t: ChildTask, path: string): Promise<Call> {
  const { rawAgent } = await import('./raw.ts');
  const res = await rawAgent().request({ origin: t.server, path: `${path}?watch=true`, method: 'GET' });
  const lines = (await res.body.text()).split('\n').filter((line) => line.length > 0);
  return async () => {
    let count = 0;
    for (const line of lines) if ((JSON.parse(line) as Event).object.metadata.resourceVersion) count++;
    return count;
  };
}

function callOf(t: ChildTask): Promise<Call> {
  const path = `/api/v1/namespaces/${t.namespace}/pods`;
  if (t.mode === 'raw' || t.mode === 'raw-joined') return rawCall(t, path);
  if (t.mode === 'parse') return parseCall(t, path);
  if (t.mode === 'kubegen') return kubegenCall(t);
  return clientNodeCall(t, path);
}

const t = JSON.parse(process.argv[2]!) as ChildTask;
const call = await callOf(t);
const result: ChildResult = { ms: [], cpu: [], count: 0, rssBefore: process.memoryUsage.rss(), peakRss: 0 };
for (let i = 0; i < (t.task === 'peak' ? 1 : t.calls); i++) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  result.count = await call();
  result.ms.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  result.cpu.push((used.user + used.system) / 1000);
}
result.peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
