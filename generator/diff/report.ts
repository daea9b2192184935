// The human-readable form of an ApiDiff: what someone reads before upgrading a cluster.
import type { ApiDiff, ResourceRef } from './diff.js';

export interface ReportOptions {
  /** Most field changes listed per schema before eliding the rest. */
  maxFieldsPerSchema?: number;
}

export function formatDiff(diff: ApiDiff, options: ReportOptions = {}): string {
  const max = options.maxFieldsPerSchema ?? 50;
  const lines: string[] = [];
  const name = (s: ApiDiff['from']) => (s.version ? `${s.label} (${s.version})` : s.label);
  lines.push(`kubegen diff: ${name(diff.from)} → ${name(diff.to)}`);
  const section = (title: string, body: string[]) => {
    if (body.length === 0) return;
    lines.push('', title, ...body);
  };
  const res = (r: ResourceRef) => `${r.groupVersion} ${r.resource} (${r.kind})`;

  section(
    'Group-versions removed:',
    diff.groupVersions.removed.map((gv) => `  - ${gv}`),
  );
  section(
    'Group-versions added:',
    diff.groupVersions.added.map((gv) => `  + ${gv}`),
  );
  const where = (r: ApiDiff['replacements'][number]) =>
    `  - ${res(r.resource)}${r.servedIn.length ? `: use ${r.servedIn.join(', ')}` : ': no longer served in any version'}`;
  const gone = new Set(diff.groupVersions.removed);
  section(
    'Resources of removed group-versions:',
    diff.replacements.filter((r) => gone.has(r.resource.groupVersion)).map(where),
  );
  section('Resources removed:', diff.replacements.filter((r) => !gone.has(r.resource.groupVersion)).map(where));
  section(
    'Resources added:',
    diff.resources.added.map((r) => `  + ${res(r)}`),
  );
  section(
    'Verbs changed:',
    diff.verbs.map((v) => {
      const marks = [
        ...v.added.map((x) => `+${x}`),
        ...v.removed.map((x) => `-${x}`),
        ...v.subresourcesAdded.map((x) => `+${x} (subresource)`),
        ...v.subresourcesRemoved.map((x) => `-${x} (subresource)`),
      ];
      return `  ${res(v.resource)}: ${marks.join(' ')}`;
    }),
  );
  const fieldLines: string[] = [];
  for (const f of diff.fields) {
    fieldLines.push(`  ${f.schema}${f.kind ? ` [${f.kind}]` : ''}`);
    const items = [
      ...f.removed.map((x) => `    - ${x.field}: ${x.type}`),
      ...f.added.map((x) => `    + ${x.field}: ${x.type}`),
      ...f.changed.map((x) => `    ~ ${x.field}: ${x.from} → ${x.to}`),
    ];
    fieldLines.push(...items.slice(0, max));
    if (items.length > max) fieldLines.push(`    … and ${items.length - max} more`);
  }
  section('Fields changed:', fieldLines);
  section(
    'Newly deprecated:',
    diff.deprecations.map((d) => {
      const where =
        d.scope === 'field'
          ? `${d.schema}.${d.field}`
          : d.scope === 'operation'
            ? `${d.operationId}`
            : `${d.groupVersion} ${d.resource}`;
      return `  ! ${where}: ${d.warning}`;
    }),
  );
  if (lines.length === 1) lines.push('', 'No differences.');
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const summary = [
    `${n(diff.groupVersions.removed.length, 'group-version')} removed`,
    `${diff.groupVersions.added.length} added`,
    `${n(diff.resources.removed.length, 'resource')} removed`,
    `${diff.resources.added.length} added`,
    `${n(diff.fields.length, 'schema')} with field changes`,
    n(diff.deprecations.length, 'new deprecation'),
  ];
  lines.push('', `Summary: ${summary.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}
