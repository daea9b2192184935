// The DefaultTolerationSeconds admission plugin: a new pod tolerates a not-ready or unreachable node for five
// minutes unless it already says how long it tolerates them.
import { at, objects } from '../defaults/shape.js';
import type { KubeObject } from '../storage/store.js';

const taints = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

export function admitTolerationSeconds(pod: KubeObject): void {
  const spec = at(pod, 'spec');
  const tolerations = objects(spec.tolerations);
  const added = taints
    .filter((key) => !tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect)))
    .map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }));
  if (added.length > 0) spec.tolerations = [...tolerations, ...added];
}
