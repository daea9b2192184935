// A controller that keeps one object in every live namespace: it creates the object for each namespace there
// is at start and for each namespace created later, re-creates it when it is deleted, and puts back what a
// client changed in the fields it owns. It writes as kube-controller-manager does, as that manager.
import { trackUpdate } from '../storage/mutation.js';
import { isTerminating } from '../storage/objects.js';
import { createAs } from './create.js';
import { storageKey } from '../api/registry.js';
import type { ServerState } from '../http/context.js';
import type { Change, KubeObject } from '../storage/store.js';

export const controllerManager = 'kube-controller-manager';

export interface Published {
  group: string;
  version: string;
  plural: string;
  name: string;
  /** The object as the controller wants it in `namespace`. */
  build(namespace: string): KubeObject;
  /** Whether a stored copy has drifted from what the controller wants (it is then updated). */
  drifted?(stored: KubeObject): boolean;
  /** Makes a drifted copy right again. */
  repair?(stored: KubeObject): void;
}

function liveNamespace(state: ServerState, namespace: string): boolean {
  const ns = state.store.get('/namespaces', '', namespace);
  return ns !== undefined && !isTerminating(ns);
}

/** Starts keeping `published` in every namespace; returns a function that stops. */
export function publishInEveryNamespace(state: ServerState, published: Published): () => void {
  const bucket = storageKey(published);
  const resource = () => state.registry.lookup(published.group, published.version, published.plural);
  const ensure = (namespace: string) => {
    const r = resource();
    if (!r || !liveNamespace(state, namespace)) return;
    const stored = state.store.get(bucket, namespace, published.name);
    if (!stored) {
      const obj = published.build(namespace);
      createAs(state, r, obj, controllerManager);
    } else if (published.drifted?.(stored) && published.repair) {
      const next = structuredClone(stored);
      published.repair(next);
      trackUpdate(r, stored, next, controllerManager);
      state.store.commit('MODIFIED', bucket, next);
    }
  };
  for (const ns of state.store.list('/namespaces')) ensure(ns.metadata!.name!);
  const relevant = (c: Change) =>
    (c.bucket === '/namespaces' && c.type === 'ADDED') ||
    (c.bucket === bucket && c.name === published.name && (c.type === 'DELETED' || published.drifted !== undefined));
  // Changes are acted on once the write that caused them is done, as a controller watching would.
  return state.store.subscribe((c) => {
    if (relevant(c)) queueMicrotask(() => ensure(c.bucket === '/namespaces' ? c.name : c.namespace));
  });
}
