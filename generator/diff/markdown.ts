// The Markdown form of an ApiDiff, for a pull request comment: what breaks and what is deprecated in tables up
// front, additions folded away, and no more than a comment holds (GitHub's limit is 65,536 characters).
import { changeNote, changedWhen, deprecatedWhat, releaseNote, removedWhen } from './words.js';
import type { ApiDiff, DeprecationChange, Replacement, ResourceRef, SchemaFieldChanges } from './types.js';

const MAX_LENGTH = 60_000;

export function formatMarkdown(diff: ApiDiff, options: { maxFieldsPerSchema?: number } = {}): string {
  const max = options.maxFieldsPerSchema ?? 50;
  const s = diff.summary;
  const out = [
    `### kubegen diff: ${code(diff.from.label)}${ver(diff.from.version)} → ${code(diff.to.label)}${ver(diff.to.version)}`,
    '',
    s.breaking + s.removed + s.deprecated + s.added + s.changed === 0
      ? 'No differences.'
      : `**${count(s.breaking, 'breaking change')}** · ${s.removed} removed · ${s.deprecated} newly deprecated · ${s.added} added · ${s.changed} changed`,
  ];
  const block = (lines: string[]) => {
    if (lines.length) out.push('', ...lines);
  };
  block(removedGroupVersions(diff));
  block(removedResources(diff));
  const fields = diff.deprecations.filter((d) => d.scope === 'field');
  block(
    deprecations(
      diff.deprecations.filter((d) => d.scope !== 'field'),
      '#### Newly deprecated',
    ),
  );
  block(folded(`Fields newly deprecated (${fields.length})`, deprecations(fields, '')));
  block(table('#### Verbs and subresources removed', ['Resource', 'Removed'], removedVerbs(diff)));
  block(fieldsTable(diff.fields));
  block(additions(diff, max));
  return `${fit(out.join('\n'))}\n`;
}

/** What, since when (`v1.33`, or `by v1.35.0` when only the newer side is known), what instead, and the note. */
function deprecations(list: DeprecationChange[], title: string): string[] {
  const rows = list.map((d) => {
    const { id, detail, use } = deprecatedWhat(d);
    const since = d.deprecatedIn ?? (d.deprecatedBy ? `by ${d.deprecatedBy}` : '');
    return [
      `${code(id)}${detail}`,
      [since, d.removedIn && `removed in ${d.removedIn}`].filter(Boolean).join(', '),
      use ? code(use) : '',
      d.message ?? '',
    ];
  });
  return table(title, ['What', 'Deprecated', 'Use instead', 'Note'], rows);
}

function removedGroupVersions(diff: ApiDiff): string[] {
  const when = removedWhen(diff.groupVersions.removed);
  const rows = diff.groupVersions.removed.map((g) => {
    const served = diff.replacements.filter((r) => r.resource.groupVersion === g.groupVersion);
    const use = [...new Set(served.flatMap((r) => r.servedIn))].sort();
    return [
      `${code(g.groupVersion)}${releaseNote(g, when)}`,
      served.map((r) => `${code(r.resource.resource)} (${r.resource.kind})`).join(', '),
      use.map(code).join(', '),
    ];
  });
  return table(`#### Group-versions removed${when}`, ['Group-version', 'Resources', 'Still served in'], rows);
}

function removedResources(diff: ApiDiff): string[] {
  const gone = new Set(diff.groupVersions.removed.map((g) => g.groupVersion));
  const removed = diff.replacements.filter((r) => !gone.has(r.resource.groupVersion));
  const when = removedWhen(removed);
  const rows = removed.map((r: Replacement) => [
    `${resource(r.resource)}${releaseNote(r, when)}`,
    r.servedIn.length ? r.servedIn.map(code).join(', ') : 'no longer served',
  ]);
  return table(`#### Resources removed${when}`, ['Resource', 'Use instead'], rows);
}

