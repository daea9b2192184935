// How much a diff holds of each sort, and whether it fails a `--fail-on` condition: what CI decides on.
import type { ApiDiff, DiffSummary, ResourceRef } from './types.js';
import { deprecatedWhat, groupVersionName } from './words.js';

export const FAIL_ON = ['removed', 'deprecated', 'breaking'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Entries listed of each sort (a removed group-version and each resource it served count apart). */
export function summarize(diff: Omit<ApiDiff, 'from' | 'to' | 'summary'>): DiffSummary {
  const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
  const removed =
    diff.groupVersions.removed.length +
    diff.replacements.length +
    sum(diff.verbs.map((v) => v.removed.length + v.subresourcesRemoved.length)) +
    sum(diff.fields.map((f) => f.removed.length));
  const retyped = sum(diff.fields.map((f) => f.changed.length));
  const required = sum(diff.fields.map((f) => f.becameRequired.length + f.added.filter((x) => x.required).length));
  return {
    breaking: removed + retyped + required,
    removed,
    deprecated: diff.deprecations.length,
    added:
      diff.groupVersions.added.length +
      diff.resources.added.length +
      sum(diff.verbs.map((v) => v.added.length + v.subresourcesAdded.length)) +
      sum(diff.fields.map((f) => f.added.length)),
    changed: retyped + sum(diff.fields.map((f) => f.becameRequired.length + f.becameOptional.length)),
  };
}

/** `removed,breaking` (repeatable) → the conditions; an unknown one is an error naming the accepted ones. */
export function parseFailOn(values: string[]): FailOn[] {
  const out = new Set<FailOn>();
  for (const value of values.flatMap((v) => v.split(',')).map((v) => v.trim())) {
    if (!(FAIL_ON as readonly string[]).includes(value))
      throw new Error(`--fail-on ${value}: expected ${FAIL_ON.join(', ')} (comma-separated or repeated)`);
    out.add(value as FailOn);
  }
  return [...out];
}

const NAMED = 3;

/**
 * The one line CI prints when conditions are met, naming the first entries of each (whole group-versions and kinds
 * before fields): `35 deprecated: core/v1 Endpoints, … and 32 more (--fail-on deprecated)`; empty when none is met.
 */
export function failureLine(diff: ApiDiff, conditions: FailOn[]): string {
  const met = conditions.filter((c) => diff.summary[c] > 0);
  if (!met.length) return '';
  const parts = met.map((c) => {
    const names = entries(diff, c);
    const more = diff.summary[c] - Math.min(names.length, NAMED);
    return `${diff.summary[c]} ${c}: ${names.slice(0, NAMED).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  });
  return `kubegen diff: ${parts.join('; ')} (--fail-on ${conditions.join(',')})`;
}

/** Names of what a condition counts, in the order the summary counts them. */
function entries(diff: ApiDiff, condition: FailOn): string[] {
  if (condition === 'deprecated')
    return diff.deprecations.map((d) =>
      d.scope === 'resource' ? `${groupVersionName(d.groupVersion!)} ${d.kind}` : deprecatedWhat(d).id,
    );
  const kind = (r: ResourceRef) => `${groupVersionName(r.groupVersion)} ${r.kind}`;
  const removed = [
    ...diff.groupVersions.removed.map((g) => groupVersionName(g.groupVersion)),
    ...diff.replacements.map((r) => kind(r.resource)),
    ...diff.verbs.flatMap((v) => [...v.removed, ...v.subresourcesRemoved].map((x) => `${kind(v.resource)} ${x}`)),
    ...diff.fields.flatMap((f) => f.removed.map((x) => `${f.schema}.${x.field}`)),
  ];
  if (condition === 'removed') return removed;
  return [
    ...removed,
    ...diff.fields.flatMap((f) => [
      ...f.changed.map((x) => `${f.schema}.${x.field}`),
      ...f.becameRequired.map((x) => `${f.schema}.${x}`),
      ...f.added.filter((x) => x.required).map((x) => `${f.schema}.${x.field}`),
    ]),
  ];
}
