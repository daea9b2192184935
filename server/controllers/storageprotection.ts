// The PVC and PV protection controllers: a claim being deleted keeps its protection finalizer while a pod that
// has not finished uses it, and a persistent volume being deleted keeps its finalizer while it is bound; then the
// finalizer goes, and with it the object when no other finalizer holds it.
import { claimProtection, volumeProtection } from '../admission/storageprotection.js';
import { objects } from '../defaults/shape.js';
import type { ServerState } from '../context.js';
import type { KubeObject } from '../store.js';

const claims = '/persistentvolumeclaims';
const volumes = '/persistentvolumes';

function held(o: KubeObject, finalizer: string): boolean {
  return Boolean(o.metadata?.deletionTimestamp) && (o.metadata?.finalizers ?? []).includes(finalizer);
}

/** Whether a pod that has not finished mounts the claim (directly, or as its generic ephemeral volume). */
function inUse(state: ServerState, claim: KubeObject): boolean {
  const { namespace, name } = claim.metadata!;
  return state.store.list('/pods', namespace).some((pod) => {
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return false;
    const spec = (pod.spec ?? {}) as Record<string, unknown>;
    return objects(spec.volumes).some((v) => {
      const source = v.persistentVolumeClaim as { claimName?: string } | undefined;
      return source?.claimName === name || (v.ephemeral !== undefined && `${pod.metadata!.name}-${String(v.name)}` === name);
    });
  });
}

function release(state: ServerState, bucket: string, o: KubeObject, finalizer: string): void {
  const current = state.store.get(bucket, o.metadata!.namespace ?? '', o.metadata!.name!);
  if (!current || !held(current, finalizer)) return;
  current.metadata!.finalizers = current.metadata!.finalizers!.filter((f) => f !== finalizer);
  if (current.metadata!.finalizers.length === 0) delete current.metadata!.finalizers;
  state.store.commit(current.metadata!.finalizers ? 'MODIFIED' : 'DELETED', bucket, current);
}

function syncClaims(state: ServerState, namespace: string): void {
  for (const claim of state.store.list(claims, namespace)) if (held(claim, claimProtection) && !inUse(state, claim)) release(state, claims, claim, claimProtection);
}

export function startStorageProtection(state: ServerState): () => void {
  return state.store.subscribe((c) => {
    if ((c.bucket === claims && held(c.object, claimProtection)) || (c.bucket === '/pods' && c.type !== 'ADDED')) {
      queueMicrotask(() => syncClaims(state, c.namespace));
    } else if (c.bucket === volumes && held(c.object, volumeProtection) && (c.object.status as { phase?: string } | undefined)?.phase !== 'Bound') {
      queueMicrotask(() => release(state, volumes, c.object, volumeProtection));
    }
  });
}
