// Comment text from a spec, made inert: nothing in it may close the comment or run as code.

/** Line breaks of every flavour (CR, CRLF, U+2028, U+2029, NEL) become `\n`; other control characters go. */
export function plainText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\*\//g, '*\\/');
}

/** A whole `/** … *\/` block for text placed by a template, indented by `indent`. */
export function jsdoc(text: string | undefined, indent = ''): string {
  if (!text?.trim()) return '';
  const lines = plainText(text.trim()).split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}
