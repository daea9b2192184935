// What kube-apiserver's built-in strategies do on create that a client can see: a few defaults,
// a Service's cluster IP, a Namespace's phase and finalizer, a new Pod's phase.
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

let nextServiceIp = 1;

/** Applies built-in create-time defaults to a new object in place. */
export function defaultOnCreate(r: ServedResource, obj: KubeObject): void {
  if (r.custom) return;
  const key = `${r.group}/${r.kind}`;
  switch (key) {
    case '/Namespace': {
      const spec = at(obj, 'spec');
      spec.finalizers ??= ['kubernetes'];
      obj.status = { phase: 'Active' };
      break;
    }
    case 'apps/Deployment': {
      const spec = at(obj, 'spec');
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
      obj.status = {};
      break;
    }
    case 'apps/StatefulSet':
    case 'apps/ReplicaSet':
    case '/ReplicationController':
      at(obj, 'spec').replicas ??= 1;
      obj.status = { replicas: 0 };
      break;
    case '/Service': {
      const spec = at(obj, 'spec');
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.clusterIP !== 'None' && spec.type !== 'ExternalName') {
        const n = nextServiceIp++;
        spec.clusterIP ??= `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
        spec.clusterIPs ??= [spec.clusterIP];
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      for (const port of (spec.ports as Obj[] | undefined) ?? []) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      obj.status = { loadBalancer: {} };
      break;
    }
    case '/Pod': {
      const spec = at(obj, 'spec');
      spec.restartPolicy ??= 'Always';
      spec.dnsPolicy ??= 'ClusterFirst';
      spec.schedulerName ??= 'default-scheduler';
      spec.terminationGracePeriodSeconds ??= 30;
      obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
      break;
    }
    case '/ConfigMap':
    case '/Secret':
      if (r.kind === 'Secret') obj.type ??= 'Opaque';
      break;
  }
}
