// Labels and label selectors as printers write them: `a=b,c=d`, `app=web,tier in (db,cache),!legacy`.
import { compareStrings } from '../../core/spec/values.js';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A label map, keys sorted; `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries((labels as Record<string, string> | undefined) ?? {}).sort(([a], [b]) =>
    compareStrings(a, b),
  );
  return entries.map(([k, v]) => `${k}=${v}`).join(',') || '<none>';
}

/** A selector's requirements, sorted by key as the label library sorts them; empty for none. */
export function selectorString(selector: unknown): string {
  const s = (selector ?? {}) as LabelSelector;
  const requirements: [string, string][] = Object.entries(s.matchLabels ?? {}).map(([k, v]) => [k, `${k}=${v}`]);
  for (const e of s.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : e.operator === 'DoesNotExist'
              ? `!${e.key}`
              : '<error>';
    requirements.push([e.key, text]);
  }
  return requirements
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, text]) => text)
    .join(',');
}

/** A selector, or `<none>` when it selects by nothing. */
export function formatLabelSelector(selector: unknown): string {
  return selectorString(selector) || '<none>';
}
