// The one call that goes from "whatever the environment names" to a working client: the composition of the
// connection sources (runtime/config) and the HTTP client (runtime/http), which know nothing of each other.
import { resolveConnection, type ResolveOptions } from './config/resolve.js';
import { Client, type ClientOptions } from './http/client.js';

/**
 * A client for the cluster the environment names, picked as client libraries do: explicit options or a kubectl
 * proxy when given, else in-cluster when running in a pod, else the kubeconfig files. `describe()` says which.
 */
export async function connect(options: ResolveOptions = {}, clientOptions: ClientOptions = {}): Promise<Client> {
  return new Client(await resolveConnection(options), clientOptions);
}
