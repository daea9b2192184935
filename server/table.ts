// meta.k8s.io/v1 Table output, which `kubectl get` asks for: NAME and AGE for every kind, the well-known
// columns of a few built-in kinds, and a custom resource's additionalPrinterColumns.
import type { ServedResource } from './registry.js';
import type { AcceptedType } from './request.js';
import type { KubeObject } from './store.js';

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  cell: (obj: KubeObject) => unknown;
}

/** The Table version the client asks for (`v1` or `v1beta1`), if it asks for one. */
export function tableVersion(accepted: AcceptedType[]): string | undefined {
  for (const a of accepted) {
    if (a.type === 'application/json' && a.params.as === 'Table' && a.params.g === 'meta.k8s.io' && (a.params.v === 'v1' || a.params.v === 'v1beta1')) return a.params.v;
  }
  return undefined;
}

export function tableContentType(version: string): string {
  return `application/json;as=Table;v=${version};g=meta.k8s.io`;
}

/** Converts objects to a Table; `includeObject` is None, Metadata (default) or Object. */
export function toTable(r: ServedResource, objects: KubeObject[], version: string, includeObject: string | null, listMeta: Record<string, unknown>): Record<string, unknown> {
  const columns = columnsFor(r);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: listMeta,
    columnDefinitions: columns.map(({ cell: _c, ...def }) => def),
    rows: objects.map((obj) => {
      const row: Record<string, unknown> = { cells: columns.map((c) => c.cell(obj)) };
      if (includeObject === 'Object') row.object = obj;
      else if (includeObject !== 'None') row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
      return row;
    }),
  };
}

const nameColumn: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
  priority: 0,
  cell: (o) => o.metadata?.name ?? '',
};

const ageColumn: Column = {
  name: 'Age',
  type: 'string',
  format: '',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  priority: 0,
  cell: (o) => age(o.metadata?.creationTimestamp),
};

function col(name: string, type: string, cell: (o: KubeObject) => unknown, priority = 0, format = ''): Column {
  return { name, type, format, description: name, priority, cell };
}

const builtinColumns: Record<string, Column[]> = {
  Deployment: [
    nameColumn,
    col('Ready', 'string', (o) => `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}`),
    col('Up-to-date', 'integer', (o) => num(o, 'status.updatedReplicas')),
    col('Available', 'integer', (o) => num(o, 'status.availableReplicas')),
    ageColumn,
    col('Containers', 'string', (o) => containers(o, 'spec.template.spec.containers', 'name'), 1),
    col('Images', 'string', (o) => containers(o, 'spec.template.spec.containers', 'image'), 1),
  ],
  Pod: [
    nameColumn,
    col('Ready', 'string', (o) => `${countReady(o)}/${(read(o, 'spec.containers') as unknown[] | undefined)?.length ?? 0}`),
    col('Status', 'string', (o) => String(read(o, 'status.phase') ?? 'Pending')),
    col('Restarts', 'string', (o) => String(((read(o, 'status.containerStatuses') as { restartCount?: number }[] | undefined) ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0))),
    ageColumn,
    col('IP', 'string', (o) => String(read(o, 'status.podIP') ?? '<none>'), 1),
    col('Node', 'string', (o) => String(read(o, 'spec.nodeName') ?? '<none>'), 1),
  ],
  Service: [
    nameColumn,
    col('Type', 'string', (o) => String(read(o, 'spec.type') ?? 'ClusterIP')),
    col('Cluster-IP', 'string', (o) => String(read(o, 'spec.clusterIP') ?? '<none>')),
    col('External-IP', 'string', () => '<none>'),
    col('Port(s)', 'string', (o) => ports(o)),
    ageColumn,
    col('Selector', 'string', (o) => Object.entries((read(o, 'spec.selector') as Record<string, string> | undefined) ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<none>', 1),
  ],
  ConfigMap: [nameColumn, col('Data', 'integer', (o) => Object.keys((o.data as object | undefined) ?? {}).length + Object.keys((o.binaryData as object | undefined) ?? {}).length), ageColumn],
  Secret: [nameColumn, col('Type', 'string', (o) => String(o.type ?? 'Opaque')), col('Data', 'integer', (o) => Object.keys((o.data as object | undefined) ?? {}).length), ageColumn],
  Namespace: [nameColumn, col('Status', 'string', (o) => String(read(o, 'status.phase') ?? 'Active')), ageColumn],
};

function columnsFor(r: ServedResource): Column[] {
  if (r.custom) {
    const extra = r.custom.printerColumns.map((p) =>
      col(p.name, p.type, (o) => printerCell(o, p.jsonPath, p.type), p.priority ?? 0, p.format ?? ''),
    );
    if (!extra.some((c) => c.name === 'Age')) extra.push(ageColumn);
    return [nameColumn, ...extra];
  }
  return (r.group === '' || r.group === 'apps' ? builtinColumns[r.kind] : undefined) ?? [nameColumn, ageColumn];
}

/** A printer column's cell: a simple `.a.b[0].c` JSONPath; dates render as ages like kubectl's. */
function printerCell(o: KubeObject, jsonPath: string, type: string): unknown {
  const path = jsonPath.replace(/^\{?\.?/, '').replace(/\}$/, '').replace(/\[(\d+)\]/g, '.$1');
  const value = read(o, path);
  if (value === undefined || value === null) return null;
  if (type === 'date') return age(String(value));
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

function read(o: unknown, path: string): unknown {
  let cur = o;
  for (const part of path.split('.').filter(Boolean)) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}

function num(o: KubeObject, path: string): number {
  const v = read(o, path);
  return typeof v === 'number' ? v : 0;
}

function containers(o: KubeObject, path: string, field: string): string {
  return ((read(o, path) as Record<string, unknown>[] | undefined) ?? []).map((c) => String(c[field] ?? '')).join(',');
}

function countReady(o: KubeObject): number {
  return ((read(o, 'status.containerStatuses') as { ready?: boolean }[] | undefined) ?? []).filter((c) => c.ready).length;
}

function ports(o: KubeObject): string {
  const list = (read(o, 'spec.ports') as { port?: number; protocol?: string; nodePort?: number }[] | undefined) ?? [];
  return list.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>';
}

/** How kubectl shows an age: 45s, 3m12s, 5h, 2d… */
export function age(timestamp: string | null | undefined): string {
  if (!timestamp) return '<unknown>';
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(timestamp)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
