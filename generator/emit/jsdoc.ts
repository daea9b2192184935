// Comment text from a spec, made inert (nothing in it may close the comment or run as code), and the JSDoc of
// generated declarations: the description first, as plain text (what an editor's hover shows first), then tags.

/** Line breaks of every flavour (CR, CRLF, U+2028, U+2029, NEL) become `\n`; other control characters go. */
export function plainText(text: string): string {
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
}

/**
 * The lines of a schema's JSDoc: its description, then `@format`, `@default` and `@example` with their values as
 * JSON (so a default of `""` reads `@default ""`), and `@deprecated` unless the description already says it.
 */
export function docLines(s: DocFields): string[] {
  const text = typeof s.description === 'string' ? s.description.trim() : '';
  const lines = text ? text.split('\n').map((l) => l.trimEnd()) : [];
  const tags: string[] = [];
  if (typeof s.format === 'string' && s.format) tags.push(`@format ${s.format}`);
  if (s.default !== undefined) tags.push(`@default ${json(s.default)}`);
  if (s.example !== undefined) tags.push(`@example ${json(s.example)}`);
  if (s.deprecated === true && !lines.some((l) => l.startsWith('@deprecated'))) tags.push('@deprecated');
  if (lines.length && tags.length) lines.push('');
  return [...lines, ...tags.map(plainText)];
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

/** A whole `/** … *\/` block for text placed by a template, indented by `indent`. */
export function jsdoc(text: string | undefined, indent = ''): string {
  const body = commentText(docLines({ description: plainText(text ?? '') }));
  return body === undefined ? '' : `${indent}/*${body.replace(/\n/g, `\n${indent}`)}*/\n`;
}
