// delete and deletecollection: preconditions, finalizers (deletionTimestamp until they are removed),
// propagation to dependents (Background, Foreground, Orphan), and namespace termination.
import { admissionForbidden } from '../admission/forbidden.js';
import { sendJson, writeWarnings, type Call, type ServerState } from '../http/context.js';
import { isSystemPriorityClass } from '../controllers/priorityclasses.js';
import { asVersion, now } from '../storage/objects.js';
import { apiVersionOf, storageKey, type ServedResource } from '../api/registry.js';
import { decodeObject } from '../http/request.js';
import { badRequest, conflict, notFound } from '../http/status.js';
import type { KubeObject } from '../storage/store.js';
import { selectorOf } from './read.js';
import { commitDeletion, isDryRun } from './write.js';

/** Kinds whose delete answers with the object rather than a Status (their stores set ReturnDeletedObject). */
const returnsObject = new Set(['/Pod', '/Service', '/ServiceAccount', 'storage.k8s.io/StorageClass']);

type Propagation = 'Background' | 'Foreground' | 'Orphan';

/** Namespaces the NamespaceLifecycle admission plugin never lets anyone delete. */
const immortalNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/** Refuses, as kube-apiserver does, to delete those namespaces and the system priority classes. */
function refuseUndeletable(r: ServedResource, name: string): void {
  if (r.group === '' && r.kind === 'Namespace' && immortalNamespaces.has(name))
    throw admissionForbidden(r, name, 'this namespace may not be deleted');
  if (r.group === 'scheduling.k8s.io' && r.kind === 'PriorityClass' && isSystemPriorityClass(name)) {
    throw admissionForbidden(r, name, 'this is a system priority class and cannot be deleted');
  }
}

interface DeleteOptions {
  propagation: Propagation;
  preconditions: { uid?: string; resourceVersion?: string };
}

