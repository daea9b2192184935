// The house style of generated code, checked: two-space indentation levels, single-quoted strings, semicolons,
// LF line ends, no tabs in indentation, no trailing whitespace. One line per problem (`file:line: what`).
import ts from 'typescript';

const ENDS_WITH_SEMICOLON = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.ExpressionStatement,
  ts.SyntaxKind.ReturnStatement,
  ts.SyntaxKind.ThrowStatement,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.CallSignature,
  ts.SyntaxKind.IndexSignature,
  ts.SyntaxKind.PropertyDeclaration,
]);

/** The problems of every file, by path. */
export function filesStyleProblems(files: Map<string, string>): string[] {
  return [...files].flatMap(([path, text]) => styleProblems(path, text));
}

export function styleProblems(path: string, text: string, limit = 20): string[] {
  const problems: string[] = [];
  const report = (line: number, what: string) => {
    if (problems.length < limit) problems.push(`${path}:${line}: ${what}`);
  };
  layoutProblems(text, report);
  const kind = path.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ESNext, true, kind);
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) && !node.getText(file).startsWith("'")) report(lineOf(node), 'a double-quoted string');
    if (ENDS_WITH_SEMICOLON.has(node.kind) && !node.getText(file).endsWith(';') && !lastInline(node))
      report(lineOf(node), 'no semicolon');
    ts.forEachChild(node, visit);
  };
  visit(file);
  return problems;
}

/** The last member of a type literal written on one line (`{ a: string; b?: number }`) takes no semicolon. */
function lastInline(node: ts.Node): boolean {
  return /^ *\}/.test(node.getSourceFile().text.slice(node.end));
}

/**
 * Code lines are indented by an even number of spaces, at most one level (two) deeper than the code line before;
 * a block comment's continuation lines sit one space right of its opening, starting with `*`.
 */
function layoutProblems(text: string, report: (line: number, what: string) => void): void {
  if (text.includes('\r')) report(1, 'a CR line end');
  if (!text.endsWith('\n') || text.endsWith('\n\n')) report(text.split('\n').length, 'not one final newline');
  let previous = 0;
  let comment: number | undefined;
  text.split('\n').forEach((line, i) => {
    const n = i + 1;
    if (/[ \t]$/.test(line)) report(n, 'trailing whitespace');
    if (/^\s*\t/.test(line)) report(n, 'a tab in the indentation');
    if (!line.trim()) return;
    const indent = line.length - line.trimStart().length;
    if (comment !== undefined) {
      if (indent !== comment + 1 || !line.trimStart().startsWith('*')) report(n, 'a comment line out of line');
      if (line.includes('*/')) comment = undefined;
      return;
    }
    if (indent % 2 !== 0) report(n, `indented by ${indent}`);
    else if (indent > previous + 2) report(n, `indented ${indent - previous} deeper than the line before`);
    previous = indent;
    if (line.trimStart().startsWith('/*') && !line.includes('*/')) comment = indent;
  });
}
