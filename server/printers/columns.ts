// Table columns as kube-apiserver's printers define them: a name, a type, a priority (0 for `kubectl get`,
// 1 for the extra `-o wide` columns) and how one object fills its cell; plus the small readers cells share.
import type { KubeObject } from '../storage/store.js';
import { humanDuration } from './duration.js';

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  cell: (obj: KubeObject) => unknown;
}

/** One column; `priority` 1 makes it a wide column. */
export function col(name: string, type: string, cell: (o: KubeObject) => unknown, priority = 0, format = ''): Column {
  return { name, type, format, description: name, priority, cell };
}

/** A wide (`-o wide`) string column. */
export function wide(name: string, cell: (o: KubeObject) => unknown): Column {
  return col(name, 'string', cell, 1);
}

export const nameColumn: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
  priority: 0,
  cell: (o) => o.metadata?.name ?? '',
};

export const ageColumn: Column = {
  name: 'Age',
  type: 'string',
  format: '',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  priority: 0,
  cell: (o) => age(o.metadata?.creationTimestamp),
};

/** What kube-apiserver's default table convertor shows for kinds without a printer: the name and creation time. */
export const createdAtColumns: Column[] = [
  nameColumn,
  col('Created At', 'date', (o) => o.metadata?.creationTimestamp ?? ''),
];

/** A value at a dotted path. */
export function read(o: unknown, path: string): unknown {
  let cur = o;
  for (const part of path.split('.').filter(Boolean))
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}

/** An integer at a path, 0 when unset. */
export function num(o: unknown, path: string): number {
  const v = read(o, path);
  return typeof v === 'number' ? v : 0;
}

/** A string at a path, `fallback` when unset or empty. */
export function str(o: unknown, path: string, fallback = ''): string {
  const v = read(o, path);
  return v === undefined || v === null || v === '' ? fallback : String(v);
}

/** A list at a path, empty when unset. */
export function list<T = Record<string, unknown>>(o: unknown, path: string): T[] {
  const v = read(o, path);
  return Array.isArray(v) ? (v as T[]) : [];
}

/** How kubectl shows an age: 45s, 3m12s, 5h20m, 2d3h… */
export function age(timestamp: string | null | undefined): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(Date.now() - Date.parse(timestamp));
}

/** The Containers and Images wide columns of a pod template at `path`. */
export function containerColumns(path: string): Column[] {
  const joined = (field: string) => (o: KubeObject) =>
    list(o, path)
      .map((c) => String(c[field] ?? ''))
      .join(',');
  return [wide('Containers', joined('name')), wide('Images', joined('image'))];
}
