// What kube-apiserver's built-in types and strategies do that a client can see: field defaults applied every
// time an object is decoded (create and update alike), and create-time work — a Service's cluster IP, the
// initial status of a Namespace, Deployment or Pod.
import type { ServedResource } from './registry.js';
import type { KubeObject } from './store.js';

type Obj = Record<string, unknown>;

function at(o: Obj, key: string): Obj {
  const v = o[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  const created: Obj = {};
  o[key] = created;
  return created;
}

function objects(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter((x): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];
}

let nextServiceIp = 1;

/** The defaults of a container: pull policy by tag, termination message, port protocol. */
function defaultContainer(c: Obj): void {
  const image = typeof c.image === 'string' ? c.image : '';
  const tagged = /:[^/]+$/.test(image.split('@')[0]!) && !image.endsWith(':latest');
  c.imagePullPolicy ??= tagged || image.includes('@') ? 'IfNotPresent' : 'Always';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const port of objects(c.ports)) port.protocol ??= 'TCP';
}

function defaultPodSpec(spec: Obj): void {
  for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) defaultContainer(c);
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
}

function defaultTemplate(spec: Obj): void {
  const template = spec.template;
  if (template && typeof template === 'object') defaultPodSpec(at(template as Obj, 'spec'));
}

/** Field defaults of built-in kinds, applied to every object written (idempotent). */
export function applyDefaults(r: ServedResource, obj: KubeObject): void {
  if (r.custom) return;
  switch (`${r.group}/${r.kind}`) {
    case '/Namespace':
      at(obj, 'spec').finalizers ??= ['kubernetes'];
      break;
    case 'apps/Deployment': {
      const spec = at(obj, 'spec');
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate' };
      const strategy = spec.strategy as Obj;
      strategy.type ??= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') strategy.rollingUpdate ??= { maxUnavailable: '25%', maxSurge: '25%' };
      defaultTemplate(spec);
      break;
    }
    case 'apps/StatefulSet':
    case 'apps/ReplicaSet':
    case 'apps/DaemonSet':
    case '/ReplicationController':
    case 'batch/Job': {
      const spec = at(obj, 'spec');
      if (r.kind !== 'DaemonSet' && r.kind !== 'Job') spec.replicas ??= 1;
      defaultTemplate(spec);
      break;
    }
    case 'batch/CronJob': {
      const spec = at(obj, 'spec');
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      const jobTemplate = spec.jobTemplate;
      if (jobTemplate && typeof jobTemplate === 'object') defaultTemplate(at(jobTemplate as Obj, 'spec'));
      break;
    }
    case '/Service': {
      const spec = at(obj, 'spec');
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      for (const port of objects(spec.ports)) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      break;
    }
    case '/Pod':
      defaultPodSpec(at(obj, 'spec'));
      break;
    case '/Secret':
      obj.type ??= 'Opaque';
      break;
  }
}

/** Create-time work of built-in strategies: defaults, allocated values and the initial status. */
export function defaultOnCreate(r: ServedResource, obj: KubeObject): void {
  if (r.custom) return;
  applyDefaults(r, obj);
  switch (`${r.group}/${r.kind}`) {
    case '/Namespace':
      obj.status = { phase: 'Active' };
      break;
    case 'apps/Deployment':
      obj.status = {};
      break;
    case 'apps/StatefulSet':
    case 'apps/ReplicaSet':
    case '/ReplicationController':
      obj.status = { replicas: 0 };
      break;
    case '/Service': {
      const spec = at(obj, 'spec');
      if (spec.clusterIP !== 'None' && spec.type !== 'ExternalName') {
        const n = nextServiceIp++;
        spec.clusterIP ??= `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
        spec.clusterIPs ??= [spec.clusterIP];
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      obj.status = { loadBalancer: {} };
      break;
    }
    case '/Pod':
      obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
      break;
  }
}

/** Update-time work: defaults again, and a Service keeps the addresses it was allocated. */
export function defaultOnUpdate(r: ServedResource, stored: KubeObject, obj: KubeObject): void {
  if (r.custom) return;
  applyDefaults(r, obj);
  if (r.group === '' && r.kind === 'Service') {
    const spec = at(obj, 'spec');
    const was = (stored.spec ?? {}) as Obj;
    for (const key of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy']) {
      if (spec[key] === undefined && was[key] !== undefined) spec[key] = structuredClone(was[key]);
    }
  }
}
