// --include / --exclude / --crds-only: a smaller model with only the wanted groups, group-versions and resources,
// and only the schemas they still reach. Pure: a new model comes out.
import type { ApiGroup, ApiModel, Operation, Resource, Schema } from './types.js';

export interface FilterOptions {
  include?: string[];
  exclude?: string[];
  crdsOnly?: boolean;
}

/** The API groups every Kubernetes release builds in (past and present); anything else comes from a CRD or an aggregated server. */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'autoscaling',
  'batch',
  'extensions',
  'policy',
  ...[
    'admissionregistration',
    'apiextensions',
    'apiregistration',
    'authentication',
    'authorization',
    'certificates',
    'coordination',
    'discovery',
    'events',
    'flowcontrol.apiserver',
    'internal.apiserver',
    'networking',
    'node',
    'rbac.authorization',
    'resource',
    'scheduling',
    'storage',
    'storagemigration',
  ].map((g) => `${g}.k8s.io`),
]);

export function isBuiltinGroup(apiGroup: string): boolean {
  return BUILTIN_GROUPS.has(apiGroup);
}

/** Whether a pattern names this resource: `apps`, `apps/v1`, `apps/v1/deployments`, `deployments`, `deployments.apps`. */
export function matches(pattern: string, r: Pick<Resource, 'group' | 'apiGroup' | 'version' | 'plural'>): boolean {
  const groups = new Set([r.group, r.apiGroup || 'core']);
  for (const g of groups) {
    if (
      pattern === g ||
      pattern === `${g}/${r.version}` ||
      pattern === `${g}/${r.version}/${r.plural}` ||
      pattern === `${r.plural}.${g}`
    )
      return true;
  }
  if (!r.apiGroup && pattern === r.version) return true; // `v1` is the core group-version as kubectl spells it
  return pattern === r.plural;
}

export function filterModel(model: ApiModel, options: FilterOptions): ApiModel {
  const include = options.include ?? [];
  const exclude = options.exclude ?? [];
  if (include.length === 0 && exclude.length === 0 && !options.crdsOnly) return model;
  for (const pattern of [...include, ...exclude]) {
    if (!/^[a-z0-9.-]+(\/[a-z0-9-]+(\/[a-z0-9-]+)?)?$/.test(pattern))
      throw new Error(
        `--include/--exclude ${JSON.stringify(pattern)}: expected group, group/version, group/version/resource or resource`,
      );
  }
  const keep = (r: Resource) =>
    (!options.crdsOnly || !isBuiltinGroup(r.apiGroup)) &&
    (include.length === 0 || include.some((p) => matches(p, r))) &&
    !exclude.some((p) => matches(p, r));

  const groups: ApiGroup[] = [];
  const kept = new Set<string>();
  for (const group of model.groups) {
    const versions = group.versions
      .map((v) => ({ ...v, resources: v.resources.filter(keep) }))
      .filter((v) => v.resources.length > 0);
    if (versions.length === 0) continue;
    for (const v of versions) for (const r of v.resources) kept.add(`${r.apiGroup}/${r.version}/${r.plural}`);
    const preferred = versions.some((v) => v.version === group.preferredVersion)
      ? group.preferredVersion
      : versions[0]!.version;
    groups.push({ ...group, versions, preferredVersion: preferred });
  }
  const operations = model.operations.filter((op) => kept.has(`${op.apiGroup}/${op.version}/${op.resource}`));
  return { ...model, groups, operations, schemas: reachableSchemas(model, groups, operations) };
}

/** Schemas reached from the kept resources and operations, plus apimachinery's shared ones. */
function reachableSchemas(model: ApiModel, groups: ApiGroup[], operations: Operation[]): ApiModel['schemas'] {
  const pending: string[] = Object.keys(model.schemas).filter((n) => n.startsWith('io.k8s.apimachinery.'));
  for (const g of groups)
    for (const v of g.versions)
      for (const r of v.resources) {
        if (r.schema) pending.push(r.schema);
        if (r.listSchema) pending.push(r.listSchema);
        for (const s of r.subresources) if (s.schema) pending.push(s.schema);
      }
  for (const op of operations) collectRefs(op, pending);
  const out: ApiModel['schemas'] = {};
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (out[name] || !model.schemas[name]) continue;
    out[name] = model.schemas[name]!;
    collectRefs(model.schemas[name]!.schema, pending);
  }
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]!]),
  );
}

function collectRefs(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value as Schema)) {
      if (key === '$ref' && typeof v === 'string') out.push(v.replace(/^#\/(components\/schemas|definitions)\//, ''));
      else collectRefs(v, out);
    }
  }
}
