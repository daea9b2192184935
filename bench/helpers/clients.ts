// The three clients the runtime benchmarks compare, all pointed at the same local server:
//   ours        a client kubegen generated from the real core/v1 spec, over the runtime's Client
//   raw undici  undici's request() and JSON.parse, nothing else: the floor
//   client-node @kubernetes/client-node (CoreV1Api, Watch), as its users set it up: the project's own (1.x,
//               which runs on Node 20), or another release installed with `npm install --prefix DIR
//               @kubernetes/client-node@2` and named by KUBEGEN_BENCH_CLIENT_NODE=DIR (2.x needs Node ≥ 22.19)
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent } from 'undici';
import { Client, noCredentials, type Transport, type WatchEvent } from '@kubegen/runtime';
import { generate } from '../../generator/pipeline/generate.ts';
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

/** A keep-alive undici Agent, as any user of undici would make one. */
export function rawAgent(): Agent {
  return new Agent({ keepAliveTimeout: 30_000 });
}

type ClientNode = typeof import('@kubernetes/client-node');

async function loadClientNode(): Promise<{ module: ClientNode; version: string }> {
  const prefix = process.env.KUBEGEN_BENCH_CLIENT_NODE;
  const entry = createRequire(prefix ? join(resolve(prefix), 'package.json') : import.meta.url).resolve(
    '@kubernetes/client-node',
  );
  const module = (await import(pathToFileURL(entry).href)) as ClientNode;
  // The entry is dist/index.js, beside the package's own package.json one folder up.
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return { module, version };
}

/** The client-node the benchmarks compare with, and its version (for the report). */
export const { module: clientNode, version: clientNodeVersion } = await loadClientNode();

/** client-node configured for the same server, the way its users do in code. */
export function clientNodeConfig(server: string): InstanceType<ClientNode['KubeConfig']> {
  const kc = new clientNode.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'bench', server, skipTLSVerify: true }],
    users: [{ name: 'bench' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench', namespace: 'bench' }],
    currentContext: 'bench',
  });
  return kc;
}