function removedVerbs(diff: ApiDiff): string[][] {
  return diff.verbs
    .filter((v) => v.removed.length || v.subresourcesRemoved.length)
    .map((v) => [
      resource(v.resource),
      [...v.removed, ...v.subresourcesRemoved.map((x) => `${x} (subresource)`)].join(', '),
    ]);
}

/** Fields removed, retyped or now required, dated in the title when every schema's change is dated alike. */
function fieldsTable(fields: SchemaFieldChanges[]): string[] {
  const breaking = fields.filter(
    (f) => f.removed.length || f.changed.length || f.becameRequired.length || f.added.some((x) => x.required),
  );
  const when = changedWhen(breaking);
  const rows = breakingFields(breaking, when);
  return table(`#### Fields removed, retyped or now required${when}`, ['Schema', 'Field', 'Change'], rows);
}

function breakingFields(fields: SchemaFieldChanges[], when: string): string[][] {
  return fields.flatMap((f) => {
    const schema = `${code(f.schema)}${f.kind ? ` (${f.kind})` : ''}${changeNote(f, when)}`;
    return [
      ...f.removed.map((x) => [schema, code(x.field), `removed (${x.type})`]),
      ...f.changed.map((x) => [schema, code(x.field), `${x.from} → ${x.to}`]),
      ...f.becameRequired.map((x) => [schema, code(x), 'now required']),
      ...f.added.filter((x) => x.required).map((x) => [schema, code(x.field), `added, required (${x.type})`]),
    ];
  });
}

/** Group-versions, resources and fields added, and fields made optional: folded, a list per schema. */
function additions(diff: ApiDiff, max: number): string[] {
  const lines: string[] = [];
  if (diff.groupVersions.added.length) lines.push(`- Group-versions: ${diff.groupVersions.added.map(code).join(', ')}`);
  if (diff.resources.added.length) lines.push(`- Resources: ${diff.resources.added.map(resource).join(', ')}`);
  const verbs = diff.verbs.filter((v) => v.added.length || v.subresourcesAdded.length);
  for (const v of verbs)
    lines.push(
      `- ${resource(v.resource)}: ${[...v.added, ...v.subresourcesAdded.map((x) => `${x} (subresource)`)].join(', ')}`,
    );
  for (const f of diff.fields) {
    const items = [
      ...f.added.filter((x) => !x.required).map((x) => `${code(x.field)}: ${x.type}`),
      ...f.becameOptional.map((x) => `${code(x)}: now optional`),
    ];
    if (!items.length) continue;
    const shown = items.slice(0, max).join(', ');
    lines.push(
      `- ${code(f.schema)}${f.kind ? ` (${f.kind})` : ''}: ${shown}${items.length > max ? `, … and ${items.length - max} more` : ''}`,
    );
  }
  return folded('Added', lines);
}

function folded(summary: string, lines: string[]): string[] {
  return lines.length ? [`<details><summary>${summary}</summary>`, '', ...lines, '', '</details>'] : [];
}

function table(title: string, head: string[], rows: string[][]): string[] {
  if (!rows.length) return [];
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [...(title ? [title, ''] : []), row(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(row)];
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** A code span that holds any text, backticks included. */
function code(text: string): string {
  const ticks = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

function resource(r: ResourceRef): string {
  return `${code(`${r.groupVersion} ${r.resource}`)} (${r.kind})`;
}

const ver = (v: string | undefined) => (v ? ` (${v})` : '');
const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Cut at a line so that the comment fits, saying so. */
function fit(text: string): string {
  if (text.length <= MAX_LENGTH) return text;
  const cut = text.lastIndexOf('\n', MAX_LENGTH - 200);
  const open = text.slice(0, cut).includes('<details>') && !text.slice(0, cut).includes('</details>');
  return `${text.slice(0, cut)}\n${open ? '\n</details>\n' : ''}\n… cut to fit a comment: \`kubegen diff --json\` has it all.`;
}
