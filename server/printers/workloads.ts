// Printer columns of the workload kinds: pods (their row in pods.ts), their controllers, autoscalers and disruption budgets.
import type { KubeObject } from '../storage/store.js';
import {
  age,
  ageColumn,
  col,
  containerColumns,
  list,
  nameColumn,
  num,
  read,
  str,
  wide,
  type Column,
} from './columns.js';
import { humanDuration } from './duration.js';
import { formatLabels, formatLabelSelector, selectorString } from './labels.js';
import { podSummary } from './pods.js';

const selectorColumn = (path: string) => wide('Selector', (o) => formatLabelSelector(read(o, path)));

function hasCondition(o: KubeObject, type: string): boolean {
  const found = list<{ type?: string; status?: string }>(o, 'status.conditions').find((c) => c.type === type);
  return found?.status === 'True';
}

function jobStatus(o: KubeObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(o: KubeObject): string {
  const succeeded = num(o, 'status.succeeded');
  const completions = read(o, 'spec.completions');
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  const parallelism = num(o, 'spec.parallelism');
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(o: KubeObject): string {
  const start = str(o, 'status.startTime');
  if (!start) return '';
  const end = str(o, 'status.completionTime');
  return humanDuration((end ? Date.parse(end) : Date.now()) - Date.parse(start));
}

function readinessGates(o: KubeObject): string {
  const gates = list<{ conditionType?: string }>(o, 'spec.readinessGates');
  if (gates.length === 0) return '<none>';
  return `${gates.filter((g) => hasCondition(o, g.conditionType ?? '')).length}/${gates.length}`;
}

/** One metric of an HPA as `current/target`, the way the autoscaler printer words each metric source. */
function hpaMetric(spec: Record<string, unknown>, status: unknown): string {
  const type = String(spec.type ?? '');
  const field = {
    External: 'external',
    Pods: 'pods',
    Object: 'object',
    Resource: 'resource',
    ContainerResource: 'containerResource',
  }[type];
  if (!field) return '<unknown type>';
  const target = (read(spec, `${field}.target`) ?? {}) as Record<string, unknown>;
  const current = read(status, `${field}.current`) as Record<string, unknown> | undefined;
  const shown = (v: unknown) => (v === undefined || v === null ? '<unknown>' : String(v));
  if (field === 'pods') return `${shown(current?.averageValue)}/${String(target.averageValue ?? '')}`;
  if (field === 'external' || field === 'object') {
    if (target.averageValue !== undefined)
      return `${shown(current?.averageValue)}/${String(target.averageValue)} (avg)`;
    return `${shown(current?.value)}/${String(target.value ?? '')}`;
  }
  const name = str(spec, `${field}.name`);
  if (target.averageValue !== undefined)
    return `${name}: ${shown(current?.averageValue)}/${String(target.averageValue)}`;
  const percent = (v: unknown) => (v === undefined || v === null ? undefined : `${String(v)}%`);
  return `${name}: ${percent(current?.averageUtilization) ?? '<unknown>'}/${percent(target.averageUtilization) ?? '<auto>'}`;
}

function hpaTargets(o: KubeObject): string {
  const metrics = list(o, 'spec.metrics');
  if (metrics.length === 0) return '<none>';
  const statuses = list(o, 'status.currentMetrics');
  const shown = metrics.slice(0, 2).map((m, i) => hpaMetric(m, statuses[i]));
  return metrics.length > 2 ? `${shown.join(', ')} + ${metrics.length - 2} more...` : shown.join(', ');
}

const intOrNA = (path: string) => (o: KubeObject) => str(o, path, 'N/A');

export const workloadColumns: Record<string, Column[]> = {
  'apps/Deployment': [
    nameColumn,
    col('Ready', 'string', (o) => `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}`),
    col('Up-to-date', 'string', (o) => num(o, 'status.updatedReplicas')),
    col('Available', 'string', (o) => num(o, 'status.availableReplicas')),
    ageColumn,
    ...containerColumns('spec.template.spec.containers'),
    wide('Selector', (o) => selectorString(read(o, 'spec.selector'))),
  ],
  'apps/ReplicaSet': [
    nameColumn,
    col('Desired', 'integer', (o) => num(o, 'spec.replicas')),
    col('Current', 'integer', (o) => num(o, 'status.replicas')),
    col('Ready', 'integer', (o) => num(o, 'status.readyReplicas')),
    ageColumn,
    ...containerColumns('spec.template.spec.containers'),
    selectorColumn('spec.selector'),
  ],
  'apps/StatefulSet': [
    nameColumn,
    col('Ready', 'string', (o) => `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}`),
    ageColumn,
    ...containerColumns('spec.template.spec.containers'),
  ],
  'apps/DaemonSet': [
    nameColumn,
    col('Desired', 'integer', (o) => num(o, 'status.desiredNumberScheduled')),
    col('Current', 'integer', (o) => num(o, 'status.currentNumberScheduled')),
    col('Ready', 'integer', (o) => num(o, 'status.numberReady')),
    col('Up-to-date', 'integer', (o) => num(o, 'status.updatedNumberScheduled')),
    col('Available', 'integer', (o) => num(o, 'status.numberAvailable')),
    col('Node Selector', 'string', (o) => formatLabels(read(o, 'spec.template.spec.nodeSelector'))),
    ageColumn,
    ...containerColumns('spec.template.spec.containers'),
    selectorColumn('spec.selector'),
  ],
  'batch/Job': [
    nameColumn,
    col('Status', 'string', jobStatus),
    col('Completions', 'string', jobCompletions),
    col('Duration', 'string', jobDuration),
    ageColumn,
    ...containerColumns('spec.template.spec.containers'),
    selectorColumn('spec.selector'),
  ],
  'batch/CronJob': [
    nameColumn,
    col('Schedule', 'string', (o) => str(o, 'spec.schedule')),
    col('Timezone', 'string', (o) => str(o, 'spec.timeZone', '<none>')),
    col('Suspend', 'boolean', (o) => read(o, 'spec.suspend') === true),
    col('Active', 'integer', (o) => list(o, 'status.active').length),
    col('Last Schedule', 'string', (o) =>
      str(o, 'status.lastScheduleTime') ? age(str(o, 'status.lastScheduleTime')) : '<none>',
    ),
    ageColumn,
    ...containerColumns('spec.jobTemplate.spec.template.spec.containers'),
    selectorColumn('spec.jobTemplate.spec.selector'),
  ],
  '/Pod': [
    nameColumn,
    col('Ready', 'string', (o) => podSummary(o).ready),
    col('Status', 'string', (o) => podSummary(o).status),
    col('Restarts', 'string', (o) => podSummary(o).restarts),
    ageColumn,
    wide('IP', (o) => str(o, 'status.podIPs.0.ip') || str(o, 'status.podIP', '<none>')),
    wide('Node', (o) => str(o, 'spec.nodeName', '<none>')),
    wide('Nominated Node', (o) => str(o, 'status.nominatedNodeName', '<none>')),
    wide('Readiness Gates', readinessGates),
  ],
  'autoscaling/HorizontalPodAutoscaler': [
    nameColumn,
    col('Reference', 'string', (o) => `${str(o, 'spec.scaleTargetRef.kind')}/${str(o, 'spec.scaleTargetRef.name')}`),
    col('Targets', 'string', hpaTargets),
    col('MinPods', 'string', (o) => str(o, 'spec.minReplicas', '<unset>')),
    col('MaxPods', 'string', (o) => num(o, 'spec.maxReplicas')),
    col('Replicas', 'string', (o) => num(o, 'status.currentReplicas')),
    ageColumn,
  ],
  'policy/PodDisruptionBudget': [
    nameColumn,
    col('Min Available', 'string', intOrNA('spec.minAvailable')),
    col('Max Unavailable', 'string', intOrNA('spec.maxUnavailable')),
    col('Allowed Disruptions', 'integer', (o) => num(o, 'status.disruptionsAllowed')),
    ageColumn,
  ],
};
