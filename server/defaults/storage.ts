// Field defaults of volumes and claims: a claim's or volume's mode, a volume's reclaim policy, and the
// Pending phase both start in (part of their defaults, so claim templates show it too).
import { at, child, type Obj } from './shape.js';

/** SetDefaults_PersistentVolumeClaim: filesystem mode, phase Pending. */
export function defaultClaim(claim: Obj): void {
  at(claim, 'spec').volumeMode ??= 'Filesystem';
  at(claim, 'status').phase ??= 'Pending';
}

/** SetDefaults_PersistentVolume: Retain, filesystem mode, phase Pending. */
export function defaultVolume(volume: Obj): void {
  const spec = at(volume, 'spec');
  spec.persistentVolumeReclaimPolicy ??= 'Retain';
  spec.volumeMode ??= 'Filesystem';
  const hostPath = child(spec, 'hostPath');
  if (hostPath) hostPath.type ??= '';
  at(volume, 'status').phase ??= 'Pending';
}

/** SetDefaults_StorageClass: volumes it provisions are deleted with their claim, and bound at once. */
export function defaultStorageClass(storageClass: Obj): void {
  storageClass.reclaimPolicy ??= 'Delete';
  storageClass.volumeBindingMode ??= 'Immediate';
}
