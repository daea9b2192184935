// How the API server itself and its controllers store an object they make: server-owned metadata set, the fields
// recorded under their manager (a manager owning no field is not listed), and an ADDED change.
import type { ServerState } from '../http/context.js';
import { trackUpdate } from '../storage/mutation.js';
import { stampNew } from '../storage/objects.js';
import { storageKey, type ServedResource } from '../api/registry.js';
import type { KubeObject } from '../storage/store.js';

export function createAs(state: ServerState, r: ServedResource, obj: KubeObject, manager: string): KubeObject {
  stampNew(r, obj);
  trackUpdate(r, undefined, obj, manager);
  if (obj.metadata!.managedFields?.length === 0) delete obj.metadata!.managedFields;
  return state.store.commit('ADDED', storageKey(r), obj);
}
