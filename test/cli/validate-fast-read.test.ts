// The fast reading of manifests (plain.ts, js-yaml) against the reader that keeps the syntax tree (documents.ts):
// wherever the fast one reads a file, both give the same objects — values, documents, List items, positions — and
// the same reports; what it cannot read as YAML 1.1 the same way it leaves. A valid file never loads `yaml`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Validator } from '@kubegen/validation/core';
import { checkObject } from '../../cli/validate/check.ts';
import { parseManifest } from '../../cli/validate/documents.ts';
import { readPlainManifest } from '../../cli/validate/plain.ts';
import { readPlain } from '../../cli/validate/run.ts';
import { loadValidator } from '../../cli/validate/schemas.ts';
import { projectRoot } from '../helpers/shared.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'validate');
const inputs = { spec: [join(projectRoot, 'examples', 'widgets-api.yaml')], crd: [join(fixtures, 'rockets-crd.yaml')] };

// Plain scalars YAML 1.1 reads its own way, and their neighbours that stay text.
const scalars = [
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'N', 'no', 'NO', 'on', 'On', 'ON', 'oN', 'off', 'Off', 'OFF'],
  ...['true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE', '~', 'null', 'Null', 'NULL', 'nUll', '""', "''"],
  ...['0', '-0', '+0', '00', '0_', '07', '08', '0755', '-0755', '+0_7', '0o17', '0b101', '-0b1_1', '0b', '0b2'],
  ...['12', '-12', '+12', '1_000', '1__0', '_1', '1_', '0x1F', '-0x1f', '0x_A', '0x', '0xG', '123456789012345678901'],
  ...['1.5', '-1.5', '+.5', '.5', '5.', '.', '-.', '1_0.5_0', '1.0', '1e3', '1E-3', '-1e+3', '.5e3', '1.e3', 'e3'],
  ...['1e', '1.5.5', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'inf', 'nan', '-.nan', '1:30', '-1:30:00.5'],
  ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '12:60', '<<', '=', '64Mi', '1Gi'],
  ...['"yes"', "'0755'", '"1:30"', '"\\u00e9\\t"', "'it''s'", 'a b', '-', '--', 'a: b', '!!str 1', '!!int 1'],
  ...[
    '!!bool yes',
    '!!float 1',
    '! 1',
    '!foo x',
    '&a 1',
    '*a',
    '[a, yes, 1]',
    '{a: 1, yes: no}',
    '|\n    x\n',
    '>-\n    x',
  ],
];

const widget = (s: string) =>
  `apiVersion: example.kubegen.dev/v1\nkind: Widget\nmetadata:\n  name: w\n  labels:\n    k: ${s}\nspec:\n  replicas: ${s}\n  size: ${s}\n  port: [${s}]\n`;
