// managedFields as kube-apiserver keeps them: one entry per manager, operation (Apply or Update), API version
// (Update only) and subresource, each owning a FieldsV1 set; updates take over what they change, server-side
// apply merges a configuration, drops what its manager stopped applying, and conflicts with other owners.
import { compareStrings } from '../../core/spec/values.js';
import { now } from '../storage/objects.js';
import { apiVersionOf, type ServedResource } from '../api/registry.js';
import { StatusError } from '../http/status.js';
import type { KubeObject } from '../storage/store.js';
import { FieldSet, pathString, type PathElement } from './fieldset.js';
import { kindSchema } from './schema.js';
import { Typed } from './typed.js';

export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  fields: FieldSet;
}

/** Server-owned metadata nobody manages. */
const unmanagedMeta = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);

/** The fields a write through (sub)resource may own: server-owned metadata and reset fields are stripped. */
function ownable(r: ServedResource, subresource: string | undefined): (path: PathElement[]) => boolean {
  const statusIsSubresource = r.subresources.some((s) => s.name === 'status');
  return (path) => {
    const [first, second] = path;
    if (first === 'f:apiVersion' || first === 'f:kind') return false;
    if (first === 'f:metadata' && (path.length === 1 || unmanagedMeta.has(second!.slice(2)))) return false;
    if (subresource === 'status') return first === 'f:status';
    if (subresource === 'scale') return first === 'f:spec' && second === 'f:replicas';
    return !(statusIsSubresource && first === 'f:status');
  };
}

function identity(e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([e.manager, e.operation, e.operation === 'Update' ? e.apiVersion : '', e.subresource ?? '']);
}

export function decodeManagedFields(obj: KubeObject | undefined): ManagerEntry[] {
  const raw = obj?.metadata?.managedFields;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e) => {
    if (!e || typeof e !== 'object') return [];
    const m = e as Record<string, unknown>;
    if (typeof m.manager !== 'string' || (m.operation !== 'Apply' && m.operation !== 'Update')) return [];
    const entry: ManagerEntry = {
      manager: m.manager,
      operation: m.operation,
      apiVersion: String(m.apiVersion ?? ''),
      fields: FieldSet.fromFieldsV1(m.fieldsV1),
    };
    if (typeof m.time === 'string') entry.time = m.time;
    if (typeof m.subresource === 'string' && m.subresource) entry.subresource = m.subresource;
    return [entry];
  });
}

/** Entries with fields, sorted as the real server sorts them: operation, time, manager, version, subresource. */
export function encodeManagedFields(entries: ManagerEntry[]): Record<string, unknown>[] {
  const kept = entries.filter((e) => e.fields.size > 0);
  kept.sort(
    (a, b) =>
      compareStrings(a.operation, b.operation) ||
      compareStrings(a.time ?? '', b.time ?? '') ||
      compareStrings(a.manager, b.manager) ||
      compareStrings(a.apiVersion, b.apiVersion) ||
      compareStrings(a.subresource ?? '', b.subresource ?? ''),
  );
  return kept.map((e) => {
    const out: Record<string, unknown> = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion };
    if (e.time) out.time = e.time;
    out.fieldsType = 'FieldsV1';
    out.fieldsV1 = e.fields.toFieldsV1();
    if (e.subresource) out.subresource = e.subresource;
    return out;
  });
}

/** The object without what no manager owns, so that walking it is cheap. */
function content(obj: KubeObject | undefined): KubeObject {
  if (!obj) return {};
  const copy = { ...obj, metadata: { ...(obj.metadata ?? {}) } };
  delete copy.metadata.managedFields;
  return copy;
}

/**
 * The managers an update starts from: the client's own list when it sent a different, non-empty one, else the
 * stored one (an empty list is ignored, so that clients unaware of the field never strip it).
 */
function startingEntries(previous: KubeObject | undefined, next: KubeObject): ManagerEntry[] {
  const sent = next.metadata?.managedFields;
  const stored = previous?.metadata?.managedFields;
  if (Array.isArray(sent) && sent.length > 0 && JSON.stringify(sent) !== JSON.stringify(stored ?? []))
    return decodeManagedFields(next);
  return decodeManagedFields(previous);
}

/** `managedFields: [{}]` is how a client asks for managedFields to be stripped entirely. */
function stripRequested(next: KubeObject): boolean {
  const sent = next.metadata?.managedFields;
  return Array.isArray(sent) && sent.length === 1 && JSON.stringify(sent[0]) === '{}';
}

