// Declarations and fragments written straight from a prepared schema (direct-tree.ts), byte for byte what
// openapi-typescript's conversion and the compiler's printer make of it (convert.ts), without loading either:
// two-space indentation, JSDoc lines led by ` * `, members one a line, a nested union or intersection in brackets.
import type { ResolveRef } from './conversions.js';
import { docOf, schemaTree, type Member, type Tree, type TreeContext } from './direct-tree.js';
import type { DocFields } from './jsdoc.js';

/** One declaration, or undefined when its schema has a shape only the conversion writes. */
export function directDeclaration(
  id: string,
  schema: Record<string, unknown>,
  doc: DocFields,
  resolve: ResolveRef,
): string | undefined {
  const ctx: TreeContext = { refs: [], docs: true };
  const made = attempt(() => ({ tree: schemaTree(schema, ctx), lines: docOf(doc) }));
  if (!made) return undefined;
  const names = resolved(ctx.refs, resolve);
  const body =
    made.tree.kind === 'object'
      ? `export interface ${id} ${objectText(made.tree.members, names, 0)}`
      : `export type ${id} = ${typeText(made.tree, names, 0)};`;
  return commentBlock(made.lines, 0) + body;
}

/** One fragment's type on one line, or undefined when its schema has a shape only the conversion writes. */
export function directFragment(schema: Record<string, unknown>, resolve: ResolveRef): string | undefined {
  const ctx: TreeContext = { refs: [], docs: false };
  const tree = attempt(() => schemaTree(schema, ctx));
  if (!tree) return undefined;
  return typeText(tree, resolved(ctx.refs, resolve), 0).replace(/\s*\n\s*/g, ' ');
}

/** Any failure leaves the schema to the conversion, which reports what is wrong with it, if anything is. */
function attempt<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

/** Every reference resolved in the order the conversion resolves them (which decides the names of imports). */
function resolved(refs: string[], resolve: ResolveRef): Map<string, string> {
  const names = new Map<string, string>();
  for (const target of refs) names.set(target, resolve(target));
  return names;
}

function typeText(t: Tree, names: Map<string, string>, indent: number): string {
  switch (t.kind) {
    case 'keyword':
    case 'literal':
      return t.text;
    case 'ref':
      return names.get(t.target)!;
    case 'record':
      return 'Record<string, unknown>';
    case 'array':
      return `${operand(t.element, names, indent)}[]`;
    case 'union':
      return t.types.map((x) => operand(x, names, indent)).join(' | ');
    case 'intersection':
      return t.types.map((x) => operand(x, names, indent)).join(' & ');
    case 'object':
      return objectText(t.members, names, indent);
  }
}

/** A union or intersection inside another type, or as an array's element, is bracketed. */
function operand(t: Tree, names: Map<string, string>, indent: number): string {
  const text = typeText(t, names, indent);
  return t.kind === 'union' || t.kind === 'intersection' ? `(${text})` : text;
}

/** Joined, not concatenated: a declaration is kept as one flat string, not a rope of its thousands of pieces. */
function objectText(members: Member[], names: Map<string, string>, indent: number): string {
  const pad = '  '.repeat(indent + 1);
  const parts = ['{\n'];
  for (const m of members) {
    const type = typeText(m.type, names, indent + 1);
    const head =
      m.key === undefined ? '[key: string]' : `${m.readonly ? 'readonly ' : ''}${m.key}${m.optional ? '?' : ''}`;
    if (m.doc.length) commentParts(parts, m.doc, pad);
    parts.push(pad, head, ': ', type, ';\n');
  }
  parts.push('  '.repeat(indent), '}');
  return parts.join('');
}

/** A JSDoc block on lines of its own. */
function commentBlock(lines: string[], indent: number): string {
  if (!lines.length) return '';
  const parts: string[] = [];
  commentParts(parts, lines, '  '.repeat(indent));
  return parts.join('');
}

/** Adds a JSDoc block to `parts` piece by piece, as the printer writes it (each continuation line's end trimmed). */
function commentParts(parts: string[], lines: string[], pad: string): void {
  if (lines.length === 1) {
    parts.push(pad, '/** ', lines[0]!, ' */\n');
    return;
  }
  parts.push(pad, '/**\n');
  for (const l of lines) {
    const text = l.trimEnd();
    parts.push(pad, text ? ' * ' : ' *', text, '\n');
  }
  parts.push(pad, ' */\n');
}
