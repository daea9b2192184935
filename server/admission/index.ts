// The mutating admission plugins kube-apiserver enables by default that change what a client creates, run in
// the order kube-apiserver runs them; a refusal is 403 Forbidden.
import type { ServedResource } from '../api/registry.js';
import type { KubeObject, Store } from '../storage/store.js';
import { admissionForbidden } from './forbidden.js';
import { admitPriority } from './priority.js';
import { admitServiceAccount } from './serviceaccount.js';
import { admitDefaultStorageClass } from './storageclass.js';
import { admitStorageProtection, claimProtection, volumeProtection } from './storageprotection.js';
import { admitTolerationSeconds } from './tolerations.js';

/** Admits a new object (named `requestedName` in the request) or throws the plugin's refusal. */
export function admitCreate(store: Store, r: ServedResource, obj: KubeObject, requestedName: string): void {
  if (r.custom) return;
  const refuse = (reason: string | undefined) => {
    if (reason) throw admissionForbidden(r, requestedName, reason);
  };
  if (r.group === '' && r.kind === 'Pod') {
    refuse(admitServiceAccount(store, obj));
    refuse(admitPriority(store, obj));
    admitTolerationSeconds(obj);
  } else if (r.group === '' && r.kind === 'PersistentVolumeClaim') {
    admitDefaultStorageClass(store, obj);
    admitStorageProtection(obj, claimProtection);
  } else if (r.group === '' && r.kind === 'PersistentVolume') {
    admitStorageProtection(obj, volumeProtection);
  }
}
