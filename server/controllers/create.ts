// How the API server itself and its controllers store an object they make: server-owned metadata set, the fields
// recorded under their manager (a manager owning no field is not listed), and an ADDED change.
import type { ServerState } from '../context.js';
import { trackUpdate } from '../mutation.js';
import { stampNew } from '../objects.js';
import { storageKey, type ServedResource } from '../registry.js';
import type { KubeObject } from '../store.js';

export function createAs(state: ServerState, r: ServedResource, obj: KubeObject, manager: string): KubeObject {
  stampNew(r, obj);
  trackUpdate(r, undefined, obj, manager);
  if (obj.metadata!.managedFields?.length === 0) delete obj.metadata!.managedFields;
  return state.store.commit('ADDED', storageKey(r), obj);
}