const configMap = (s: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  ${s}: v\n  x: {${s}: v}\n`;

// Whole files: streams, empty documents, comments, Lists, BOM, flow and block styles, keys written twice.
const files: [string, string][] = [
  ['stream.yaml', `# head\n---\n${widget('1')}--- # c\n\n# c\n${configMap('a')}...\n---\n${widget('0x1')}`],
  ['empty-documents.yaml', `---\n${widget('1')}---\n\n---\n# only a comment\n---\n${configMap('a')}---\n`],
  ['leading.yaml', `---\n${widget('2')}`],
  ['bom.yaml', `\ufeff${configMap('b')}`],
  ['indented.yaml', `\n\n   # c\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n`],
  ['flow.yaml', '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: "1"}}\n'],
  [
    'list.yaml',
    `apiVersion: v1\nkind: List\nitems:\n- ${widget('3').replaceAll('\n', '\n  ')}\n-   # c\n    ${configMap('z').replaceAll('\n', '\n    ')}\n`,
  ],
  ['crlf.yaml', `${widget('yes').replaceAll('\n', '\r\n')}---\r\n${configMap('on')}`],
  [
    'next-line-items.yaml',
    'kind: List\napiVersion: v1\nitems:\n-\n  kind: ConfigMap\n  apiVersion: v1\n- # c\n\n  kind: x\n',
  ],
  [
    'indented-items.yaml',
    'kind: List\napiVersion: v1\nitems:\n  -   kind: ConfigMap\n      apiVersion: v1\n  - {kind: x,\n     a: 1}\n',
  ],
  ['flow-root.yaml', '# c\n\n  {apiVersion: v1,\n kind: ConfigMap, metadata: {name: "c"}}\n'],
  ['flow-list.yaml', 'kind: ConfigMapList\napiVersion: v1\nitems: [{apiVersion: v1, kind: ConfigMap}, {kind: x}]\n'],
  ['empty-item.yaml', 'kind: List\napiVersion: v1\nitems:\n- \n- {kind: x}\n'],
  ['scalar.yaml', '---\n42\n---\nnull\n---\n[a]\n'],
  ['twice.yaml', `${configMap('a')}  a: w\n`],
  ['twice-nested.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, name: d}\n'],
  ['anchor.yaml', `${configMap('a')}  b: &x 1\n  c: *x\n`],
  ['merge.yaml', `${configMap('a')}  <<: {m: "1"}\n`],
  ['directive.yaml', `%YAML 1.2\n---\n${configMap('yes')}`],
  ['syntax.yaml', `${configMap('a')}  b: [\n`],
  ['tab.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n\ta: b\n'],
  ['long-key.yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n  ${'k'.repeat(1100)}: v\n`],
  ['multiline.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: one\n    two\n\n    three\n  b: "x\n    y"\n'],
  ['proto.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  __proto__: x\n  constructor: y\n'],
  ['empty.yaml', ''],
  [
    'one.json',
    `\n ${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } })}\n`,
  ],
  [
    'stream.json',
    '{"apiVersion": "v1", "kind": "ConfigMap"}\n\n  {"kind": "Widget", "spec": {"replicas": "x"}}{"a":[1]}',
  ],
  ['numbers.json', '{"kind": "ConfigMap", "n": [-0, 0.0, 1e400, 1E-7, 12345678901234567, 1.5e3, -12]}'],
  ['small-numbers.json', '{"kind": "ConfigMap", "n": [-0, 0.0, 1e400, 1E-7, 1.5e3, -12, 123456789012345, 0.1]}'],
  ['strings.json', '{"kind": "ConfigMap", "s": ["\\u00e9\\/\\"", "a\\tb", "yes", "1:30", "<<", "\\ud83d\\ude00"]}'],
  ['proto.json', '{"kind": "ConfigMap", "__proto__": {"x": 1}, "constructor": 2}'],
  ['twice.json', '{"kind": "ConfigMap", "data": {"a": "1", "a": "2"}}'],
  ['list.json', '{"kind": "List", "apiVersion": "v1", "items": [{"kind": "ConfigMap"}]}'],
  ['deep.json', `{"kind": "ConfigMap", "x": ${'['.repeat(200)}${']'.repeat(200)}}`],
  ['array.json', '[{"kind": "ConfigMap"}]'],
  ['broken.json', '{"kind": "ConfigMap",}'],
  ['long-key.json', `{"kind": "ConfigMap", "data": {"${'k'.repeat(1100)}": "${'v'.repeat(1100)}"}, "b": {"c": 1}}`],
  ['unnamed.txt', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}'],
  ['comments.yaml', '# nothing\n# at all\n'],
];

/** Both readers on one text; the fast one either leaves it or agrees field by field, report by report. */
async function agree(validator: Validator, name: string, text: string): Promise<boolean> {
  const fast = await readPlain(name, text);
  if (!fast) return false;
  const slow = parseManifest(name, text);
  const plain = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'function'));
  assert.deepEqual(fast.map(plain), slow.map(plain), `${name}: ${JSON.stringify(text)}`);
  for (let i = 0; i < fast.length; i++) {
    const want = slow[i]!;
    assert.ok(want.ok);
    assert.deepEqual(await checkObject(validator, name, fast[i]!), await checkObject(validator, name, want), name);
  }
  return true;
}

