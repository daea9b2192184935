// The words the terminal and Markdown reports share: how a side, a deprecation and a release are named.
import type { DeprecationChange, DiffSide, ReleaseOf, SchemaFieldChanges } from './types.js';

/** A group-version as people write it: `core/v1` for the legacy group's `v1`. */
export function groupVersionName(groupVersion: string): string {
  return groupVersion.includes('/') ? groupVersion : `core/${groupVersion}`;
}

/** `kubernetes:1.35 (v1.35.0)`. */
export function sideName(side: DiffSide): string {
  return side.version ? `${side.label} (${side.version})` : side.label;
}

/** ` in v1.35.0`, ` by v1.35.0`, or nothing. */
function phrase(inRelease: string | undefined, byRelease: string | undefined): string {
  return inRelease ? ` in ${inRelease}` : byRelease ? ` by ${byRelease}` : '';
}

const removal = (e: ReleaseOf) => phrase(e.removedIn, e.removedBy);
const change = (f: SchemaFieldChanges) => phrase(f.changedIn, f.changedBy);

/** What every phrase says alike, else nothing. */
function common(phrases: string[]): string {
  const set = new Set(phrases);
  return set.size === 1 ? [...set][0]! : '';
}

/** What a section's title says of when its removals happened: what every entry says alike, else nothing. */
export function removedWhen(entries: ReleaseOf[]): string {
  return common(entries.map(removal));
}

/** An entry's own release, when its section's title does not say it: ` (removed in v1.29)`. */
export function releaseNote(entry: ReleaseOf, section: string): string {
  const own = removal(entry);
  return own && own !== section ? ` (removed${own})` : '';
}

/** What a title says of when the fields of these schemas changed, as `removedWhen` does for removals. */
export function changedWhen(fields: SchemaFieldChanges[]): string {
  return common(fields.map(change));
}

/** A schema's own release, when its section's title does not say it: ` (changed in v1.35.0)`. */
export function changeNote(f: SchemaFieldChanges, section: string): string {
  const own = change(f);
  return own && own !== section ? ` (changed${own})` : '';
}

/**
 * What is deprecated (`id`: `v1 endpoints`, and `detail`: ` (Endpoints)`), since when (`deprecated in v1.33`), and
 * what to use instead.
 */
export function deprecatedWhat(d: DeprecationChange): { id: string; detail: string; when: string; use: string } {
  const [id, detail] =
    d.scope === 'group-version'
      ? [groupVersionName(d.groupVersion!), ' (every resource)']
      : d.scope === 'resource'
        ? [`${groupVersionName(d.groupVersion!)} ${d.resource}`, ` (${d.kind})`]
        : d.scope === 'operation'
          ? [d.operationId!, ` (${groupVersionName(d.groupVersion!)} ${d.resource})`]
          : [`${d.schema}.${d.field}`, d.kind ? ` (${d.kind})` : ''];
  const when = d.deprecatedIn
    ? `deprecated in ${d.deprecatedIn}`
    : d.deprecatedBy
      ? `deprecated by ${d.deprecatedBy}`
      : '';
  const removal = d.removedIn ? `${when ? ', ' : ''}removed in ${d.removedIn}` : '';
  return { id, detail, when: `${when}${removal}`, use: d.replacement ?? '' };
}
