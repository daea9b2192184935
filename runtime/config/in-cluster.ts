// In-cluster configuration, as client-go reads it inside a pod: KUBERNETES_SERVICE_HOST / _PORT, and the
// service-account folder's token (re-read as it rotates: bound tokens expire within the hour), ca.crt and namespace.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import type { ClusterConnection, TlsSettings } from '../connection.js';
import { tokenFileCredentials } from '../auth/token.js';
import { KubeConfigError } from '../errors.js';
import type { Env } from './kubeconfig-files.js';

export const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface InClusterOptions {
  /** The service-account folder (default `/var/run/secrets/kubernetes.io/serviceaccount`). */
  dir?: string;
  /** The environment to read KUBERNETES_SERVICE_HOST / _PORT and POD_NAMESPACE from (default `process.env`). */
  env?: Env;
}

/** Whether this process looks like it runs in a pod: the service variables are set and the token is there. */
export function inClusterAvailable(options: InClusterOptions = {}): boolean {
  const env = options.env ?? process.env;
  return (
    Boolean(env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT) &&
    existsSync(join(options.dir ?? serviceAccountDir, 'token'))
  );
}

export async function inClusterConnection(options: InClusterOptions = {}): Promise<ClusterConnection> {
  const env = options.env ?? process.env;
  const dir = options.dir ?? serviceAccountDir;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port)
    throw new KubeConfigError(
      'not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set',
    );
  const tokenFile = join(dir, 'token');
  const caFile = join(dir, 'ca.crt');
  const credentials = tokenFileCredentials(tokenFile, { entry: 'service-account token' });
  // Read once now, so that a missing token fails here rather than on the first request.
  await credentials.headers();
  const tls: TlsSettings = {};
  // As client-go: without a readable ca.crt the system's roots are trusted.
  const ca = await readFile(caFile, 'utf8').catch(() => undefined);
  if (ca) tls.ca = ca;
  return {
    server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`,
    namespace: env.POD_NAMESPACE || (await readNamespace(join(dir, 'namespace'))),
    tls,
    credentials,
    origin: { kind: 'in-cluster', tokenFile, caFile },
  };
}

async function readNamespace(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim() || 'default';
}
