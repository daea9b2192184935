// The PVC and PV protection controllers: a claim being deleted keeps its protection finalizer while a pod that
// has not finished uses it, and a persistent volume being deleted keeps its finalizer while it is bound; then the
// finalizer goes, and with it the object when no other finalizer holds it.
import { claimProtection, volumeProtection } from '../admission/storageprotection.js';
import { objects } from '../defaults/shape.js';
import type { ServerState } from '../http/context.js';
import { releaseFinalizer } from '../verbs/delete.js';
import type { KubeObject } from '../storage/store.js';

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
      return (
        source?.claimName === name || (v.ephemeral !== undefined && `${pod.metadata!.name}-${String(v.name)}` === name)
      );
    });
  });
}

/** Lets the object go of the protection finalizer (and so be deleted, when nothing else holds it). */
function release(state: ServerState, plural: string, o: KubeObject, finalizer: string): void {
  const r = state.registry.lookup('', 'v1', plural);
  if (r && held(o, finalizer)) releaseFinalizer(state, r, o, finalizer);
}

function syncClaims(state: ServerState, namespace: string): void {
  for (const claim of state.store.list(claims, namespace))
    if (held(claim, claimProtection) && !inUse(state, claim))
      release(state, 'persistentvolumeclaims', claim, claimProtection);
}

export function startStorageProtection(state: ServerState): () => void {
  return state.store.subscribe((c) => {
    if ((c.bucket === claims && held(c.object, claimProtection)) || (c.bucket === '/pods' && c.type !== 'ADDED')) {
      queueMicrotask(() => syncClaims(state, c.namespace));
    } else if (
      c.bucket === volumes &&
      held(c.object, volumeProtection) &&
      (c.object.status as { phase?: string } | undefined)?.phase !== 'Bound'
    ) {
      queueMicrotask(() => release(state, 'persistentvolumes', c.object, volumeProtection));
    }
  });
}
