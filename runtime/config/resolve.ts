// One entry point that picks where the connection comes from, the way client libraries do: what the caller
// names (explicit options, a kubectl proxy, a kubeconfig file or context) first; otherwise in-cluster when this
// runs in a pod; otherwise the kubeconfig files (KUBECONFIG, then ~/.kube/config).
import type { ClusterConnection } from '../connection.js';
import { KubeConfigError } from '../errors.js';
import { explicitConnection, kubectlProxyConnection, type ExplicitConnectionOptions } from './explicit.js';
import { inClusterAvailable, inClusterConnection, type InClusterOptions } from './in-cluster.js';
import { loadKubeConfig, type KubeConfigOptions } from './kubeconfig.js';

export interface ResolveOptions extends KubeConfigOptions {
  explicit?: ExplicitConnectionOptions;
  /** A `kubectl proxy` URL such as `http://127.0.0.1:8001`. */
  kubectlProxy?: string;
  /** Where to look for in-cluster files; `false` never uses them. */
  inCluster?: InClusterOptions | false;
}

export async function resolveConnection(options: ResolveOptions = {}): Promise<ClusterConnection> {
  if (options.explicit) return explicitConnection({ namespace: options.namespace, ...options.explicit });
  if (options.kubectlProxy) return kubectlProxyConnection(options.kubectlProxy, { namespace: options.namespace });
  const named = Boolean(options.kubeconfig || options.context);
  const inCluster = options.inCluster === false ? undefined : { env: options.env, ...options.inCluster };
  if (!named && inCluster && inClusterAvailable(inCluster)) {
    const connection = await inClusterConnection(inCluster);
    return options.namespace ? { ...connection, namespace: options.namespace } : connection;
  }
  try {
    return await loadKubeConfig(options);
  } catch (err) {
    if (named || !inCluster || !(err instanceof KubeConfigError) || !err.message.startsWith('no kubeconfig found'))
      throw err;
    throw new KubeConfigError(
      `${err.message}, and not running in a cluster (KUBERNETES_SERVICE_HOST / _PORT unset or no service-account token)`,
      { cause: err },
    );
  }
}
