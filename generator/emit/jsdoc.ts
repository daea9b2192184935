// Comment text from a spec, made inert (nothing in it may close the comment or run as code), and the JSDoc of
// generated declarations: the description first, as plain text (what an editor's hover shows first), then tags.
import { deprecationIn } from '../../core/model/deprecation-text.js';
import type { Deprecation } from '../../core/model/types.js';

/** Anything `plainText` changes: most descriptions hold none of it, and are kept as they are. */
const UNPLAIN = /[\r\u2028\u2029\u0085\u0000-\u0008\u000b-\u001f\u007f]|\*\//;

/** Line breaks of every flavour (CR, CRLF, U+2028, U+2029, NEL) become `\n`; other control characters go. */
export function plainText(text: string): string {
  if (!UNPLAIN.test(text)) return text;
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\*\//g, '*\\/');
}

/** The doc fields of a prepared schema (description already plain text). */
export interface DocFields {
  description?: unknown;
  default?: unknown;
  format?: unknown;
  example?: unknown;
  deprecated?: unknown;
  /** What the model notes (`false`: not deprecated, whatever the description says); else read from the description. */
  deprecation?: Deprecation | false;
}

/**
 * The lines of a schema's JSDoc: its description, then `@format`, `@default` and `@example` with their values as
 * JSON (so a default of `""` reads `@default ""`), and `@deprecated` (so editors strike it through) unless the
 * description already has the tag.
 */
export function docLines(s: DocFields): string[] {
  const text = typeof s.description === 'string' ? s.description.trim() : '';
  const lines = !text ? [] : text.includes('\n') ? text.split('\n') : [text];
  for (let i = 0; i < lines.length; i++) lines[i] = lines[i]!.trimEnd();
  const tags: string[] = [];
  if (typeof s.format === 'string' && s.format) tags.push(`@format ${s.format}`);
  if (s.default !== undefined) tags.push(`@default ${json(s.default)}`);
  if (s.example !== undefined) tags.push(`@example ${json(s.example)}`);
  const note = s.deprecation === false ? undefined : (s.deprecation ?? deprecationIn(text, s.deprecated === true));
  if (note && !lines.some((l) => l.startsWith('@deprecated'))) tags.push(deprecatedTag(note));
  if (!tags.length) return lines;
  if (lines.length) lines.push('');
  for (const tag of tags) lines.push(plainText(tag));
  return lines;
}

/** `@deprecated since v1.33, removed in v1.36; use discovery.k8s.io/v1 EndpointSlice instead`, as much as is known. */
export function deprecatedTag(note: Deprecation): string {
  const when = [note.since && `since ${note.since}`, note.removedIn && `removed in ${note.removedIn}`].filter(Boolean);
  const parts = [when.join(', '), note.replacement && `use ${note.replacement} instead`].filter(Boolean);
  return ['@deprecated', parts.join('; ')].filter(Boolean).join(' ').replace(/\s+/g, ' ');
}

function json(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The text between `/*` and `*\/` of a JSDoc block, for the printer: `* one line ` or `*\n * line\n ` */
export function commentText(lines: string[]): string | undefined {
  if (!lines.length) return undefined;
  if (lines.length === 1) return `* ${lines[0]} `;
  return `*\n${lines.map((l) => ` *${l ? ` ${l}` : ''}`).join('\n')}\n `;
}

/** A whole `/** … *\/` block for text placed by a template, indented by `indent`, with the model's deprecation. */
export function jsdoc(text: string | undefined, indent = '', deprecation?: Deprecation): string {
  const body = commentText(docLines({ description: plainText(text ?? ''), deprecation: deprecation ?? false }));
  return body === undefined ? '' : `${indent}/*${body.replace(/\n/g, `\n${indent}`)}*/\n`;
}