describe('the fast reading of manifests', () => {
  let validator: Validator;
  before(async () => {
    validator = await loadValidator(inputs, false);
  });

  it('reads YAML 1.1 scalars as the checked reader does, or leaves them to it', async () => {
    const left: string[] = [];
    for (const s of scalars)
      for (const [kind, text] of [
        ['widget', widget(s)],
        ['configmap', configMap(s)],
      ] as const)
        if (!(await agree(validator, `${kind}.yaml`, text))) left.push(`${kind} ${s}`);
    // What must stay with the checked reader, and nothing more of the common cases.
    for (const s of ['1:30', '<<', '!!str 1', '!!int 1', '&a 1', '*a', '!foo x'])
      assert.ok(left.includes(`widget ${s}`), s);
    for (const s of ['yes', '0755', '1_000', '.inf', '2001-12-14', '"1:30"', '64Mi', '{a: 1, yes: no}'])
      assert.ok(!left.includes(`widget ${s}`), s);
  });

  it('keeps documents, List items, positions and skipped documents as the checked reader does', async () => {
    const read: string[] = [];
    for (const [name, text] of files) if (await agree(validator, name, text)) read.push(name);
    const fast = ['stream.yaml', 'leading.yaml', 'bom.yaml', 'indented.yaml', 'flow.yaml', 'list.yaml', 'crlf.yaml'];
    fast.push('next-line-items.yaml', 'indented-items.yaml', 'flow-root.yaml', 'flow-list.yaml', 'multiline.yaml');
    fast.push(
      'one.json',
      'stream.json',
      'small-numbers.json',
      'strings.json',
      'proto.json',
      'unnamed.txt',
      'long-key.json',
    );
    for (const name of fast) assert.ok(read.includes(name), name);
    for (const name of [
      'twice.yaml',
      'twice-nested.yaml',
      'anchor.yaml',
      'merge.yaml',
      'directive.yaml',
      'syntax.yaml',
    ])
      assert.ok(!read.includes(name), name);
  });

  it('agrees over random manifests (seeded)', async () => {
    let seed = 16;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const pieces = [...scalars.filter((s) => !s.includes('\n')), 'a', 'b c', '"q"', "'r'", '#', ' # c', '-', ':', ','];
    const common = ['a', 'web', '1', '0.5', 'yes', 'off', '"q"', "'r'", '64Mi', 'x y', '~', '07', '1_0', '0x1f', '.5'];
    const word = () => (random() < 0.25 ? pick(pieces) : pick(common));
    const scalar = () => Array.from({ length: 1 + Math.floor(random() * 2) }, word).join(pick(['', ' ']));
    const value = (indent: string, depth: number): string => {
      const r = random();
      if (depth > 2 || r < 0.4) return ` ${scalar()}`;
      if (r < 0.55) return ` [${scalar()}, ${scalar()}]`;
      if (r < 0.7) return ` {${pick(['a', 'b', scalar()])}: ${scalar()}}`;
      const inner = `${indent}  `;
      const seq = random() < 0.3;
      const entries = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) =>
        seq
          ? `\n${inner}-${value(`${inner}  `, depth + 1)}`
          : `\n${inner}${random() < 0.8 ? `k${i}` : scalar()}:${value(inner, depth + 1)}`,
      );
      return entries.join('');
    };
    let read = 0;
    let json = 0;
    const count = 300;
    for (let n = 0; n < count; n++) {
      const docs = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const body = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${n}\ndata:${value('', 0)}\nx:${value('', 0)}\n`;
        return random() < 0.05 ? '' : body;
      });
      const text = docs.join(pick(['---\n', '--- # c\n', '...\n---\n']));
      if (!(await agree(validator, 'random.yaml', text))) continue;
      read++;
      // The same values written as a JSON stream.
      const values = readPlainManifest('random.yaml', text)!.map((o) => JSON.stringify(o.value, null, pick([0, 2])));
      if (await agree(validator, 'random.json', values.join(pick(['\n', '', ' \n '])))) json++;
    }
    assert.ok(read > count / 3, `only ${read} of ${count} read fast`);
    assert.ok(json > read / 2, `only ${json} of ${read} read fast as JSON`);
  });

  it('validating a valid file does not load the yaml library', () => {
    // The hook fails any import of `yaml`; the cached schemas are left out, the inputs read from JSON and YAML.
    const hook = `data:text/javascript,${encodeURIComponent(
      'export async function resolve(s, c, n) { if (s === "yaml") throw new Error("yaml loaded by " + c.parentURL); return n(s, c); }',
    )}`;
    const script = [
      `import { register } from 'node:module';`,
      `register(${JSON.stringify(hook)});`,
      `const { readPlainManifest } = await import('./cli/validate/plain.ts');`,
      `const [o] = readPlainManifest('m.yaml', 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: c}\\ndata: {a: yes}\\n');`,
      `const { checkObject } = await import('./cli/validate/check.ts');`,
      `const v = { entry: () => ({ namespaced: true }), validate: () => ({ errors: [] }) };`,
      `const r = await checkObject(v, 'm.yaml', o);`,
      `process.stdout.write(JSON.stringify([o.value.data, r.errors]));`,
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    assert.equal(r.stderr.replace(/^\(node:\d+\) .*\n|^\(Use .*\n/gm, ''), '');
    assert.equal(r.stdout, '[{"a":true},[]]');
  });
});
