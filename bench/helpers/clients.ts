// kubegen's side of the runtime benchmarks, pointed at the benchmark server: a client kubegen generated from the
// real core/v1 spec, over the runtime's Client. The floor is in raw.ts, client-node in client-node.ts.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, noCredentials, type Transport, type WatchEvent } from '@kubegen/runtime';
import { projectRoot, sharedPath } from '../../test/helpers/shared.ts';
import type { BenchPod } from './pods.ts';

export const workDir = join(projectRoot, 'bench', '.work');

export interface PodList {
  metadata?: { resourceVersion?: string };
  items: BenchPod[];
}

/** The part of a generated core/v1 client the benchmarks call. */
export interface GeneratedCoreV1 {
  pods: {
    get(name: string, options?: { namespace?: string }): Promise<BenchPod>;
    list(options?: { namespace?: string; limit?: number }): Promise<PodList>;
    watch(options?: { namespace?: string }): AsyncIterable<WatchEvent<BenchPod>>;
  };
}

/** Generates the core/v1 client from the shared 1.35 spec into `out` (a few seconds). */
export async function generateCoreV1(out: string): Promise<void> {
  // Loaded here, not at the top: processes that only run a client must not load the generator.
  const { generate } = await import('../../generator/pipeline/generate.ts');
  await generate({ specs: [sharedPath('specs', 'v3', 'kubernetes-1.35', 'api', 'v1.json')], out });
}

/**
 * Generates the core/v1 client into bench/.work (once per run) and returns its factory: the benchmark measures
 * exactly what an application would call. `remove` deletes the generated files (each process has its own folder,
 * so benchmarks may run side by side).
 */
export async function generatedCoreV1(): Promise<{ coreV1: (t: Transport) => GeneratedCoreV1; remove: () => void }> {
  const out = join(workDir, `client-${process.pid}`);
  await generateCoreV1(out);
  const mod = (await import(pathToFileURL(join(out, 'core', 'v1.ts')).href)) as {
    coreV1(t: Transport): GeneratedCoreV1;
  };
  return { coreV1: (t) => mod.coreV1(t), remove: () => rmSync(out, { recursive: true, force: true }) };
}

/** The runtime's HTTP client for a plain-HTTP server without credentials (as a `kubectl proxy` URL gives). */
export function ourClient(server: string): Client {
  return new Client(
    { server, namespace: 'bench', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
    { onWarning: false },
  );
}
