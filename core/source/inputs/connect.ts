// The cluster a build step reads, through the runtime's own connection code (resolveConnection) and HTTP Client,
// so the OpenAPI fetch connects, authenticates and fails exactly as generated clients do.
import { Client, describeOrigin, resolveConnection, type Transport } from '@kubegen/runtime';
import type { ConnectionFlags } from './types.js';

export interface ClusterTarget {
  transport: Transport;
  /** The server as reached, without credentials: named in errors and in the output's records. */
  server: string;
  /** Which connection was chosen, in words (`kubeconfig context "dev" …`), never with a secret. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Connects as kubectl would: `--server` is a `kubectl proxy` URL; otherwise `--kubeconfig`/`--context` name the
 * kubeconfig entry; otherwise in-cluster when running in a pod, else $KUBECONFIG or ~/.kube/config.
 */
export async function connectCluster(flags: ConnectionFlags): Promise<ClusterTarget> {
  if (flags.server && (flags.kubeconfig || flags.context)) {
    throw new Error(
      '--server reads a `kubectl proxy` URL without credentials; give it alone, or use --kubeconfig/--context',
    );
  }
  const connection = await resolveConnection({
    ...(flags.server ? { kubectlProxy: flags.server } : {}),
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context ? { context: flags.context } : {}),
  });
  // A build step should fail fast on a server that is not there: a couple of quick retries, not client-go's budget.
  const client = new Client(connection, { retry: { maxRetries: 2, budgetMs: 3_000 } });
  return {
    transport: client,
    server: connection.server,
    origin: describeOrigin(connection.origin),
    close: () => client.close(),
  };
}
