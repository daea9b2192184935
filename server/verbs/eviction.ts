// The `pods/eviction` subresource (`kubectl drain`, client-go's EvictV1): an Eviction in, the pod deleted unless
// a PodDisruptionBudget forbids it. As kube-apiserver: a pod that is pending, finished or already being deleted
// is deleted whatever its budget; otherwise the one budget selecting it must have been seen by the disruption
// controller (status.observedGeneration) and allow a disruption, which the eviction spends; else 429.
import { sendJson, type Call } from '../http/context.js';
import { now } from '../storage/objects.js';
import { decodeObject } from '../http/request.js';
import { labelSelectorMatches } from '../storage/selectors.js';
import { badRequest, conflict, internalError, notFound, StatusError } from '../http/status.js';
import type { KubeObject } from '../storage/store.js';
import { removeOne } from './delete.js';
import { isDryRun } from './write.js';

interface EvictionOptions {
  dryRun?: string[];
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

const budgets = 'policy/poddisruptionbudgets';

/** Answers a create of `pods/NAME/eviction`; false when the request is for anything else. */
export function serveEviction(call: Call, body: Buffer): boolean {
  const { resource: r, info } = call;
  if (r.group !== '' || r.plural !== 'pods' || info.subresource !== 'eviction' || info.verb !== 'create') return false;
  const eviction = decodeObject(body, call.req.headers['content-type'] ?? '') as KubeObject;
  if (eviction.kind !== undefined && eviction.kind !== 'Eviction')
    throw badRequest(`the kind in the data (${String(eviction.kind)}) does not match the expected kind (Eviction)`);
  if (eviction.metadata?.name !== info.name) throw badRequest('name in URL does not match name in Eviction object');
  const pod = call.state.store.get('/pods', info.namespace ?? '', info.name!);
  if (!pod) throw notFound('', 'pods', info.name!);
  const options = (eviction.deleteOptions ?? {}) as EvictionOptions;
  const { uid, resourceVersion } = options.preconditions ?? {};
  if (uid && uid !== pod.metadata!.uid)
    throw conflict(
      '',
      'pods',
      info.name!,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata!.uid}`,
    );
  if (resourceVersion && resourceVersion !== pod.metadata!.resourceVersion) {
    throw conflict(
      '',
      'pods',
      info.name!,
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${pod.metadata!.resourceVersion}`,
    );
  }
  const dryRun = isDryRun(call) || (options.dryRun ?? []).includes('All');
  if (!budgetIgnored(pod)) spendBudget(call, pod, dryRun);
  removeOne(call.state, r, pod, options.propagationPolicy ?? 'Background', dryRun);
  sendJson(call.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
  return true;
}

/** A pod not running (pending or finished) or already being deleted disrupts nothing. */
function budgetIgnored(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return Boolean(pod.metadata?.deletionTimestamp) || phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed';
}

function refused(cause: string): StatusError {
  return new StatusError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
    causes: [{ reason: 'DisruptionBudget', message: cause }],
  });
}

function spendBudget(call: Call, pod: KubeObject, dryRun: boolean): void {
  const selecting = call.state.store.list(budgets, pod.metadata!.namespace).filter((pdb) => {
    const selector = (pdb.spec as { selector?: unknown } | undefined)?.selector;
    return selector !== undefined && selector !== null && labelSelectorMatches(selector, pod);
  });
  if (selecting.length === 0) return;
  if (selecting.length > 1)
    throw internalError(
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  const pdb = selecting[0]!;
  const status = (pdb.status ?? {}) as {
    observedGeneration?: number;
    disruptionsAllowed?: number;
    desiredHealthy?: number;
    currentHealthy?: number;
    disruptedPods?: Record<string, string>;
  };
  const name = pdb.metadata!.name!;
  if ((status.observedGeneration ?? 0) < (pdb.metadata!.generation ?? 0))
    throw refused(`The disruption budget ${name} is still being processed by the server.`);
  if ((status.disruptionsAllowed ?? 0) <= 0)
    throw refused(
      `The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`,
    );
  if (dryRun) return;
  const next = structuredClone(pdb);
  next.status = {
    ...status,
    disruptionsAllowed: status.disruptionsAllowed! - 1,
    disruptedPods: { ...(status.disruptedPods ?? {}), [pod.metadata!.name!]: now() },
  };
  call.state.store.commit('MODIFIED', budgets, next);
}
