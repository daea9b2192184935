// What changed between two models — two releases, two clusters, two versions of a CRD: group-versions,
// resources, verbs, fields, and deprecations. Pure: models in, a plain JSON report out.
import type { ApiModel, NamedSchema, Resource, Schema, Verb } from '../../core/model/types.js';
import { flattenFields, isDeprecatedDescription } from './fields.js';
import { compareStrings } from '../../core/spec/values.js';

export interface ApiDiff {
  from: DiffSide;
  to: DiffSide;
  groupVersions: { added: string[]; removed: string[] };
  /** Resources added or removed in group-versions both sides serve; `apps/v1 deployments`. */
  resources: { added: ResourceRef[]; removed: ResourceRef[] };
  /** Every resource no longer served at its group-version (in a removed group-version or not), and the group-versions of the newer side that serve the same group and plural. */
  replacements: Array<{ resource: ResourceRef; servedIn: string[] }>;
  /** Verbs and subresources added or removed on resources both sides serve. */
  verbs: Array<{
    resource: ResourceRef;
    added: Verb[];
    removed: Verb[];
    subresourcesAdded: string[];
    subresourcesRemoved: string[];
  }>;
  fields: SchemaFieldChanges[];
  deprecations: Deprecation[];
}

export interface DiffSide {
  label: string;
  /** The release when the source says it: a cluster's `/version`, a spec's `info.version` (`v1.35.0`). */
  version?: string;
  hash: string;
}

export interface ResourceRef {
  groupVersion: string;
  resource: string;
  kind: string;
}

export interface SchemaFieldChanges {
  schema: string;
  /** `apps/v1 Deployment` when the schema is a kind. */
  kind?: string;
  added: Array<{ field: string; type: string }>;
  removed: Array<{ field: string; type: string }>;
  changed: Array<{ field: string; from: string; to: string }>;
}

export interface Deprecation {
  /** `version` for a deprecated CRD version, `operation` for an operation, `field` for a field. */
  scope: 'version' | 'operation' | 'field';
  groupVersion?: string;
  resource?: string;
  schema?: string;
  field?: string;
  operationId?: string;
  warning: string;
}

export interface SideLabel {
  label: string;
  version?: string;
}

export interface DiffOptions {
  from: SideLabel;
  to: SideLabel;
  /** Schemas whose fields are not compared (a side's stand-ins rather than what it serves). */
  skipFields?: (schema: string) => boolean;
}

export function diffModels(a: ApiModel, b: ApiModel, labels: DiffOptions): ApiDiff {
  const gvA = groupVersions(a);
  const gvB = groupVersions(b);
  const resA = resourceIndex(a);
  const resB = resourceIndex(b);
  const removedGvs = [...gvA].filter((gv) => !gvB.has(gv)).sort();
  const common = (ref: string) => gvA.has(ref.split(' ')[0]!) && gvB.has(ref.split(' ')[0]!);
  return {
    from: side(a, labels.from),
    to: side(b, labels.to),
    groupVersions: { added: [...gvB].filter((gv) => !gvA.has(gv)).sort(), removed: removedGvs },
    resources: {
      added: [...resB].filter(([k]) => !resA.has(k) && common(k)).map(([, r]) => ref(r)),
      removed: [...resA].filter(([k]) => !resB.has(k) && common(k)).map(([, r]) => ref(r)),
    },
    replacements: replacements(a, b),
    verbs: verbChanges(resA, resB),
    fields: fieldChanges(a, b, labels.skipFields ?? (() => false)),
    deprecations: deprecations(a, b),
  };
}

/** Verbs and subresources of the resources both sides serve at the same group-version. */
function verbChanges(resA: Map<string, Resource>, resB: Map<string, Resource>): ApiDiff['verbs'] {
  const out: ApiDiff['verbs'] = [];
  for (const [key, r] of resA) {
    const other = resB.get(key);
    if (!other) continue;
    const subA = r.subresources.map((s) => s.name);
    const subB = other.subresources.map((s) => s.name);
    const change = {
      resource: ref(r),
      added: other.verbs.filter((v) => !r.verbs.includes(v)),
      removed: r.verbs.filter((v) => !other.verbs.includes(v)),
      subresourcesAdded: subB.filter((s) => !subA.includes(s)),
      subresourcesRemoved: subA.filter((s) => !subB.includes(s)),
    };
    if (
      change.added.length ||
      change.removed.length ||
      change.subresourcesAdded.length ||
      change.subresourcesRemoved.length
    )
      out.push(change);
  }
  return out;
}

function side(model: ApiModel, { label, version }: SideLabel): DiffSide {
  const s: DiffSide = { label, hash: model.source.hash };
  if (version) s.version = version;
  return s;
}

function groupVersions(model: ApiModel): Set<string> {
  return new Set(model.groups.flatMap((g) => g.versions.map((v) => v.apiVersion)));
}

function apiVersionOf(r: Resource): string {
  return r.apiGroup ? `${r.apiGroup}/${r.version}` : r.version;
}

