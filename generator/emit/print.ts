// The one style of generated code — two-space indentation, single quotes, semicolons — for the parts written by
// TypeScript's printer (declarations, fragments of signatures); code written as text quotes with `quote` (names.ts).
import ts from 'typescript';

const scratch = ts.createSourceFile('generated.ts', '', ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false }, { substituteNode });
const commentless = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: true }, { substituteNode });

/** One node as text in the house style: comments kept, two-space indentation. */
export function printNode(node: ts.Node): string {
  return reindent(printer.printNode(ts.EmitHint.Unspecified, node, scratch));
}

/** A type on one line, without comments: for signatures written around it. */
export function printInline(node: ts.TypeNode): string {
  return commentless.printNode(ts.EmitHint.Unspecified, node, scratch).replace(/\s*\n\s*/g, ' ');
}

/**
 * String literals reach the printer double-quoted (openapi-typescript writes enum members as identifiers whose text
 * is JSON, and property names as plain string literals); each is printed single-quoted instead, with non-ASCII kept.
 */
function substituteNode(_hint: ts.EmitHint, node: ts.Node): ts.Node {
  if (ts.isIdentifier(node) && node.text.startsWith('"')) return singleQuoted(JSON.parse(node.text) as string);
  if (ts.isStringLiteral(node) && !(node as { singleQuote?: boolean }).singleQuote) return singleQuoted(node.text);
  return node;
}

function singleQuoted(text: string): ts.StringLiteral {
  return ts.setEmitFlags(ts.factory.createStringLiteral(text, true), ts.EmitFlags.NoAsciiEscaping);
}

/**
 * The printer indents by four spaces a level and lines up a comment's continuation lines one space further
 * (` * `), so every line starts with 4n + r spaces, r < 4: it becomes 2n + r. Regular, hence exact; only a
 * multi-line string or template literal could break it, and declarations have none.
 */
export function reindent(text: string): string {
  return text.replace(/^( {4})+/gm, (lead) => ' '.repeat(lead.length / 2));
}
