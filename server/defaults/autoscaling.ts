// Field defaults of HorizontalPodAutoscalers: at least one replica, a CPU target of 80% (v2 spells it as a
// metric), and, when a behavior is given, the scaling rules it leaves out.
import { at, child, type Obj } from './shape.js';

function scaleRules(rules: Obj, stabilization: number, policies: Obj[]): void {
  rules.stabilizationWindowSeconds ??= stabilization;
  rules.selectPolicy ??= 'Max';
  rules.policies ??= policies;
}

export function defaultAutoscaler(version: string, hpa: Obj): void {
  const spec = at(hpa, 'spec');
  spec.minReplicas ??= 1;
  if (version === 'v1') return;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
    ];
  }
  const behavior = child(spec, 'behavior');
  if (!behavior) return;
  scaleRules(at(behavior, 'scaleUp'), 0, [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ]);
  scaleRules(at(behavior, 'scaleDown'), 300, [{ type: 'Percent', value: 100, periodSeconds: 15 }]);
}