function ref(r: Resource): ResourceRef {
  return { groupVersion: apiVersionOf(r), resource: r.plural, kind: r.kind };
}

/** Resources keyed `group/version plural`, in model order (sorted by group, version, plural). */
function resourceIndex(model: ApiModel): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const g of model.groups)
    for (const v of g.versions) for (const r of v.resources) out.set(`${v.apiVersion} ${r.plural}`, r);
  return out;
}

/** Every resource the newer side no longer serves at its group-version, and where it serves the same group and plural. */
function replacements(a: ApiModel, b: ApiModel): ApiDiff['replacements'] {
  const out: ApiDiff['replacements'] = [];
  const resB = resourceIndex(b);
  const inB = [...resB.values()];
  for (const [key, r] of resourceIndex(a)) {
    if (resB.has(key)) continue;
    const servedIn = inB.filter((o) => o.apiGroup === r.apiGroup && o.plural === r.plural).map(apiVersionOf);
    out.push({ resource: ref(r), servedIn });
  }
  return out;
}

function fieldChanges(a: ApiModel, b: ApiModel, skip: (schema: string) => boolean): SchemaFieldChanges[] {
  const out: SchemaFieldChanges[] = [];
  for (const name of Object.keys(a.schemas).sort()) {
    if (skip(name)) continue;
    const before = a.schemas[name]!;
    const after = b.schemas[name];
    if (!after) continue;
    const fa = flattenFields(before.schema);
    const fb = flattenFields(after.schema);
    const change: SchemaFieldChanges = { schema: name, added: [], removed: [], changed: [] };
    const kind = kindLabel(after);
    if (kind) change.kind = kind;
    for (const [field, type] of fb) {
      const old = fa.get(field);
      if (old === undefined) change.added.push({ field, type });
      else if (old !== type) change.changed.push({ field, from: old, to: type });
    }
    for (const [field, type] of fa) if (!fb.has(field)) change.removed.push({ field, type });
    if (change.added.length || change.removed.length || change.changed.length) out.push(change);
  }
  return out;
}

function kindLabel(s: NamedSchema): string | undefined {
  const gvk = s.gvks.length === 1 ? s.gvks[0] : undefined;
  return gvk ? `${gvk.group ? `${gvk.group}/` : ''}${gvk.version} ${gvk.kind}` : undefined;
}

/** Deprecations the newer side has that the older did not. */
function deprecations(a: ApiModel, b: ApiModel): Deprecation[] {
  const before = new Set(collectDeprecations(a).map((d) => JSON.stringify({ ...d, warning: '' })));
  return collectDeprecations(b).filter((d) => !before.has(JSON.stringify({ ...d, warning: '' })));
}

export function collectDeprecations(model: ApiModel): Deprecation[] {
  const out: Deprecation[] = [];
  for (const [name, s] of Object.entries(model.schemas).sort(([x], [y]) => compareStrings(x, y))) {
    const info = s.schema['x-kubegen-crd'] as
      | { deprecated?: boolean; deprecationWarning?: string; plural?: string }
      | undefined;
    const gvk = s.gvks[0];
    if (info?.deprecated && gvk) {
      out.push({
        scope: 'version',
        groupVersion: `${gvk.group}/${gvk.version}`,
        resource: info.plural ?? gvk.kind,
        warning: info.deprecationWarning ?? `${gvk.group}/${gvk.version} is deprecated`,
      });
    }
    for (const [field, schema] of deprecatedFields(s.schema)) {
      out.push({ scope: 'field', schema: name, field, warning: deprecationNote(schema.description ?? '') });
    }
  }
  for (const op of model.operations) {
    if (op.deprecated && !op.legacyWatch) {
      out.push({
        scope: 'operation',
        operationId: op.operationId,
        groupVersion: op.apiGroup ? `${op.apiGroup}/${op.version}` : op.version,
        resource: op.resource,
        warning: deprecationNote(op.description ?? 'deprecated'),
      });
    }
  }
  return out;
}

function deprecatedFields(
  schema: Schema,
  path = '',
  out: Array<[string, Schema]> = [],
  depth = 0,
): Array<[string, Schema]> {
  if (depth > 64) return out;
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const p = path ? `${path}.${name}` : name;
    if (isDeprecatedDescription(child)) out.push([p, child]);
    deprecatedFields(child, p, out, depth + 1);
  }
  if (schema.items && !Array.isArray(schema.items)) deprecatedFields(schema.items, `${path}[]`, out, depth + 1);
  return out;
}

/** The sentence that says "Deprecated…" (`Deprecated: X is deprecated.`), else the first line; at most 200 characters. */
function deprecationNote(text: string): string {
  const at = /(^|\n|\.\s+)(Deprecated[:.,\s])/.exec(text);
  const from = at ? text.slice(at.index + at[0].length - at[2]!.length) : text;
  const sentence = /^[^\n]*?\.(?=\s|$)/.exec(from)?.[0] ?? from.split('\n')[0] ?? '';
  const line = sentence.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
