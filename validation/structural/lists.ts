// `x-kubernetes-list-type: set|map` uniqueness, reported as kube-apiserver's listtype validation does.
import { type FieldError, fieldError } from '../errors.js';
import { index } from '../path.js';
import type { SchemaNode } from '../schema/node.js';

/** A canonical string for deep equality of decoded JSON (object keys sorted). */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? JSON.stringify(v) : String(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function listUniqueness(node: SchemaNode, list: readonly unknown[], path: string, errors: FieldError[]): void {
  const listType = node.raw['x-kubernetes-list-type'];
  if ((listType !== 'set' && listType !== 'map') || list.length < 2) return;
  const keys = node.raw['x-kubernetes-list-map-keys'] ?? [];
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (listType === 'map' && (!item || typeof item !== 'object' || Array.isArray(item))) continue;
    const id = listType === 'map' ? mapKeyId(item as Record<string, unknown>, keys) : canonical(item);
    if (!seen.has(id)) seen.add(id);
    else errors.push(fieldError.duplicate(index(path, i), listType === 'map' ? keyFields(item as Obj, keys) : item));
  }
}

type Obj = Record<string, unknown>;

/** The identity of a map list's item from its key fields, without building an object (canonical escapes controls). */
function mapKeyId(item: Obj, keys: readonly string[]): string {
  let id = '';
  for (const k of keys) {
    const v = item[k];
    id += v === undefined ? '\u0001' : `${canonical(v)}\u0000`;
  }
  return id;
}

function keyFields(item: Obj, keys: readonly string[]): Obj {
  const fields: Obj = {};
  for (const k of keys) if (item[k] !== undefined) fields[k] = item[k];
  return fields;
}
