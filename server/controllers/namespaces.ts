// What kube-controller-manager keeps in every namespace: the ServiceAccount controller's `default`
// ServiceAccount and the root CA publisher's `kube-root-ca.crt` ConfigMap with the cluster's CA bundle.
import type { ServerState } from '../http/context.js';
import type { KubeObject } from '../storage/store.js';
import { publishInEveryNamespace } from './publisher.js';

export const rootCaConfigMap = 'kube-root-ca.crt';
const descriptionKey = 'kubernetes.io/description';
const description =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

function rootCa(namespace: string, pem: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: rootCaConfigMap, namespace, annotations: { [descriptionKey]: description } },
    data: { 'ca.crt': pem },
  };
}

/** Starts both controllers; `caPem` is the bundle clients verify the server with. */
export function startNamespaceControllers(state: ServerState, caPem: string): void {
  publishInEveryNamespace(state, {
    group: '',
    version: 'v1',
    plural: 'serviceaccounts',
    name: 'default',
    build: (namespace) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } }),
  });
  publishInEveryNamespace(state, {
    group: '',
    version: 'v1',
    plural: 'configmaps',
    name: rootCaConfigMap,
    build: (namespace) => rootCa(namespace, caPem),
    drifted: (stored) =>
      (stored.data as Record<string, unknown> | undefined)?.['ca.crt'] !== caPem ||
      stored.metadata?.annotations?.[descriptionKey] !== description,
    repair: (stored) => {
      stored.data = { ...((stored.data as object | undefined) ?? {}), 'ca.crt': caPem };
      stored.metadata!.annotations = { ...(stored.metadata!.annotations ?? {}), [descriptionKey]: description };
    },
  });
}