function deleteOptions(call: Call, body: Buffer): DeleteOptions {
  // JSON unless the client says otherwise (typed clients may send DeleteOptions in protobuf).
  const opts =
    body.length > 0
      ? (decodeObject(body, call.req.headers['content-type'] || 'application/json') as Record<string, unknown>)
      : {};
  let policy = (call.query.get('propagationPolicy') ?? opts.propagationPolicy) as string | undefined;
  const orphan = call.query.get('orphanDependents') ?? opts.orphanDependents;
  if (!policy && (orphan === true || orphan === 'true')) policy = 'Orphan';
  if (policy && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw badRequest(
      `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  }
  if (Array.isArray(opts.dryRun) && opts.dryRun.length > 0) call.query.append('dryRun', String(opts.dryRun[0]));
  return {
    propagation: (policy as Propagation | undefined) ?? 'Background',
    preconditions: (opts.preconditions as DeleteOptions['preconditions']) ?? {},
  };
}

export function deleteObject(call: Call, body: Buffer): void {
  const { resource: r, info } = call;
  const opts = deleteOptions(call, body);
  const stored = call.state.store.get(storageKey(r), info.namespace ?? '', info.name!);
  if (!stored) throw notFound(r.group, r.plural, info.name!);
  refuseUndeletable(r, info.name!);
  const { uid, resourceVersion } = opts.preconditions;
  if (uid && uid !== stored.metadata!.uid) {
    throw conflict(
      r.group,
      r.plural,
      info.name!,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${stored.metadata!.uid}`,
    );
  }
  if (resourceVersion && resourceVersion !== stored.metadata!.resourceVersion) {
    throw conflict(
      r.group,
      r.plural,
      info.name!,
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${stored.metadata!.resourceVersion}`,
    );
  }
  const { object, deleted } = removeOne(call.state, r, stored, opts.propagation, isDryRun(call));
  writeWarnings(call);
  if (!deleted || returnsObject.has(`${r.group}/${r.kind}`)) {
    sendJson(call.res, 200, asVersion(r, object));
    return;
  }
  sendJson(call.res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: info.name, group: r.group || undefined, kind: r.plural, uid: object.metadata!.uid },
  });
}

export function deleteCollection(call: Call, body: Buffer): void {
  const { resource: r, info } = call;
  const opts = deleteOptions(call, body);
  const matcher = selectorOf(call);
  const dryRun = isDryRun(call);
  const items = call.state.store.list(storageKey(r), info.namespace).filter(matcher);
  const removed = items.map((o) => asVersion(r, removeOne(call.state, r, o, opts.propagation, dryRun).object));
  writeWarnings(call);
  sendJson(call.res, 200, {
    kind: r.listKind,
    apiVersion: apiVersionOf(r),
    metadata: { resourceVersion: String(call.state.store.resourceVersion) },
    items: removed,
  });
}

/** The finalizer kube-apiserver adds for the garbage collector when a delete asks for it (Background adds none). */
const gcFinalizers: Record<Propagation, string | undefined> = {
  Foreground: 'foregroundDeletion',
  Orphan: 'orphan',
  Background: undefined,
};

/**
 * Deletes one object, or marks it for deletion when finalizers must run first: its own, the garbage collector's
 * (`foregroundDeletion` or `orphan`, added for a Foreground or Orphan delete whether or not anything depends on
 * the object, as kube-apiserver does), or namespace termination. Returns the object as the answer shows it and
 * whether it is gone.
 */
export function removeOne(
  state: ServerState,
  r: ServedResource,
  stored: KubeObject,
  propagation: Propagation,
  dryRun: boolean,
): { object: KubeObject; deleted: boolean } {
  const bucket = storageKey(r);
  const meta = stored.metadata!;
  const isNamespace = r.group === '' && r.kind === 'Namespace';
  const gc = isNamespace ? undefined : gcFinalizers[propagation];
  if ((meta.finalizers ?? []).length > 0 || gc || isNamespace) {
    if (meta.deletionTimestamp) return { object: stored, deleted: false };
    const next = structuredClone(stored);
    next.metadata!.deletionTimestamp = now();
    next.metadata!.deletionGracePeriodSeconds = 0;
    if (gc && !next.metadata!.finalizers?.includes(gc))
      next.metadata!.finalizers = [...(next.metadata!.finalizers ?? []), gc];
    if (isNamespace) next.status = { ...((next.status as object | undefined) ?? {}), phase: 'Terminating' };
    if (dryRun) return { object: next, deleted: false };
    const marked = state.store.commit('MODIFIED', bucket, next);
    if (isNamespace) setImmediate(() => terminateNamespace(state, r, meta.name!, meta.uid!));
    if (gc) setImmediate(() => collect(state, r, marked, propagation, gc));
    return { object: marked, deleted: false };
  }
  if (dryRun) return { object: stored, deleted: true };
  const gone = commitDeletion(state, r, stored);
  // The collector looks for dependents once the write is done (one walk of the stored objects, not two).
  setImmediate(() => propagate(state, propagation, meta.uid!));
  return { object: gone, deleted: true };
}

interface Dependent {
  resource: ServedResource;
  object: KubeObject;
}

/** Every stored object with an owner reference to `uid` (the garbage collector's graph, computed on demand). */
function dependentsOf(state: ServerState, uid: string): Dependent[] {
  const found: Dependent[] = [];
  for (const group of state.registry.list()) {
    const seen = new Set<string>();
    for (const version of group.versions) {
      for (const r of group.resources.get(version)!.values()) {
        if (seen.has(r.plural)) continue;
        seen.add(r.plural);
        for (const o of state.store.list(storageKey(r))) {
          if (o.metadata?.ownerReferences?.some((ref) => ref.uid === uid)) found.push({ resource: r, object: o });
        }
      }
    }
  }
  return found;
}

/**
 * Deletes (in the background) or frees the objects that depend on `ownerUid` when the collector acts, not those that
 * did when the owner was deleted: one freed or deleted meanwhile is left alone.
 */
function propagate(state: ServerState, propagation: Propagation, ownerUid: string): void {
  for (const { resource, object: current } of dependentsOf(state, ownerUid)) {
    if (propagation === 'Orphan') {
      current.metadata!.ownerReferences = current.metadata!.ownerReferences!.filter((ref) => ref.uid !== ownerUid);
      if (current.metadata!.ownerReferences.length === 0) delete current.metadata!.ownerReferences;
      state.store.commit('MODIFIED', storageKey(resource), current);
    } else {
      removeOne(state, resource, current, 'Background', false);
    }
  }
}

/**
 * The garbage collector's part of a Foreground or Orphan delete: dependents deleted (in the background) or freed of
 * their owner reference, then its finalizer removed, which deletes the owner once no other finalizer is left. A
 * Foreground delete removes it only once no dependent that blocks the owner's deletion is left.
 */
function collect(
  state: ServerState,
  r: ServedResource,
  owner: KubeObject,
  propagation: Propagation,
  finalizer: string,
): void {
  const uid = owner.metadata!.uid!;
  propagate(state, propagation === 'Orphan' ? 'Orphan' : 'Background', uid);
  const blocked = () =>
    propagation === 'Foreground' &&
    dependentsOf(state, uid).some((d) =>
      d.object.metadata!.ownerReferences!.some((ref) => ref.uid === uid && ref.blockOwnerDeletion === true),
    );
  if (!blocked()) {
    releaseFinalizer(state, r, owner, finalizer);
    return;
  }
  // Checked again once the write that deleted something is done, as the garbage collector watching would.
  const unsubscribe = state.store.subscribe((c) => {
    if (c.type !== 'DELETED') return;
    queueMicrotask(() => {
      const current = state.store.get(storageKey(r), owner.metadata!.namespace ?? '', owner.metadata!.name!);
      if (current?.metadata?.uid !== uid) unsubscribe();
      else if (!blocked()) {
        unsubscribe();
        releaseFinalizer(state, r, owner, finalizer);
      }
    });
  });
}

/**
 * Removes a controller's finalizer from an object, if it is still the same object and still holds it; the object
 * goes once no finalizer is left (the garbage collector's, and the storage protection controllers' way out).
 */
export function releaseFinalizer(state: ServerState, r: ServedResource, object: KubeObject, finalizer: string): void {
  const current = state.store.get(storageKey(r), object.metadata!.namespace ?? '', object.metadata!.name!);
  if (!current || current.metadata!.uid !== object.metadata!.uid || !current.metadata!.finalizers?.includes(finalizer))
    return;
  const finalizers = current.metadata!.finalizers.filter((f) => f !== finalizer);
  if (finalizers.length > 0) {
    current.metadata!.finalizers = finalizers;
    state.store.commit('MODIFIED', storageKey(r), current);
    return;
  }
  delete current.metadata!.finalizers;
  commitDeletion(state, r, current);
}

/**
 * The namespace controller's work: delete everything in the namespace, then the namespace itself. It stops once the
 * namespace it was started for is gone: a namespace of the same name created since is not being terminated.
 */
function terminateNamespace(state: ServerState, namespaces: ServedResource, name: string, uid: string): void {
  if (state.store.get(storageKey(namespaces), '', name)?.metadata?.uid !== uid) return;
  for (const group of state.registry.list()) {
    const seen = new Set<string>();
    for (const version of group.versions) {
      for (const r of group.resources.get(version)!.values()) {
        if (!r.namespaced || seen.has(r.plural)) continue;
        seen.add(r.plural);
        for (const o of state.store.list(storageKey(r), name))
          if (!o.metadata?.deletionTimestamp) removeOne(state, r, o, 'Background', false);
      }
    }
  }
  const ns = state.store.get(storageKey(namespaces), '', name);
  if (!ns) return;
  const blocked = state.registry
    .list()
    .some((g) =>
      g.versions.some((v) =>
        [...g.resources.get(v)!.values()].some((r) => r.namespaced && state.store.list(storageKey(r), name).length > 0),
      ),
    );
  if (blocked) {
    setTimeout(() => terminateNamespace(state, namespaces, name, uid), 200).unref();
    return;
  }
  state.store.commit('DELETED', storageKey(namespaces), ns);
}
