// Acceptance 4: hostile names and descriptions compile and inject nothing; bad input fails with the file and
// JSON pointer named, and leaves the previous output as it was.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { generate } from '../../generator/pipeline/generate.ts';
import { projectRoot } from '../helpers/shared.ts';
import { tsFiles, typecheck } from '../helpers/typecheck.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'emit');
const work = join(projectRoot, 'test', '.work', 'emit-hostile');
const out = join(work, 'out');

function snapshot(dir: string): Map<string, string> {
  return new Map(tsFiles(dir).map((f) => [f, readFileSync(f, 'utf8')]));
}

/** The statement kinds a generated module may contain at its top level. */
const ALLOWED_TOP = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ExportDeclaration,
]);

describe('hostile input', () => {
  before(async () => {
    rmSync(work, { recursive: true, force: true });
    await generate({ specs: [join(fixtures, 'hostile.json')], out });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('compiles under --strict', () => {
    assert.deepEqual(typecheck(out), []);
  });

  it('keeps every spec text inert: no injected statement, identifier or template anywhere', () => {
    for (const file of tsFiles(out)) {
      const text = readFileSync(file, 'utf8');
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.ESNext, true, ts.ScriptKind.TS);
      const parseErrors = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      assert.deepEqual(
        parseErrors.map((d) => d.messageText),
        [],
        `${file} parses`,
      );
      for (const statement of source.statements) {
        const allowed =
          ALLOWED_TOP.has(statement.kind) || (file.endsWith('support.ts') && isSupportStatement(statement));
        assert.ok(
          allowed,
          `${file}: unexpected top-level ${ts.SyntaxKind[statement.kind]}: ${statement.getText().slice(0, 80)}`,
        );
      }
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) assert.notEqual(node.text, 'pwned', `${file}: an identifier from a description`);
        if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
          assert.ok(file.endsWith('support.ts'), `${file}: a template literal outside the support module`);
        }
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
          assert.ok(
            ['$op', '$discovering'].includes(node.expression.text) || file.endsWith('support.ts'),
            `${file}: call of ${node.expression.text}`,
          );
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      // `*/` from a spec only ever appears escaped inside comments, or inside string literal types.
      for (const comment of text.match(/\/\*[\s\S]*?\*\//g) ?? []) assert.ok(!comment.slice(2, -2).includes('*/'));
    }
  });

  it('quotes property names that are not identifiers and keeps reserved words as names', () => {
    const gv = readFileSync(join(out, 'hostile.kubegen.dev', 'v1.ts'), 'utf8');
    for (const key of [
      "'my-prop'?:",
      "'with space'?:",
      "'a.b'?:",
      `'quote"d'?:`,
      '$weird?:',
      'class?:',
      'default?:',
      '__proto__?:',
      'constructor?:',
    ]) {
      assert.ok(gv.includes(key), `property ${key}`);
    }
    // Schema names with `.`, `-`, `$`, spaces and reserved words become distinct valid identifiers.
    for (const decl of [
      'export interface Class2',
      'export type Class =',
      'export interface MyThing',
      'export type DollarSign',
      'export type WithSpace',
      'export type Record_',
    ]) {
      assert.ok(gv.includes(decl), decl);
    }
    assert.match(gv, /export interface Tree \{[^}]*children\?: Tree\[\]/, 'a recursive type through an array');
  });
});

/** The support module's own constants and error class, all named with a leading `$`. */
function isSupportStatement(s: ts.Statement): boolean {
  if (ts.isClassDeclaration(s)) return s.name?.text.startsWith('$') === true;
  return (
    ts.isVariableStatement(s) &&
    s.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && d.name.text.startsWith('$'))
  );
}

describe('bad input', () => {
  const good = join(fixtures, 'hostile.json');
  let before_: Map<string, string>;
  before(async () => {
    rmSync(work, { recursive: true, force: true });
    await generate({ specs: [good], out });
    before_ = snapshot(out);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  // Each message starts with the spec file and the JSON pointer (plus line:column for a parse error).
  const cases: [string, RegExp][] = [
    ['invalid.json', /^SpecError: \S*test\/fixtures\/emit\/invalid\.json:1:32: invalid JSON: /],
    ['not-openapi.json', /^SpecError: \S*test\/fixtures\/emit\/not-openapi\.json: not an OpenAPI document/],
    [
      'dangling-ref.json',
      /^SpecError: \S*dangling-ref\.json#\/components\/schemas\/dev\.kubegen\.hostile\.v1\.Tree\/properties\/lost\/\$ref: dangling \$ref: no schema named "dev\.kubegen\.hostile\.v1\.Missing"$/,
    ],
    [
      'ref-cycle.json',
      /^SpecError: \S*ref-cycle\.json#\/components\/schemas\/dev\.kubegen\.hostile\.v1\.(Loop|Knot): \$ref cycle .* has no TypeScript type/,
    ],
  ];
  for (const [file, message] of cases) {
    it(`${file}: a clear error naming where, and the previous output intact`, async () => {
      await assert.rejects(generate({ specs: [join(fixtures, file)], out }), message);
      assert.deepEqual(snapshot(out), before_);
    });
  }
  it('a missing spec file: a clear error, nothing written', async () => {
    await assert.rejects(
      generate({ specs: [join(fixtures, 'no-such-spec.json')], out }),
      /no-such-spec\.json: cannot read the spec/,
    );
    assert.deepEqual(snapshot(out), before_);
  });
  it('the command: one line naming file and pointer on stderr, a non-zero exit, the previous output intact', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(projectRoot, 'dist', 'cli', 'main.js'),
        'generate',
        '--spec',
        join(fixtures, 'dangling-ref.json'),
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    assert.notEqual(run.status, 0);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(
      run.stderr,
      /dangling-ref\.json#\/components\/schemas\/dev\.kubegen\.hostile\.v1\.Tree\/properties\/lost\/\$ref: dangling \$ref/,
    );
    assert.deepEqual(snapshot(out), before_);
  });
});
