// Field defaults of the workload kinds (apps/v1, batch/v1, ReplicationController) and the Job strategy's
// generated selector.
import type { KubeObject } from '../storage/store.js';
import { at, child, objects, type Obj } from './shape.js';
import { defaultTemplate } from './pod.js';
import { defaultClaim } from './storage.js';

function defaultDeployment(spec: Obj): void {
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  const strategy = at(spec, 'strategy');
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = at(strategy, 'rollingUpdate');
    rolling.maxUnavailable ??= '25%';
    rolling.maxSurge ??= '25%';
  }
}

function defaultStatefulSet(spec: Obj): void {
  spec.replicas ??= 1;
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.revisionHistoryLimit ??= 10;
  const strategy = at(spec, 'updateStrategy');
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') at(strategy, 'rollingUpdate').partition ??= 0;
  const retention = at(spec, 'persistentVolumeClaimRetentionPolicy');
  retention.whenDeleted ??= 'Retain';
  retention.whenScaled ??= 'Retain';
  for (const claim of objects(spec.volumeClaimTemplates)) defaultClaim(claim);
}

function defaultDaemonSet(spec: Obj): void {
  spec.revisionHistoryLimit ??= 10;
  const strategy = at(spec, 'updateStrategy');
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = at(strategy, 'rollingUpdate');
    rolling.maxUnavailable ??= 1;
    rolling.maxSurge ??= 0;
  }
}

function templateLabels(spec: Obj): Record<string, string> | undefined {
  const template = child(spec, 'template');
  return (template && child(template, 'metadata')?.labels) as Record<string, string> | undefined;
}

/** A ReplicationController selects, and is labelled by, its template's labels unless told otherwise. */
function defaultReplicationController(obj: KubeObject, spec: Obj): void {
  spec.replicas ??= 1;
  const labels = templateLabels(spec);
  if (!labels) return;
  if (!spec.selector || Object.keys(spec.selector as Obj).length === 0) spec.selector = { ...labels };
  copyTemplateLabels(obj, spec);
}

/** A Job (and a ReplicationController) without labels of its own takes its template's. */
function copyTemplateLabels(obj: KubeObject, spec: Obj): void {
  const labels = templateLabels(spec);
  const meta = obj.metadata!;
  if (labels && Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...labels };
}

function defaultJob(obj: KubeObject, spec: Obj): void {
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  copyTemplateLabels(obj, spec);
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  const failurePolicy = child(spec, 'podFailurePolicy');
  for (const rule of objects(failurePolicy?.rules))
    for (const pattern of objects(rule.onPodConditions)) pattern.status ??= 'True';
  spec.podReplacementPolicy ??= failurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
}

function defaultCronJob(spec: Obj): void {
  spec.concurrencyPolicy ??= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jobTemplate = child(spec, 'jobTemplate');
  if (jobTemplate) defaultTemplate(at(jobTemplate, 'spec'));
}

/** Field defaults of a workload kind (`apps/Deployment`…); false when the kind is not a workload. */
export function defaultWorkload(kind: string, obj: KubeObject): boolean {
  const spec = () => at(obj, 'spec');
  switch (kind) {
    case 'apps/Deployment':
      defaultDeployment(spec());
      break;
    case 'apps/StatefulSet':
      defaultStatefulSet(spec());
      break;
    case 'apps/DaemonSet':
      defaultDaemonSet(spec());
      break;
    case 'apps/ReplicaSet':
      spec().replicas ??= 1;
      break;
    case '/ReplicationController':
      defaultReplicationController(obj, spec());
      break;
    case 'batch/Job':
      defaultJob(obj, spec());
      break;
    case 'batch/CronJob':
      defaultCronJob(spec());
      return true;
    default:
      return false;
  }
  defaultTemplate(spec());
  return true;
}

/**
 * The Job strategy at create: unless the selector is manual, the template is labelled with the job's name and
 * uid (under both the current and the legacy keys) and the selector matches the uid.
 */
export function generateJobSelector(obj: KubeObject): void {
  const spec = at(obj, 'spec');
  if (spec.manualSelector === true) return;
  const meta = obj.metadata!;
  const labels = at(at(at(spec, 'template'), 'metadata'), 'labels') as Record<string, string>;
  for (const key of ['job-name', 'batch.kubernetes.io/job-name']) labels[key] ??= meta.name!;
  for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) labels[key] ??= meta.uid!;
  const matchLabels = at(at(spec, 'selector'), 'matchLabels');
  matchLabels['batch.kubernetes.io/controller-uid'] ??= meta.uid!;
  copyTemplateLabels(obj, spec);
}
