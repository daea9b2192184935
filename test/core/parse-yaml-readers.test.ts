// YAML is read by two readers: js-yaml for plain texts (fast), the checked reader for the rest (problems, aliases
// that add much).
// Both must give the same values, as Kubernetes reads YAML: the YAML 1.2 core schema (timestamps stay strings,
// `yes` is a string), merge keys merged, whatever %YAML directive a document gives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTextDocuments } from '../../core/source/parse/index.ts';
import { parseYamlStream } from '../../core/source/parse/yaml.ts';
import { readPlainYaml } from '../../core/source/parse/yaml-plain.ts';
import { aliasBombYaml, laughsYaml } from '../helpers/hostile-specs.ts';

const limits = { uniqueKeys: true, maxNesting: 128 };

describe('the two YAML readers read alike', () => {
  // [what, text, want, read by the fast reader]
  const table: [string, string, unknown[], boolean][] = [
    ['nothing', '', [], true],
    ['comments alone', '# only\n# comments', [], false],
    ['an empty document', '---\n', [null], false],
    ['documents with an empty one', 'a: 1\n---\n# c\n---\nb: 2\n', [{ a: 1 }, null, { b: 2 }], true],
    ['nulls', 'a: ~\nb:\nc: Null\nd: NULL\ne: nil\n', [{ a: null, b: null, c: null, d: null, e: 'nil' }], true],
    [
      'booleans of YAML 1.2 only',
      'a: true\nb: FALSE\nc: yes\nd: on\ne: Y\n',
      [{ a: true, b: false, c: 'yes', d: 'on', e: 'Y' }],
      true,
    ],
    [
      'integers of the core schema',
      'a: 0o17\nb: 0x1F\nc: -0x1\nd: 1_000\ne: 0b11\nf: +12\ng: 012\nh: 12345678901234567890\n',
      [{ a: 15, b: 31, c: '-0x1', d: '1_000', e: '0b11', f: 12, g: 12, h: 12345678901234567000 }],
      true,
    ],
    [
      'floats of the core schema',
      'a: .inf\nb: -.Inf\nc: 1e3\nd: .5\ne: +.5\nf: 1.\ng: 1_0.5\nh: 6.02E+23\n',
      [{ a: Infinity, b: -Infinity, c: 1000, d: 0.5, e: 0.5, f: 1, g: '1_0.5', h: 6.02e23 }],
      true,
    ],
    [
      'timestamps as written',
      't: 2001-12-14\nu: 2001-12-14t21:59:43.10-05:00\n',
      [{ t: '2001-12-14', u: '2001-12-14t21:59:43.10-05:00' }],
      true,
    ],
    ['a %YAML 1.1 directive', '%YAML 1.1\n---\na: yes\nb: 0777\n', [{ a: 'yes', b: 777 }], true],
    ['tags of the core schema', 'a: !!str 12\nb: !!int "7"\nc: !!float 1.5\n', [{ a: '12', b: 7, c: 1.5 }], true],
    ['a tag of no schema', 'a: !thing x\n', [{ a: 'x' }], false],
    [
      'keys that are not strings',
      '1: a\n2.5: b\ntrue: c\n0x10: d\n',
      [{ '1': 'a', '2.5': 'b', true: 'c', '16': 'd' }],
      true,
    ],
    ['a null key', '~: x\n', [{ '': 'x' }], false],
    ['a merge key', 'm: {<<: {k: 1, j: 0}, k: 2}\n', [{ m: { k: 2, j: 0 } }], true],
    ['a quoted merge key', '"<<": 1\n', [{ '<<': 1 }], true],
    ['a merge key as a value', 'a: <<\n', [{ a: '<<' }], true],
    ['aliases', 'a: &x {k: 1}\nb: *x\nc: {<<: *x, j: 2}\n', [{ a: { k: 1 }, b: { k: 1 }, c: { k: 1, j: 2 } }], true],
    ['an alias of a scalar', 'a: &s text\nb: [*s, *s]\n', [{ a: 'text', b: ['text', 'text'] }], true],
    ['an anchor on a list item', 'a: [&i {n: 1}, *i]\n', [{ a: [{ n: 1 }, { n: 1 }] }], true],
    ['an anchor no alias repeats', 'a: &i {n: 1}\nb: 2\n', [{ a: { n: 1 }, b: 2 }], true],
    ['ampersands that are no anchor', "a: x && y\nb: '&z'\nc: |\n  &w\n", [{ a: 'x && y', b: '&z', c: '&w\n' }], true],
    ['an own __proto__ field', '__proto__: {x: 1}\n', [JSON.parse('{"__proto__": {"x": 1}}')], true],
    ['block scalars', 'a: |\n  x\n  y\n\nb: >-\n  folded\n  text\n', [{ a: 'x\ny\n', b: 'folded text' }], true],
    ['escapes', "a: \"\\u00e9\\x41\\t\"\nb: 'it''s'\n", [{ a: 'éA\t', b: "it's" }], true],
    ['CRLF line ends', 'x: 1\r\ny: [a, {b: c}]\r\n', [{ x: 1, y: ['a', { b: 'c' }] }], true],
  ];
  for (const [what, text, want, fast] of table) {
    it(what, () => {
      assert.deepEqual(parseYamlStream('x.yaml', text, limits), want);
      assert.deepEqual(parseTextDocuments('x.yaml', text), want);
      const plain = readPlainYaml(text, limits);
      assert.equal(plain !== undefined, fast, fast ? 'read by js-yaml' : 'left to the checked reader');
      if (plain) assert.deepEqual(plain, want);
    });
  }

  it('a key given twice is taken last when keys may repeat, by both', () => {
    const loose = { uniqueKeys: false, maxNesting: 128 };
    const text = 'a: 1\nb: 0\na: 2\n';
    assert.deepEqual(readPlainYaml(text, loose), [{ a: 2, b: 0 }]);
    assert.deepEqual(parseYamlStream('x.yaml', text, loose), [{ a: 2, b: 0 }]);
    assert.equal(readPlainYaml(text, limits), undefined);
  });

  it('what nests to the limit or deeper is left to the checked reader', () => {
    const text = `a: ${'['.repeat(127)}1${']'.repeat(127)}\n`;
    assert.equal(readPlainYaml(text, limits), undefined);
    assert.deepEqual(parseTextDocuments('x.yaml', text), readPlainYaml(text, { uniqueKeys: true, maxNesting: 129 }));
    const empty = `a: ${'['.repeat(128)}${']'.repeat(128)}\n`;
    assert.equal(readPlainYaml(empty, limits), undefined);
    assert.throws(() => parseTextDocuments('x.yaml', empty), /nested deeper than 128 levels$/);
  });

  it('aliases that add much, nest too deep or contain themselves are left to the checked reader, which places them', () => {
    assert.equal(readPlainYaml(laughsYaml(9), limits), undefined);
    assert.throws(() => parseTextDocuments('x.yaml', laughsYaml(9)), /x\.yaml:\d+:\d+.*an alias bomb/);
    assert.equal(readPlainYaml(aliasBombYaml(), limits), undefined);
    assert.throws(() => parseTextDocuments('x.yaml', aliasBombYaml()), /x\.yaml:\d+:\d+.*an alias bomb/);
    // A long scalar repeated: js-yaml shares the string, so only its count tells what it adds.
    const long = `a: &s ${'x'.repeat(100_000)}\nb: [${Array(90).fill('*s').join(', ')}]\n`;
    assert.equal(readPlainYaml(long, limits), undefined);
    assert.throws(() => parseTextDocuments('x.yaml', long), /x\.yaml:\d+:\d+.*an alias bomb/);
    assert.equal(readPlainYaml('a: &x [1, *x]\n', limits), undefined);
    assert.throws(() => parseTextDocuments('x.yaml', 'a: &x [1, *x]\n'), /x\.yaml:\d+:\d+/);
    // Each list holds an alias of the one before: two levels written, 130 once expanded.
    const chain = Array.from({ length: 130 }, (_, i) => `l${i}: &l${i} [${i ? `*l${i - 1}` : '0'}]`).join('\n');
    assert.equal(readPlainYaml(chain, limits), undefined);
    assert.throws(() => parseTextDocuments('x.yaml', chain), /x\.yaml:\d+:\d+.*nests deeper than 128 levels/);
    const short = Array.from({ length: 20 }, (_, i) => `l${i}: &l${i} [${i ? `*l${i - 1}` : '0'}]`).join('\n');
    assert.deepEqual(readPlainYaml(short, limits), parseYamlStream('x.yaml', short, limits));
  });

  it('a syntax error is left to the checked reader, which places it', () => {
    assert.equal(readPlainYaml('a: [1\n', limits), undefined);
    assert.throws(() => parseTextDocuments('x.yaml', 'a: [1\n'), /^Error|x\.yaml:\d+:\d+: invalid YAML: /);
  });
});