/** Records a create, update or patch by `manager`: it owns what it changed, others lose what it changed or removed. */
export function trackUpdate(
  r: ServedResource,
  previous: KubeObject | undefined,
  next: KubeObject,
  manager: string,
  subresource?: string,
): void {
  if (stripRequested(next)) {
    delete next.metadata!.managedFields;
    return;
  }
  const { walker, root } = kindSchema(r);
  const typed = new Typed(walker);
  const keep = ownable(r, subresource);
  const diff = typed.compare(content(previous), content(next), root);
  const changed = diff.added.union(diff.modified).filter(keep);
  const removed = diff.removed;
  const me = { manager, operation: 'Update' as const, apiVersion: apiVersionOf(r), subresource };
  const entries = startingEntries(previous, next).map((e) =>
    identity(e) === identity(me) ? e : { ...e, fields: e.fields.difference(changed).difference(removed) },
  );
  let mine = entries.find((e) => identity(e) === identity(me));
  if (!mine) entries.push((mine = { ...me, fields: new FieldSet() }));
  const before = mine.fields;
  mine.fields = mine.fields.difference(removed).union(changed);
  if (!mine.time || changed.size > 0 || before.size !== mine.fields.size) mine.time = now();
  if (!subresource) delete mine.subresource;
  next.metadata!.managedFields = encodeManagedFields(entries);
}

/**
 * Server-side apply of `config` by `manager` onto `live` (undefined: the object is being created).
 * Throws 409 Conflict naming each other manager's field the configuration would change, unless forced.
 */
export function applyConfiguration(
  r: ServedResource,
  live: KubeObject | undefined,
  config: KubeObject,
  manager: string,
  force: boolean,
  subresource?: string,
): KubeObject {
  const { walker, root } = kindSchema(r);
  const typed = new Typed(walker);
  const keep = ownable(r, subresource);
  const applied = typed.toFieldSet(content(config), root).filter(keep);
  const me = { manager, operation: 'Apply' as const, apiVersion: apiVersionOf(r), subresource };
  const entries = decodeManagedFields(live);
  const last = entries.find((e) => identity(e) === identity(me))?.fields ?? new FieldSet();
  const others = entries.filter((e) => identity(e) !== identity(me));
  const merged = typed.merge(content(live), content(config), root) as KubeObject;

  // What this manager applied before and no longer does, and nobody else owns, is removed.
  const owned = others.reduce((acc, e) => acc.union(e.fields), applied);
  for (const path of last.difference(owned)) if (!owned.hasDescendantOf(path)) typed.remove(merged, path, root);

  const diff = typed.compare(content(live), merged, root);
  const changed = diff.added.union(diff.modified);
  const conflicts = others.flatMap((e) => [...e.fields.intersection(changed)].map((path) => ({ entry: e, path })));
  if (conflicts.length > 0 && !force) throw new ApplyConflict(conflicts);
  const kept = others.map((e) => ({ ...e, fields: e.fields.difference(changed).difference(diff.removed) }));
  const mine: ManagerEntry = { ...me, time: now(), fields: applied };
  if (!subresource) delete mine.subresource;
  merged.metadata = { ...(merged.metadata ?? {}), managedFields: encodeManagedFields([...kept, mine]) };
  return merged;
}

/** How a conflicting manager is named: `"kubectl-client-side-apply" using v1` for updaters, just the name for appliers. */
function printManager(e: ManagerEntry): string {
  let out = JSON.stringify(e.manager);
  if (e.subresource) out += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === 'Update' ? `${out} using ${e.apiVersion}` : out;
}

export interface Conflict {
  entry: ManagerEntry;
  path: PathElement[];
}

/** A 409 that remembers its conflicts, so that an applier allowed some of them can retry. */
export class ApplyConflict extends StatusError {
  constructor(readonly conflicts: Conflict[]) {
    const built = applyConflict(conflicts);
    super(built.code, built.reason, built.message, built.details);
  }
}

function applyConflict(conflicts: Conflict[]): StatusError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.entry)}`,
    field: pathString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0]!.entry)}: ${pathString(conflicts[0]!.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const name = printManager(c.entry);
      byManager.set(name, [...(byManager.get(name) ?? []), `- ${pathString(c.path)}`]);
    }
    const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...byManager.get(m)!]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError(409, 'Conflict', message, { causes });
}
