// Printer columns of configuration, quota, certificate, storage, node, scheduling, event, coordination and admission kinds.
import type { KubeObject } from '../storage/store.js';
import { age, ageColumn, col, list, nameColumn, num, read, str, wide, type Column } from './columns.js';
import { humanDuration } from './duration.js';

const accessModeOrder: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

function accessModes(o: KubeObject, path: string): string {
  const modes = list<string>(o, path);
  return accessModeOrder
    .filter(([mode]) => modes.includes(mode))
    .map(([, short]) => short)
    .join(',');
}

function storageClassOf(o: KubeObject): string {
  return o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? str(o, 'spec.storageClassName');
}

function nodeStatus(o: KubeObject): string {
  const ready = list<{ type?: string; status?: string }>(o, 'status.conditions').find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (read(o, 'spec.unschedulable') === true) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeRoles(o: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length)
      roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(type: string) {
  return (o: KubeObject) =>
    list<{ type?: string; address?: string }>(o, 'status.addresses').find((a) => a.type === type)?.address ?? '<none>';
}

function isDefaultClass(o: KubeObject): boolean {
  const a = o.metadata?.annotations ?? {};
  return (
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

/** An event in the core shape; events.k8s.io events name the same fields differently. */
function coreEvent(o: KubeObject): Record<string, unknown> {
  if (o.apiVersion !== 'events.k8s.io/v1') return o;
  return {
    ...o,
    involvedObject: o.regarding,
    message: o.note,
    count: o.deprecatedCount,
    firstTimestamp: o.deprecatedFirstTimestamp,
    lastTimestamp: o.deprecatedLastTimestamp,
    source: o.deprecatedSource,
  };
}

function eventTimes(o: KubeObject): { first: string; last: string; count: number } {
  const e = coreEvent(o);
  const first = str(e, 'firstTimestamp') ? age(str(e, 'firstTimestamp')) : age(str(e, 'eventTime'));
  let last = str(e, 'lastTimestamp') ? age(str(e, 'lastTimestamp')) : first;
  let count = num(e, 'count');
  if (read(e, 'series')) {
    last = age(str(e, 'series.lastObservedTime'));
    count = num(e, 'series.count');
  } else if (count === 0) count = 1;
  return { first, last, count };
}

function eventSource(o: KubeObject): string {
  const e = coreEvent(o);
  const component = str(e, 'source.component') || str(e, 'reportingController');
  const instance = str(e, 'source.host') || str(e, 'reportingInstance');
  return instance ? `${component}, ${instance}` : component;
}

function eventObject(o: KubeObject): string {
  const e = coreEvent(o);
  const kind = str(e, 'involvedObject.kind').toLowerCase();
  const name = str(e, 'involvedObject.name');
  return name ? `${kind}/${name}` : kind;
}

const webhookColumns: Column[] = [nameColumn, col('Webhooks', 'integer', (o) => list(o, 'webhooks').length), ageColumn];

const eventColumns: Column[] = [
  col('Last Seen', 'string', (o) => eventTimes(o).last),
  col('Type', 'string', (o) => str(coreEvent(o), 'type')),
  col('Reason', 'string', (o) => str(coreEvent(o), 'reason')),
  col('Object', 'string', eventObject),
  wide('Subobject', (o) => str(coreEvent(o), 'involvedObject.fieldPath')),
  wide('Source', eventSource),
  col('Message', 'string', (o) => str(coreEvent(o), 'message').trim()),
  wide('First Seen', (o) => eventTimes(o).first),
  wide('Count', (o) => eventTimes(o).count),
  { ...nameColumn, type: 'string', priority: 1 },
];

/** A quota's hard limits as `resource: used/hard`, sorted; `limits.*` in the Limit column, the rest in Request. */
function quotaUsage(o: KubeObject, limits: boolean): string {
  const hard = (read(o, 'status.hard') ?? {}) as Record<string, string>;
  const used = (read(o, 'status.used') ?? {}) as Record<string, string>;
  return Object.keys(hard)
    .sort()
    .filter((name) => name.startsWith('limits.') === limits)
    .map((name) => `${name}: ${used[name] ?? '0'}/${hard[name]}`)
    .join(', ');
}

/** Approved or Denied (Denied wins) or Pending, then Failed and Issued when they apply. */
function csrCondition(o: KubeObject): string {
  const types = new Set(list<{ type?: string }>(o, 'status.conditions').map((c) => c.type));
  const parts = [types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending'];
  if (types.has('Failed')) parts.push('Failed');
  if (str(o, 'status.certificate')) parts.push('Issued');
  return parts.join(',');
}

export const clusterColumns: Record<string, Column[]> = {
  '/ResourceQuota': [
    nameColumn,
    ageColumn,
    col('Request', 'string', (o) => quotaUsage(o, false)),
    col('Limit', 'string', (o) => quotaUsage(o, true)),
  ],
  'certificates.k8s.io/CertificateSigningRequest': [
    nameColumn,
    ageColumn,
    col('SignerName', 'string', (o) => str(o, 'spec.signerName', '<none>')),
    col('Requestor', 'string', (o) => str(o, 'spec.username')),
    col('RequestedDuration', 'string', (o) =>
      typeof read(o, 'spec.expirationSeconds') === 'number'
        ? humanDuration(num(o, 'spec.expirationSeconds') * 1000)
        : '<none>',
    ),
    col('Condition', 'string', csrCondition),
  ],
  '/ConfigMap': [
    nameColumn,
    col(
      'Data',
      'string',
      (o) =>
        Object.keys((o.data as object | undefined) ?? {}).length +
        Object.keys((o.binaryData as object | undefined) ?? {}).length,
    ),
    ageColumn,
  ],
  '/Secret': [
    nameColumn,
    col('Type', 'string', (o) => String(o.type ?? 'Opaque')),
    col('Data', 'string', (o) => Object.keys((o.data as object | undefined) ?? {}).length),
    ageColumn,
  ],
  '/Namespace': [nameColumn, col('Status', 'string', (o) => str(o, 'status.phase', 'Active')), ageColumn],
  '/ServiceAccount': [nameColumn, col('Secrets', 'string', (o) => list(o, 'secrets').length), ageColumn],
  '/Node': [
    nameColumn,
    col('Status', 'string', nodeStatus),
    col('Roles', 'string', nodeRoles),
    ageColumn,
    col('Version', 'string', (o) => str(o, 'status.nodeInfo.kubeletVersion')),
    wide('Internal-IP', nodeAddress('InternalIP')),
    wide('External-IP', nodeAddress('ExternalIP')),
    wide('OS-Image', (o) => str(o, 'status.nodeInfo.osImage', '<unknown>')),
    wide('Kernel-Version', (o) => str(o, 'status.nodeInfo.kernelVersion', '<unknown>')),
    wide('Container-Runtime', (o) => str(o, 'status.nodeInfo.containerRuntimeVersion', '<unknown>')),
  ],
  '/PersistentVolume': [
    nameColumn,
    col('Capacity', 'string', (o) => str(o, 'spec.capacity.storage', '0')),
    col('Access Modes', 'string', (o) => accessModes(o, 'spec.accessModes')),
    col('Reclaim Policy', 'string', (o) => str(o, 'spec.persistentVolumeReclaimPolicy')),
    col('Status', 'string', (o) => (o.metadata?.deletionTimestamp ? 'Terminating' : str(o, 'status.phase'))),
    col('Claim', 'string', (o) =>
      read(o, 'spec.claimRef') ? `${str(o, 'spec.claimRef.namespace')}/${str(o, 'spec.claimRef.name')}` : '',
    ),
    col('StorageClass', 'string', storageClassOf),
    col('VolumeAttributesClass', 'string', (o) => str(o, 'spec.volumeAttributesClassName', '<unset>')),
    col('Reason', 'string', (o) => str(o, 'status.reason')),
    ageColumn,
    wide('VolumeMode', (o) => str(o, 'spec.volumeMode', '<unset>')),
  ],
  '/PersistentVolumeClaim': [
    nameColumn,
    col('Status', 'string', (o) => (o.metadata?.deletionTimestamp ? 'Terminating' : str(o, 'status.phase'))),
    col('Volume', 'string', (o) => str(o, 'spec.volumeName')),
    col('Capacity', 'string', (o) => (str(o, 'spec.volumeName') ? str(o, 'status.capacity.storage', '0') : '')),
    col('Access Modes', 'string', (o) => (str(o, 'spec.volumeName') ? accessModes(o, 'status.accessModes') : '')),
    col('StorageClass', 'string', storageClassOf),
    col('VolumeAttributesClass', 'string', (o) => str(o, 'spec.volumeAttributesClassName', '<unset>')),
    ageColumn,
    wide('VolumeMode', (o) => str(o, 'spec.volumeMode', '<unset>')),
  ],
  'storage.k8s.io/StorageClass': [
    { ...nameColumn, cell: (o) => `${o.metadata?.name ?? ''}${isDefaultClass(o) ? ' (default)' : ''}` },
    col('Provisioner', 'string', (o) => str(o, 'provisioner')),
    col('ReclaimPolicy', 'string', (o) => str(o, 'reclaimPolicy', 'Delete')),
    col('VolumeBindingMode', 'string', (o) => str(o, 'volumeBindingMode', 'Immediate')),
    col('AllowVolumeExpansion', 'string', (o) => read(o, 'allowVolumeExpansion') === true),
    ageColumn,
  ],
  'scheduling.k8s.io/PriorityClass': [
    nameColumn,
    col('Value', 'integer', (o) => num(o, 'value')),
    col('Global-Default', 'boolean', (o) => read(o, 'globalDefault') === true),
    ageColumn,
    col('PreemptionPolicy', 'string', (o) => str(o, 'preemptionPolicy')),
  ],
  '/Event': eventColumns,
  'events.k8s.io/Event': eventColumns,
  'coordination.k8s.io/Lease': [nameColumn, col('Holder', 'string', (o) => str(o, 'spec.holderIdentity')), ageColumn],
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': webhookColumns,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': webhookColumns,
};
