// The ServiceAccount admission plugin on pod create: the pod runs as `default` unless it names a service account,
// that account must exist, and unless automounting is off (on the pod, else on the account) every container and
// init container mounts a projected `kube-api-access-…` volume with a bound token, the cluster CA and the namespace.
import { generateName } from '../storage/objects.js';
import { at, objects, type Obj } from '../defaults/shape.js';
import type { Store, KubeObject } from '../storage/store.js';

export const tokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
const volumePrefix = 'kube-api-access-';
/** A bound token projected into pods lives a little over an hour (kube-apiserver's warn-only expiry). */
const projectedTokenSeconds = 3607;

/** The projected volume holding the token, the root CA bundle and the namespace. */
function tokenVolume(name: string): Obj {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: projectedTokenSeconds, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
      defaultMode: 420,
    },
  };
}

/** Mutates a new pod as the plugin does; returns a refusal message when its service account does not exist. */
export function admitServiceAccount(store: Store, pod: KubeObject): string | undefined {
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return undefined;
  const spec = at(pod, 'spec');
  if (typeof spec.serviceAccountName !== 'string' || spec.serviceAccountName === '')
    spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const namespace = pod.metadata!.namespace ?? '';
  const account = store.get('/serviceaccounts', namespace, spec.serviceAccountName as string);
  if (!account)
    return `error looking up service account ${namespace}/${String(spec.serviceAccountName)}: serviceaccount "${String(spec.serviceAccountName)}" not found`;
  const automount =
    typeof spec.automountServiceAccountToken === 'boolean'
      ? spec.automountServiceAccountToken
      : account.automountServiceAccountToken !== false;
  if (automount) mountToken(spec);
  return undefined;
}

function mountToken(spec: Obj): void {
  const volumes = objects(spec.volumes);
  const existing = volumes.find((v) => typeof v.name === 'string' && v.name.startsWith(volumePrefix));
  const name = typeof existing?.name === 'string' ? existing.name : generateName(volumePrefix);
  let needed = false;
  for (const c of [...objects(spec.initContainers), ...objects(spec.containers)]) {
    const mounts = objects(c.volumeMounts);
    if (mounts.some((m) => m.mountPath === tokenMountPath)) continue;
    c.volumeMounts = [...mounts, { name, readOnly: true, mountPath: tokenMountPath }];
    needed = true;
  }
  if (needed && !existing) spec.volumes = [...volumes, tokenVolume(name)];
}
