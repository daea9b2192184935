// Objects for the stream tests, created on the test server through a transport.
import type { Transport } from '@kubegen/runtime';

export interface ConfigMap {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    uid?: string;
  };
  data?: Record<string, string>;
}

/** Runs `work` for 0…n-1 with at most `concurrency` calls in flight. */
export async function inParallel(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
}

export async function createConfigMaps(
  transport: Transport,
  namespace: string,
  n: number,
  labels: (i: number) => Record<string, string> = () => ({}),
): Promise<void> {
  await inParallel(n, 8, async (i) => {
    await transport.request({
      verb: 'create',
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/configmaps`,
      body: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `cm-${String(i).padStart(5, '0')}`, labels: labels(i) },
        data: { index: String(i) },
      },
    });
  });
}
