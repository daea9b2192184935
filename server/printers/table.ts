// meta.k8s.io/v1 Table output, which `kubectl get` asks for: the columns kube-apiserver's printers give the common
// built-in kinds, a custom resource's additionalPrinterColumns, and NAME and AGE for the rest.
import type { ServedResource } from '../api/registry.js';
import type { AcceptedType } from '../http/request.js';
import type { KubeObject } from '../storage/store.js';
import { clusterColumns } from './cluster.js';
import { age, ageColumn, col, nameColumn, read, type Column } from './columns.js';
import { networkColumns } from './network.js';
import { rbacColumns } from './rbac.js';
import { workloadColumns } from './workloads.js';

/** The Table version the client asks for (`v1` or `v1beta1`), if it asks for one. */
export function tableVersion(accepted: AcceptedType[]): string | undefined {
  for (const a of accepted) {
    if (
      a.type === 'application/json' &&
      a.params.as === 'Table' &&
      a.params.g === 'meta.k8s.io' &&
      (a.params.v === 'v1' || a.params.v === 'v1beta1')
    )
      return a.params.v;
  }
  return undefined;
}

export function tableContentType(version: string): string {
  return `application/json;as=Table;v=${version};g=meta.k8s.io`;
}

/** Converts objects to a Table; `includeObject` is None, Metadata (default) or Object. */
export function toTable(
  r: ServedResource,
  objects: KubeObject[],
  version: string,
  includeObject: string | null,
  listMeta: Record<string, unknown>,
): Record<string, unknown> {
  const columns = columnsFor(r);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: listMeta,
    columnDefinitions: columns.map(({ cell: _c, ...def }) => def),
    rows: objects.map((obj) => {
      const row: Record<string, unknown> = { cells: columns.map((c) => c.cell(obj)) };
      if (includeObject === 'Object') row.object = obj;
      else if (includeObject !== 'None')
        row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
      return row;
    }),
  };
}

/** Printer columns by `group/Kind`, as kube-apiserver's printers define them. */
const builtinColumns: Record<string, Column[]> = {
  ...workloadColumns,
  ...networkColumns,
  ...clusterColumns,
  ...rbacColumns,
};

function columnsFor(r: ServedResource): Column[] {
  if (r.custom) {
    const extra = r.custom.printerColumns.map((p) =>
      col(p.name, p.type, (o) => printerCell(o, p.jsonPath, p.type), p.priority ?? 0, p.format ?? ''),
    );
    if (!extra.some((c) => c.name === 'Age')) extra.push(ageColumn);
    return [nameColumn, ...extra];
  }
  return builtinColumns[`${r.group}/${r.kind}`] ?? [nameColumn, ageColumn];
}

/** A printer column's cell: a simple `.a.b[0].c` JSONPath; dates render as ages like kubectl's. */
function printerCell(o: KubeObject, jsonPath: string, type: string): unknown {
  const path = jsonPath
    .replace(/^\{?\.?/, '')
    .replace(/\}$/, '')
    .replace(/\[(\d+)\]/g, '.$1');
  const value = read(o, path);
  if (value === undefined || value === null) return null;
  if (type === 'date') return age(String(value));
  return typeof value === 'object' ? JSON.stringify(value) : value;
}
