// The project around --out: a CommonJS folder under verbatimModuleSyntax cannot hold generated import and export
// statements, and is named with what to change; every other setup passes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectProblem } from '../../generator/pipeline/project.ts';

let work = '';

// What `tsc --init` (TypeScript 5.9) writes: comments, a trailing comma, nodenext and verbatimModuleSyntax.
const tscInit = `{
  // Visit https://aka.ms/tsconfig to read more about this file
  "compilerOptions": {
    "module": "nodenext",
    "target": "esnext",
    "strict": true,
    "verbatimModuleSyntax": true,
    "isolatedModules": true,
    "skipLibCheck": true,
  }
}
`;

interface Case {
  name: string;
  /** Relative path → content; `out` is `src/k8s`. */
  files: Record<string, string | object>;
  want: RegExp | undefined;
}

const cases: Case[] = [
  {
    name: 'npm init -y and tsc --init: "type": "commonjs" under verbatimModuleSyntax',
    files: { 'package.json': { name: 'app', type: 'commonjs' }, 'tsconfig.json': tscInit },
    want: /^--out src\/k8s: tsconfig\.json sets verbatimModuleSyntax and package\.json makes the folder CommonJS \("type": "commonjs"\), where the generated import and export statements cannot compile: set "type": "module" in package\.json, or turn verbatimModuleSyntax off$/,
  },
  {
    name: 'no "type", module node16',
    files: {
      'package.json': { name: 'app' },
      'tsconfig.json': { compilerOptions: { module: 'node16', verbatimModuleSyntax: true } },
    },
    want: /package\.json makes the folder CommonJS \(no "type"\)/,
  },
  {
    name: 'module commonjs',
    files: { 'tsconfig.json': { compilerOptions: { module: 'commonjs', verbatimModuleSyntax: true } } },
    want: /sets verbatimModuleSyntax and "module": "commonjs", which makes every file CommonJS.*: set "module": "nodenext"/,
  },
  {
    name: 'verbatimModuleSyntax from an extended config',
    files: {
      'package.json': { name: 'app' },
      'tsconfig.base.json': { compilerOptions: { module: 'nodenext', verbatimModuleSyntax: true } },
      'tsconfig.json': { extends: './tsconfig.base.json', compilerOptions: { strict: true } },
    },
    want: /tsconfig\.json sets verbatimModuleSyntax/,
  },
  {
    name: '"type": "module"',
    files: { 'package.json': { name: 'app', type: 'module' }, 'tsconfig.json': tscInit },
    want: undefined,
  },
  {
    name: 'a CommonJS package without verbatimModuleSyntax (compiled to require calls)',
    files: { 'package.json': { name: 'app' }, 'tsconfig.json': { compilerOptions: { module: 'nodenext' } } },
    want: undefined,
  },
  {
    name: 'bundler resolution: files stay ES modules whatever package.json says',
    files: {
      'package.json': { name: 'app', type: 'commonjs' },
      'tsconfig.json': {
        compilerOptions: { module: 'esnext', moduleResolution: 'bundler', verbatimModuleSyntax: true },
      },
    },
    want: undefined,
  },
  {
    name: 'the output folder is an ES module package of its own',
    files: {
      'package.json': { name: 'app', type: 'commonjs' },
      'tsconfig.json': tscInit,
      'src/k8s/package.json': { type: 'module' },
    },
    want: undefined,
  },
  { name: 'no tsconfig.json', files: { 'package.json': { name: 'app', type: 'commonjs' } }, want: undefined },
];

describe('projectProblem', () => {
  // Outside the repository: its own tsconfig.json must not be found above the cases.
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'kubegen-project-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));
  cases.forEach((c, i) => {
    it(c.name, () => {
      const dir = join(work, String(i));
      for (const [path, content] of Object.entries(c.files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
      }
      const problem = projectProblem('src/k8s', dir);
      if (c.want) assert.match(problem ?? '(none)', c.want);
      else assert.equal(problem, undefined);
    });
  });
});
