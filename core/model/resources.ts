// Operations → resources, their subresources, group-versions and groups. A resource is everything under
// one `<group>/<version>/<plural>`: its namespaced paths, its all-namespaces list and watch, its legacy
// `/watch/` paths and its subresources.
import { builtinDiscoveryNames } from './discovery.js';
import { sortedUnique } from './normalize/common.js';
import { groupName } from './operations.js';
import { refName } from './refs.js';
import { compareVersionPriority } from './versions.js';
import type {
  ApiGroup,
  GroupVersion,
  GroupVersionKind,
  NamedSchema,
  Operation,
  Resource,
  Subresource,
  Verb,
} from './types.js';
import { compareStrings } from '../spec/values.js';
import { isObject } from '../spec/values.js';

/** Schema names by `group/version/kind`, from `x-kubernetes-group-version-kind`. */
export type KindIndex = Map<string, string>;

export const gvkKey = (g: GroupVersionKind): string => `${g.group}/${g.version}/${g.kind}`;

export function kindIndexOf(schemas: Record<string, NamedSchema>): KindIndex {
  const index: KindIndex = new Map();
  for (const name of Object.keys(schemas).sort(compareStrings)) {
    for (const gvk of schemas[name]!.gvks) if (!index.has(gvkKey(gvk))) index.set(gvkKey(gvk), name);
  }
  return index;
}

/** Resources from operations sorted by path then method; each operation belongs to exactly one resource. */
export function buildResources(
  operations: Operation[],
  schemas: Record<string, NamedSchema>,
  kinds: KindIndex,
): Resource[] {
  const byResource = new Map<string, Operation[]>();
  for (const op of operations) {
    const key = `${op.apiGroup}\0${op.version}\0${op.resource}`;
    const list = byResource.get(key);
    if (list) list.push(op);
    else byResource.set(key, [op]);
  }
  return [...byResource.values()].map((ops) => buildResource(ops, schemas, kinds));
}

function buildResource(ops: Operation[], schemas: Record<string, NamedSchema>, kinds: KindIndex): Resource {
  const first = ops[0]!;
  const own = ops.filter((o) => o.subresource === undefined);
  const subs = new Map<string, Operation[]>();
  for (const o of ops)
    if (o.subresource !== undefined) subs.set(o.subresource, [...(subs.get(o.subresource) ?? []), o]);
  const subresources = [...subs.keys()]
    .sort(compareStrings)
    .map((name) => buildSubresource(name, subs.get(name)!, kinds));
  const gvk = own.find((o) => o.kind)?.kind ?? subresources.find((s) => s.name === 'status')?.kindOf;
  const schema = (gvk && kinds.get(gvkKey(gvk))) ?? responseSchemaName(own.find((o) => o.verb === 'get'));
  const kind = gvk?.kind ?? (schema ? lastSegment(schema) : '');
  const listSchema = responseSchemaName(own.find((o) => o.verb === 'list'));
  const names = discoveryNamesOf(first.apiGroup, first.resource, schema ? schemas[schema] : undefined);
  const resource: Resource = {
    group: first.group,
    apiGroup: first.apiGroup,
    version: first.version,
    plural: first.resource,
    singular: names.singular ?? kind.toLowerCase(),
    kind,
    namespaced: first.namespaced,
    verbs: verbsOf(own),
    shortNames: names.shortNames,
    categories: names.categories,
    subresources: subresources.map(({ kindOf: _, ...s }) => s),
    operations: own.map((o) => o.operationId),
  };
  if (listSchema) resource.listKind = schemas[listSchema]?.gvks[0]?.kind ?? lastSegment(listSchema);
  else if (resource.verbs.includes('list') && kind) resource.listKind = `${kind}List`;
  if (schema) resource.schema = schema;
  if (listSchema) resource.listSchema = listSchema;
  return resource;
}

function buildSubresource(
  name: string,
  ops: Operation[],
  kinds: KindIndex,
): Subresource & { kindOf?: GroupVersionKind } {
  const gvk = ops.find((o) => o.kind)?.kind;
  const sub: Subresource & { kindOf?: GroupVersionKind } = {
    name,
    verbs: verbsOf(ops),
    operations: ops.map((o) => o.operationId),
  };
  if (gvk) {
    sub.kind = gvk.kind;
    sub.group = gvk.group;
    sub.version = gvk.version;
    const schema = kinds.get(gvkKey(gvk));
    if (schema) sub.schema = schema;
    sub.kindOf = gvk;
  }
  return sub;
}

function verbsOf(ops: Operation[]): Verb[] {
  return sortedUnique(ops.map((o) => o.verb)) as Verb[];
}

/** The schema named by the 200 response's `$ref`, when there is one. */
function responseSchemaName(op: Operation | undefined): string | undefined {
  const ref = op?.responses['200']?.schema?.$ref;
  return typeof ref === 'string' ? refName(ref) : undefined;
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Names discovery reports: from a CRD's own `x-kubegen-crd` notes, else the built-in table. */
function discoveryNamesOf(
  apiGroup: string,
  plural: string,
  kindSchema: NamedSchema | undefined,
): { singular?: string; shortNames: string[]; categories: string[] } {
  const crd = kindSchema?.schema['x-kubegen-crd'];
  if (isObject(crd) && crd.plural === plural) {
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
    const out: { singular?: string; shortNames: string[]; categories: string[] } = {
      shortNames: strings(crd.shortNames),
      categories: strings(crd.categories),
    };
    if (typeof crd.singular === 'string' && crd.singular !== '') out.singular = crd.singular;
    return out;
  }
  return builtinDiscoveryNames(apiGroup, plural);
}

/** Group-versions and groups: core first, then by name; versions by Kubernetes priority; resources by plural. */
export function buildGroups(resources: Resource[]): ApiGroup[] {
  const byGroup = new Map<string, Map<string, Resource[]>>();
  for (const r of resources) {
    const versions = byGroup.get(r.apiGroup) ?? new Map<string, Resource[]>();
    byGroup.set(r.apiGroup, versions);
    versions.set(r.version, [...(versions.get(r.version) ?? []), r]);
  }
  const groups = [...byGroup.entries()].map(([apiGroup, versions]): ApiGroup => {
    const gvs = [...versions.entries()]
      .map(([version, rs]) => groupVersion(apiGroup, version, rs))
      .sort((a, b) => compareVersionPriority(a.version, b.version));
    return { name: groupName(apiGroup), apiGroup, versions: gvs, preferredVersion: gvs[0]!.version };
  });
  return groups.sort((a, b) => (a.apiGroup === '' ? -1 : b.apiGroup === '' ? 1 : compareStrings(a.name, b.name)));
}

function groupVersion(apiGroup: string, version: string, resources: Resource[]): GroupVersion {
  return {
    group: groupName(apiGroup),
    apiGroup,
    version,
    apiVersion: apiGroup === '' ? version : `${apiGroup}/${version}`,
    pathPrefix: apiGroup === '' ? `/api/${version}` : `/apis/${apiGroup}/${version}`,
    resources: [...resources].sort((a, b) => compareStrings(a.plural, b.plural)),
  };
}
