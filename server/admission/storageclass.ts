// The DefaultStorageClass admission plugin: a new claim that names no storage class gets the default one, when
// the cluster has one (the newest when several are marked default).
import { at } from '../defaults/shape.js';
import type { KubeObject, Store } from '../storage/store.js';

const defaultMarks = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export function admitDefaultStorageClass(store: Store, claim: KubeObject): void {
  const spec = at(claim, 'spec');
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  if (claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
  const defaults = store
    .list('storage.k8s.io/storageclasses')
    .filter((sc) => defaultMarks.some((mark) => sc.metadata?.annotations?.[mark] === 'true'))
    .sort(
      (a, b) =>
        String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')) ||
        String(a.metadata?.name).localeCompare(String(b.metadata?.name)),
    );
  const chosen = defaults[0];
  if (chosen) spec.storageClassName = chosen.metadata!.name;
}
