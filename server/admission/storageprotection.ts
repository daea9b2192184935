// The StorageObjectInUseProtection admission plugin: a new claim or persistent volume carries the protection
// finalizer that keeps it while it is in use (released by the protection controllers).
import type { KubeObject } from '../storage/store.js';

export const claimProtection = 'kubernetes.io/pvc-protection';
export const volumeProtection = 'kubernetes.io/pv-protection';

export function admitStorageProtection(obj: KubeObject, finalizer: string): void {
  const meta = obj.metadata!;
  if (!(meta.finalizers ?? []).includes(finalizer)) meta.finalizers = [...(meta.finalizers ?? []), finalizer];
}
