// The three clients the runtime benchmarks compare, all pointed at the same local server:
//   ours        a client kubegen generated from the real core/v1 spec, over the runtime's Client
//   raw undici  undici's request() and JSON.parse, nothing else: the floor
//   client-node @kubernetes/client-node (CoreV1Api, Watch), as its users set it up
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent } from 'undici';
import { KubeConfig } from '@kubernetes/client-node';
import { Client, noCredentials, type Transport, type WatchEvent } from '@kubegen/runtime';
import { generate } from '../../generator/generate.ts';
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

/**
 * Generates the core/v1 client from the shared 1.35 spec into bench/.work (a few seconds, once per run) and
 * returns its factory: the benchmark measures exactly what an application would call. `remove` deletes the
 * generated files (each process has its own folder, so benchmarks may run side by side).
 */
export async function generatedCoreV1(): Promise<{ coreV1: (t: Transport) => GeneratedCoreV1; remove: () => void }> {
  const out = join(workDir, `client-${process.pid}`);
  await generate({ specs: [sharedPath('specs', 'v3', 'kubernetes-1.35', 'api', 'v1.json')], out });
  const mod = (await import(pathToFileURL(join(out, 'core', 'v1.ts')).href)) as { coreV1(t: Transport): GeneratedCoreV1 };
  return { coreV1: (t) => mod.coreV1(t), remove: () => rmSync(out, { recursive: true, force: true }) };
}

/** The runtime's HTTP client for a plain-HTTP server without credentials (as a `kubectl proxy` URL gives). */
export function ourClient(server: string): Client {
  return new Client({ server, namespace: 'bench', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } }, { onWarning: false });
}

/** A keep-alive undici Agent, as any user of undici would make one. */
export function rawAgent(): Agent {
  return new Agent({ keepAliveTimeout: 30_000 });
}

/** client-node configured for the same server, the way its users do in code. */
export function clientNodeConfig(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'bench', server, skipTLSVerify: true }],
    users: [{ name: 'bench' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench', namespace: 'bench' }],
    currentContext: 'bench',
  });
  return kc;
}
