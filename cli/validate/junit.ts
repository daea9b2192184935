// JUnit XML for CI test views: a test suite per file, a test case per object, a <failure> per invalid object (its
// errors one per line) and an <error> for a document that could not be checked at all (syntax, unknown kind).
import type { Writable } from 'node:stream';
import { type ObjectReport, objectName } from './check.js';
import { errorText, type Reporter } from './reporter.js';

const unchecked = new Set(['SyntaxError', 'UnknownKind', 'MissingKind', 'NotAnObject']);

interface Suite {
  name: string;
  cases: string[];
  failures: number;
  errors: number;
}

export function junitReporter(out: Writable): Reporter {
  const suites: Suite[] = [];
  return {
    object(r) {
      let suite = suites.at(-1);
      if (suite?.name !== r.file) suites.push((suite = { name: r.file, cases: [], failures: 0, errors: 0 }));
      suite.cases.push(testCase(r));
      if (r.errors.some((e) => unchecked.has(e.reason))) suite.errors++;
      else if (r.errors.length) suite.failures++;
    },
    end() {
      const total = (key: 'failures' | 'errors') => suites.reduce((n, s) => n + s[key], 0);
      const tests = suites.reduce((n, s) => n + s.cases.length, 0);
      const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="kubegen validate" tests="${tests}" failures="${total('failures')}" errors="${total('errors')}">`,
        ...suites.flatMap((s) => [
          `  <testsuite name="${attr(s.name)}" tests="${s.cases.length}" failures="${s.failures}" errors="${s.errors}">`,
          ...s.cases,
          '  </testsuite>',
        ]),
        '</testsuites>',
      ];
      out.write(`${lines.join('\n')}\n`);
    },
  };
}

function testCase(r: ObjectReport): string {
  const where = `document ${r.document}${r.item !== undefined ? `, item ${r.item}` : ''}`;
  const name = `${objectName(r) || 'object'} (${where})`;
  const open = `    <testcase classname="${attr(r.file)}" name="${attr(name)}"`;
  if (r.errors.length === 0) return `${open}/>`;
  const tag = r.errors.some((e) => unchecked.has(e.reason)) ? 'error' : 'failure';
  const lines = r.errors.map((e) => `${r.file}:${e.line}:${e.column}: ${errorText(e)}`);
  const first = r.errors[0]!;
  return [
    `${open}>`,
    `      <${tag} type="${attr(first.reason)}" message="${attr(errorText(first))}">${xml(lines.join('\n'))}</${tag}>`,
    '    </testcase>',
  ].join('\n');
}

/** Text as XML character data; characters XML 1.0 cannot hold become U+FFFD. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Text as an attribute value: line breaks kept as references (a parser would fold them into spaces). */
function attr(text: string): string {
  return xml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
