// The Priority admission plugin on pod create: the pod's priority and preemption policy come from its
// PriorityClass, or from the global default class, or are 0 and PreemptLowerPriority when there is none.
import { at } from '../defaults/shape.js';
import type { KubeObject, Store } from '../storage/store.js';

const bucket = 'scheduling.k8s.io/priorityclasses';

/** The class a pod without one gets: the global default with the highest value, if any. */
function globalDefault(store: Store): KubeObject | undefined {
  const defaults = store.list(bucket).filter((pc) => pc.globalDefault === true);
  return defaults.sort((a, b) => Number(b.value ?? 0) - Number(a.value ?? 0))[0];
}

/** Mutates a new pod as the plugin does; returns a refusal message when it cannot. */
export function admitPriority(store: Store, pod: KubeObject): string | undefined {
  const spec = at(pod, 'spec');
  let priority = 0;
  let preemption = 'PreemptLowerPriority';
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  const pc = className ? store.get(bucket, '', className) : globalDefault(store);
  if (className && !pc) return `no PriorityClass with name ${className} was found`;
  if (pc) {
    if (!className) spec.priorityClassName = pc.metadata!.name;
    priority = Number(pc.value ?? 0);
    preemption = typeof pc.preemptionPolicy === 'string' ? pc.preemptionPolicy : preemption;
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    return `the integer value of priority (${String(spec.priority)}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`;
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== preemption) {
    return `the string value of PreemptionPolicy (${String(spec.preemptionPolicy)}) must not be provided in pod spec; priority admission controller computed ${preemption} from the given PriorityClass name`;
  }
  spec.priority = priority;
  spec.preemptionPolicy = preemption;
  return undefined;
}
