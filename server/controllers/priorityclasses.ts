// The priority classes kube-apiserver creates at start for system-critical pods.
import { createAs } from './create.js';
import type { ServerState } from '../http/context.js';

const systemClasses = [
  {
    name: 'system-node-critical',
    value: 2000001000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    name: 'system-cluster-critical',
    value: 2000000000,
    description:
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

/** Whether `name` is one of the system priority classes (which kube-apiserver refuses to delete). */
export function isSystemPriorityClass(name: string): boolean {
  return systemClasses.some((pc) => pc.name === name);
}

export function createSystemPriorityClasses(state: ServerState): void {
  const r = state.registry.lookup('scheduling.k8s.io', 'v1', 'priorityclasses');
  if (!r) return;
  for (const pc of systemClasses) {
    const obj = {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: pc.name },
      value: pc.value,
      description: pc.description,
      preemptionPolicy: 'PreemptLowerPriority',
    };
    createAs(state, r, obj, 'kube-apiserver');
  }
}
