// @kubernetes/client-node as its users set it up, loaded only by the cases that compare with it: the project's own
// (1.x, which runs on Node 20), or another release installed with `npm install --prefix DIR @kubernetes/client-node@2`
// and named by KUBEGEN_BENCH_CLIENT_NODE=DIR (2.x needs Node ≥ 22.19).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type ClientNode = typeof import('@kubernetes/client-node');

/** The module's entry, resolved without loading it. */
function entry(): string {
  const prefix = process.env.KUBEGEN_BENCH_CLIENT_NODE;
  return createRequire(prefix ? join(resolve(prefix), 'package.json') : import.meta.url).resolve(
    '@kubernetes/client-node',
  );
}

/** The version of the client-node the benchmarks compare with (for the report), read without loading it. */
export function clientNodeVersion(): string {
  // The entry is dist/index.js, beside the package's own package.json one folder up.
  const pkg = JSON.parse(readFileSync(join(dirname(entry()), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function loadClientNode(): Promise<ClientNode> {
  return (await import(pathToFileURL(entry()).href)) as ClientNode;
}

/** client-node configured for the same server, the way its users do in code. */
export function clientNodeConfig(module: ClientNode, server: string): InstanceType<ClientNode['KubeConfig']> {
  const kc = new module.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'bench', server, skipTLSVerify: true }],
    users: [{ name: 'bench' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench', namespace: 'bench' }],
    currentContext: 'bench',
  });
  return kc;
}
