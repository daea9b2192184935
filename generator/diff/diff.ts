// What changed between two models — two releases, two clusters, two versions of a CRD: group-versions,
// resources, verbs, fields, and deprecations, with the release that made each change when the sides tell it.
// Pure: models in, a plain JSON report out.
import type { ApiModel, Resource } from '../../core/model/types.js';
import { newDeprecations } from './deprecations.js';
import { fieldChanges } from './fields.js';
import { releaseStep, removal, stepFor } from './releases.js';
import { summarize } from './verdict.js';
import type { ApiDiff, DiffSide, Replacement, ResourceRef, VerbChange } from './types.js';

export type * from './types.js';

export interface SideLabel {
  label: string;
  version?: string;
  /** The version is a Kubernetes release (a cluster's, a published release's, a Kubernetes spec's), not the API's own. */
  kubernetes?: boolean;
}

export interface DiffOptions {
  from: SideLabel;
  to: SideLabel;
  /** Schemas whose fields (and their deprecations) are not compared: a side's stand-ins rather than what it serves. */
  skipFields?: (schema: string) => boolean;
}

export function diffModels(a: ApiModel, b: ApiModel, labels: DiffOptions): ApiDiff {
  const skip = labels.skipFields ?? (() => false);
  const step = releaseStep(labels.from.version, labels.to.version, labels.to.kubernetes === true);
  const gvA = groupVersions(a);
  const gvB = groupVersions(b);
  const resA = resourceIndex(a);
  const resB = resourceIndex(b);
  const common = (key: string) => gvA.has(key.split(' ')[0]!) && gvB.has(key.split(' ')[0]!);
  const body: Omit<ApiDiff, 'from' | 'to' | 'summary'> = {
    groupVersions: {
      added: [...gvB.keys()].filter((gv) => !gvA.has(gv)).sort(),
      removed: [...gvA]
        .filter(([gv]) => !gvB.has(gv))
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([groupVersion, note]) => ({ groupVersion, ...removal(stepFor(step, { groupVersion }), note) })),
    },
    resources: {
      added: [...resB].filter(([k]) => !resA.has(k) && common(k)).map(([, r]) => ref(r)),
      removed: [...resA].filter(([k]) => !resB.has(k) && common(k)).map(([, r]) => ref(r)),
    },
    replacements: replacements(resA, resB, step),
    verbs: verbChanges(resA, resB),
    fields: fieldChanges(a, b, skip, step),
    deprecations: newDeprecations(a, b, step, skip),
  };
  return { from: side(a, labels.from), to: side(b, labels.to), summary: summarize(body), ...body };
}

/** Verbs and subresources of the resources both sides serve at the same group-version. */
function verbChanges(resA: Map<string, Resource>, resB: Map<string, Resource>): VerbChange[] {
  const out: VerbChange[] = [];
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
    if (Object.values(change).some((list) => Array.isArray(list) && list.length)) out.push(change);
  }
  return out;
}

function side(model: ApiModel, { label, version }: SideLabel): DiffSide {
  return { label, ...(version ? { version } : {}), hash: model.source.hash };
}

/** Group-versions, each with its deprecation note (undefined when it has none). */
function groupVersions(model: ApiModel): Map<string, ApiModel['groups'][number]['versions'][number]['deprecated']> {
  return new Map(model.groups.flatMap((g) => g.versions.map((v) => [v.apiVersion, v.deprecated] as const)));
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
function replacements(resA: Map<string, Resource>, resB: Map<string, Resource>, step: ReturnType<typeof releaseStep>) {
  const out: Replacement[] = [];
  const inB = [...resB.values()];
  for (const [key, r] of resA) {
    if (resB.has(key)) continue;
    const servedIn = inB.filter((o) => o.apiGroup === r.apiGroup && o.plural === r.plural).map(apiVersionOf);
    const resource = ref(r);
    out.push({ resource, servedIn, ...removal(stepFor(step, resource), r.deprecated) });
  }
  return out;
}
