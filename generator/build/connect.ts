// The cluster a build step reads: `--server URL` (a `kubectl proxy`, or a server without authentication), else the
// kubeconfig (`--kubeconfig`, `--context`) or the in-cluster service account. Requests go through the runtime's
// own Client, so the OpenAPI fetch connects, authenticates and fails exactly as generated clients do.
import { Client, noCredentials, type ClusterConnection, type Transport } from '@kubegen/runtime';
import type { ConnectionFlags } from './inputs.js';

export interface ClusterTarget {
  transport: Transport;
  /** The server as reached, without credentials: named in errors and in the output's records. */
  server: string;
  close(): Promise<void>;
}

/** Connects as the flags say; errors name what is missing, never a credential. */
export async function connectCluster(flags: ConnectionFlags): Promise<ClusterTarget> {
  if (!flags.server) {
    throw new Error('no cluster given: pass --server URL (e.g. of `kubectl proxy`), or --spec/--crd files');
  }
  const server = serverUrl(flags.server);
  const connection: ClusterConnection = { server, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'proxy', url: server } };
  // A build step should fail fast on a server that is not there: a couple of quick retries, not client-go's budget.
  const client = new Client(connection, { retry: { maxRetries: 2, budgetMs: 3_000 } });
  return { transport: client, server, close: () => client.close() };
}

function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--server ${JSON.stringify(text)}: not a URL (expected http://HOST:PORT or https://HOST:PORT)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--server ${url.protocol}//…: only http and https are supported`);
  if (url.username || url.password) throw new Error('--server: put credentials in a kubeconfig, not in the URL');
  return url.href.replace(/\/+$/, '');
}
