// One memory measurement, in a process of its own (run by bench/runtime-memory.ts with --expose-gc): load the
// modules and open the connection first, settle the heap, take the baseline; then hold the pods the mode
// holds, settle again, and report the difference.
import { setImmediate as tick } from 'node:timers/promises';
import { Informer } from '@kubegen/runtime';
import { clientNodeConfig, loadClientNode } from './client-node.ts';
import { ourClient, type PodList } from './clients.ts';
import { rawAgent, rawGet } from './raw.ts';
import type { BenchPod } from './pods.ts';

const path = '/api/v1/namespaces/bench/pods';

async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await tick();
  }
  return process.memoryUsage().heapUsed;
}

/** Sets up the mode's client and returns what loads the pods; the set-up and a first request belong to the baseline. */
async function prepare(
  mode: string,
  server: string,
  churn: number,
): Promise<() => Promise<{ hold: unknown; count: number }>> {
  if (mode === 'parsed') {
    const agent = rawAgent();
    await (await agent.request({ origin: server, path: '/api/v1', method: 'GET' })).body.text();
    return async () => {
      const items = (await rawGet<PodList>(agent, server, path)).items;
      return { hold: items, count: items.length };
    };
  }
  if (mode === 'kubegen' || mode === 'kubegen-churn') {
    const client = ourClient(server);
    await client.request({ verb: 'get', method: 'GET', path: '/api/v1' });
    return async () => {
      // After churn: every pod replaced by a watch event at least once, as in a long-running informer.
      const informer = new Informer<BenchPod>(
        client,
        path,
        mode === 'kubegen-churn' ? { query: { churn: 'true' } } : {},
      );
      let updates = 0;
      const churned = new Promise<void>((resolve) => {
        if (mode !== 'kubegen-churn' || churn === 0) return resolve();
        informer.on({ update: () => ++updates === churn && resolve() });
      });
      void informer.start().catch(() => undefined);
      await informer.synced;
      await churned;
      return { hold: informer, count: informer.size };
    };
  }
  if (mode === 'client-node') {
    const clientNode = await loadClientNode();
    const kc = clientNodeConfig(clientNode, server);
    const api = kc.makeApiClient(clientNode.CoreV1Api);
    await api.getAPIResources();
    return async () => {
      const informer = clientNode.makeInformer(kc, path, () => api.listNamespacedPod({ namespace: 'bench' }));
      await informer.start();
      return { hold: informer, count: informer.list().length };
    };
  }
  throw new Error(`unknown mode ${mode}`);
}

export async function measure(
  mode: string,
  server: string,
  expect: number,
  churn: number,
): Promise<{ mode: string; bytes: number; count: number }> {
  const load = await prepare(mode, server, churn);
  const before = await settledHeap();
  const { hold, count } = await load();
  const after = await settledHeap();
  if (count !== expect) process.stderr.write(`${mode}: ${count} objects, expected ${expect}\n`);
  // Still referenced here, so the GC above could not take it.
  return { mode, bytes: after - before, count: hold ? count : 0 };
}
