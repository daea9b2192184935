// The terminal form of an ApiDiff: what someone reads before upgrading a cluster.
import { changeNote, changedWhen, deprecatedWhat, releaseNote, removedWhen, sideName } from './words.js';
import type { ApiDiff, FieldRef, ResourceRef, SchemaFieldChanges } from './types.js';

export interface ReportOptions {
  /** Most field changes listed per schema before eliding the rest. */
  maxFieldsPerSchema?: number;
}

export function formatDiff(diff: ApiDiff, options: ReportOptions = {}): string {
  const max = options.maxFieldsPerSchema ?? 50;
  const lines = [`kubegen diff: ${sideName(diff.from)} → ${sideName(diff.to)}`];
  const section = (title: string, body: string[]) => {
    if (body.length) lines.push('', title, ...body);
  };
  const res = (r: ResourceRef) => `${r.groupVersion} ${r.resource} (${r.kind})`;
  const gone = new Set(diff.groupVersions.removed.map((g) => g.groupVersion));
  const gvWhen = removedWhen(diff.groupVersions.removed);
  section(
    `Group-versions removed${gvWhen}:`,
    diff.groupVersions.removed.map((g) => `  - ${g.groupVersion}${releaseNote(g, gvWhen)}`),
  );
  section(
    'Group-versions added:',
    diff.groupVersions.added.map((gv) => `  + ${gv}`),
  );
  const where = (when: string) => (r: ApiDiff['replacements'][number]) =>
    `  - ${res(r.resource)}${r.servedIn.length ? `: use ${r.servedIn.join(', ')}` : ': no longer served in any version'}${releaseNote(r, when)}`;
  const orphans = diff.replacements.filter((r) => gone.has(r.resource.groupVersion));
  section('Resources of removed group-versions:', orphans.map(where(removedWhen(orphans))));
  const removed = diff.replacements.filter((r) => !gone.has(r.resource.groupVersion));
  const resWhen = removedWhen(removed);
  section(`Resources removed${resWhen}:`, removed.map(where(resWhen)));
  section(
    'Resources added:',
    diff.resources.added.map((r) => `  + ${res(r)}`),
  );
  section('Verbs changed:', verbLines(diff, res));
  const fieldsWhen = changedWhen(diff.fields);
  section(`Fields changed${fieldsWhen}:`, fieldLines(diff.fields, max, fieldsWhen));
  section(
    'Newly deprecated:',
    diff.deprecations.map((d) => {
      const { id, detail, when, use } = deprecatedWhat(d);
      const head = [when, use && `use ${use}`].filter(Boolean).join(', ');
      return `  ! ${id}${detail}${head ? ` — ${head}` : ''}${d.message ? `: ${d.message}` : ''}`;
    }),
  );
  if (lines.length === 1) lines.push('', 'No differences.');
  lines.push('', `Summary: ${summaryLine(diff)}.`);
  return `${lines.join('\n')}\n`;
}

function verbLines(diff: ApiDiff, res: (r: ResourceRef) => string): string[] {
  return diff.verbs.map((v) => {
    const marks = [
      ...v.added.map((x) => `+${x}`),
      ...v.removed.map((x) => `-${x}`),
      ...v.subresourcesAdded.map((x) => `+${x} (subresource)`),
      ...v.subresourcesRemoved.map((x) => `-${x} (subresource)`),
    ];
    return `  ${res(v.resource)}: ${marks.join(' ')}`;
  });
}

/** `-` removed, `+` added, `~` retyped, `!` now required, `?` now optional; at most `max` per schema. */
function fieldLines(fields: SchemaFieldChanges[], max: number, when: string): string[] {
  const lines: string[] = [];
  const typed = (x: FieldRef) => `${x.field}: ${x.type}${x.required ? ' (required)' : ''}`;
  for (const f of fields) {
    lines.push(`  ${f.schema}${f.kind ? ` [${f.kind}]` : ''}${changeNote(f, when)}`);
    const items = [
      ...f.removed.map((x) => `    - ${typed(x)}`),
      ...f.added.map((x) => `    + ${typed(x)}`),
      ...f.changed.map((x) => `    ~ ${x.field}: ${x.from} → ${x.to}`),
      ...f.becameRequired.map((x) => `    ! ${x}: now required`),
      ...f.becameOptional.map((x) => `    ? ${x}: now optional`),
    ];
    lines.push(...items.slice(0, max));
    if (items.length > max) lines.push(`    … and ${items.length - max} more`);
  }
  return lines;
}

export function summaryLine(diff: ApiDiff): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const parts = [
    `${n(diff.groupVersions.removed.length, 'group-version')} removed`,
    `${diff.groupVersions.added.length} added`,
    `${n(diff.resources.removed.length, 'resource')} removed`,
    `${diff.resources.added.length} added`,
    `${n(diff.fields.length, 'schema')} with field changes`,
    n(diff.deprecations.length, 'new deprecation'),
  ];
  return `${parts.join(', ')}; ${n(diff.summary.breaking, 'breaking change')}`;
}
