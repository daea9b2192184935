// How much a diff holds of each sort, and whether it fails a `--fail-on` condition: what CI decides on.
import type { ApiDiff, DiffSummary } from './types.js';

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

/** The conditions the diff meets, each with its count: `3 breaking`. */
export function failures(summary: DiffSummary, conditions: FailOn[]): string[] {
  return conditions.filter((c) => summary[c] > 0).map((c) => `${summary[c]} ${c}`);
}
