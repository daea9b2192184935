// What kube-apiserver's built-in types and strategies do that a client can see: field defaults applied every
// time an object is decoded (create and update alike), and create-time work — a Service's addresses, a Job's
// selector, the initial status of a Namespace, workload, Pod or Ingress, the requestor of a certificate request.
import { defaultAutoscaler } from '../defaults/autoscaling.js';
import {
  allocateService,
  allocationsOf,
  defaultNetworkPolicy,
  defaultService,
  keepServiceAllocations,
} from '../defaults/network.js';
import { defaultPod, defaultTemplate, qosClass } from '../defaults/pod.js';
import { at, child, type Obj } from '../defaults/shape.js';
import { defaultClaim, defaultStorageClass, defaultVolume } from '../defaults/storage.js';
import { defaultWorkload, generateJobSelector } from '../defaults/workloads.js';
import type { UserInfo } from '../auth/authenticate.js';
import { storageKey, type ServedResource } from './registry.js';
import { invalid } from '../http/status.js';
import type { KubeObject, Store } from '../storage/store.js';

/** Field defaults of built-in kinds, applied to every object written (idempotent). */
export function applyDefaults(r: ServedResource, obj: KubeObject): void {
  if (r.custom) return;
  const kind = `${r.group}/${r.kind}`;
  if (defaultWorkload(kind, obj)) return;
  switch (kind) {
    case '/Namespace': {
      at(obj, 'spec').finalizers ??= ['kubernetes'];
      // Every named namespace carries its name as a label that selectors can match, set again on every write.
      const meta = obj.metadata;
      if (meta?.name) meta.labels = { ...(meta.labels ?? {}), 'kubernetes.io/metadata.name': meta.name };
      break;
    }
    case '/Service':
      defaultService(at(obj, 'spec'));
      break;
    case '/Pod':
      defaultPod(obj);
      break;
    case '/PodTemplate':
      defaultTemplate(obj);
      break;
    case '/Secret':
      obj.type ??= 'Opaque';
      break;
    case '/PersistentVolumeClaim':
      defaultClaim(obj);
      break;
    case '/PersistentVolume':
      defaultVolume(obj);
      break;
    case 'storage.k8s.io/StorageClass':
      defaultStorageClass(obj);
      break;
    case 'networking.k8s.io/NetworkPolicy':
      defaultNetworkPolicy(at(obj, 'spec'));
      break;
    case 'scheduling.k8s.io/PriorityClass':
      obj.preemptionPolicy ??= 'PreemptLowerPriority';
      break;
    case 'autoscaling/HorizontalPodAutoscaler':
      defaultAutoscaler(r.version, obj);
      break;
  }
}

/** The status a new object of these kinds starts with (what their strategies reset it to, as it is encoded). */
const initialStatus: Record<string, (version: string) => Obj> = {
  '/Namespace': () => ({ phase: 'Active' }),
  'apps/Deployment': () => ({}),
  'apps/StatefulSet': () => ({ replicas: 0 }),
  'apps/ReplicaSet': () => ({ replicas: 0 }),
  '/ReplicationController': () => ({ replicas: 0 }),
  'apps/DaemonSet': () => ({
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
  }),
  'batch/Job': () => ({}),
  'batch/CronJob': () => ({}),
  '/Service': () => ({ loadBalancer: {} }),
  'networking.k8s.io/Ingress': () => ({ loadBalancer: {} }),
  'autoscaling/HorizontalPodAutoscaler': (version) =>
    version === 'v1' ? { currentReplicas: 0, desiredReplicas: 0 } : { desiredReplicas: 0 },
};

/**
 * What a strategy does to a new object once it is defaulted and admitted: allocated values and the initial status
 * (after the request's managed fields are recorded, so the client's manager does not own them).
 */
export function prepareForCreate(store: Store, r: ServedResource, obj: KubeObject, user: UserInfo): void {
  if (r.custom) return;
  const kind = `${r.group}/${r.kind}`;
  const status = initialStatus[kind];
  if (status) obj.status = status(r.version);
  switch (kind) {
    case '/Service': {
      const conflict = allocateService(at(obj, 'spec'), allocationsOf(store.list(storageKey(r))));
      if (conflict)
        throw invalid('', 'Service', obj.metadata?.name ?? '', [
          {
            reason: 'FieldValueInvalid',
            message: `Invalid value: ${conflict.value}: ${conflict.message}`,
            field: conflict.field,
          },
        ]);
      break;
    }
    case 'batch/Job':
      generateJobSelector(obj);
      break;
    case '/Pod':
      obj.status = { phase: 'Pending', qosClass: qosClass(at(obj, 'spec')) };
      break;
    case 'certificates.k8s.io/CertificateSigningRequest': {
      // The requestor is whoever sends it, never what the request says; nobody creates a request pre-approved.
      const spec = at(obj, 'spec');
      delete spec.uid;
      delete spec.extra;
      spec.username = user.username;
      spec.groups = user.groups;
      if (user.uid) spec.uid = user.uid;
      if (user.extra && Object.keys(user.extra).length > 0) spec.extra = user.extra;
      obj.status = {};
      break;
    }
  }
}

/** Update-time work: defaults again, and a Service keeps what it was allocated. */
export function defaultOnUpdate(store: Store, r: ServedResource, stored: KubeObject, obj: KubeObject): void {
  if (r.custom) return;
  applyDefaults(r, obj);
  if (r.group === '' && r.kind === 'Service') {
    keepServiceAllocations(
      child(stored, 'spec') ?? {},
      at(obj, 'spec'),
      allocationsOf(store.list(storageKey(r)), stored.metadata?.uid),
    );
  }
}
