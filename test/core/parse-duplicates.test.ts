// A key given twice in one object is refused in JSON as in YAML (JSON.parse would keep the last silently), named
// as kube-apiserver's strict field validation names it, at the line, column and JSON pointer of the second one.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CrdError, parseCrdManifest } from '../../core/source/crd/manifests.ts';
import { loadSpecs } from '../../core/source/load.ts';
import { parseText } from '../../core/source/parse/index.ts';
import { SpecError } from '../../core/spec/errors.ts';
import { projectRoot } from '../helpers/shared.ts';

function refusal(file: string, text: string): SpecError {
  try {
    parseText(file, text);
  } catch (err) {
    assert.ok(err instanceof SpecError, String(err));
    return err;
  }
  assert.fail(`${file} was read`);
}

describe('duplicate keys', () => {
  // [name, text, pointer, line:column of the second key, detail]
  const refused: [string, string, string, string, string][] = [
    [
      'x.json',
      '{\n  "type": "object",\n  "type": "string"\n}',
      '/type',
      '3:3',
      'duplicate field "type" (first given at line 2, column 3)',
    ],
    [
      'x.json',
      '{"list": [{"a": 1}, {"a": 1, "b": {}, "a": 2}]}',
      '/list/1/a',
      '1:39',
      'duplicate field "a" (first given at line 1, column 22)',
    ],
    [
      'x.json',
      '{"x/y": {"k~": 1, "k~": 2}}',
      '/x~1y/k~0',
      '1:19',
      'duplicate field "k~" (first given at line 1, column 10)',
    ],
    ['x.json', '{"a": 1, "\\u0061": 2}', '/a', '1:10', 'duplicate field "a" (first given at line 1, column 2)'],
    [
      'x.json',
      '{"__proto__": {}, "__proto__": []}',
      '/__proto__',
      '1:19',
      'duplicate field "__proto__" (first given at line 1, column 2)',
    ],
    ['x.yaml', 'a: 1\nb:\n  c: 1\n  c: 2\n', '/b/c', '4:3', 'duplicate field "c" (first given at line 3, column 3)'],
    ['x.yaml', '1: one\n"1": two\n', '/1', '2:1', 'duplicate field "1" (first given at line 1, column 1)'],
  ];
  for (const [file, text, pointer, at, detail] of refused) {
    it(`${file} ${JSON.stringify(text).slice(0, 50)}: refused at ${pointer}`, () => {
      const err = refusal(file, text);
      assert.deepEqual([err.pointer, `${err.line}:${err.column}`, err.detail], [pointer, at, detail]);
      assert.equal(err.message, `${file}:${at}#${pointer}: ${detail}`);
    });
  }

  // Texts that look like they repeat a key, and do not.
  const read: [string, string, unknown][] = [
    ['an escaped quote and colon inside a string', '{"d": "say \\"a\\": b", "a": 1}', { d: 'say "a": b', a: 1 }],
    ['a string value that starts with a colon', '{"a": ": b", "b": 1}', { a: ': b', b: 1 }],
    ['a key ending in a backslash', '{"a\\\\": 1, "a": 2}', { 'a\\': 1, a: 2 }],
    ['one key in two objects', '{"a": {"k": 1}, "b": {"k": 2}}', { a: { k: 1 }, b: { k: 2 } }],
    ['keys that differ only in case', '{"kind": 1, "Kind": 2}', { kind: 1, Kind: 2 }],
  ];
  for (const [what, text, want] of read) {
    it(`reads ${what}`, () => assert.deepEqual(parseText('x.json', text), want));
  }

  const work = join(projectRoot, 'test', '.work', 'parse-duplicates');
  after(() => rmSync(work, { recursive: true, force: true }));

  it('a JSON spec file names the file', async () => {
    mkdirSync(work, { recursive: true });
    const path = join(work, 'spec.json');
    writeFileSync(path, '{"openapi": "3.0.0", "info": {"title": "t", "version": "v1"}, "paths": {}, "paths": {}}');
    await assert.rejects(loadSpecs([path]), (err: SpecError) => {
      assert.equal(err.message, `${path}:1:76#/paths: duplicate field "paths" (first given at line 1, column 63)`);
      return true;
    });
  });

  it('a JSON CRD manifest names the file and the field', () => {
    const text = '{"kind": "CustomResourceDefinition", "apiVersion": "apiextensions.k8s.io/v1", "kind": "List"}';
    assert.throws(
      () => parseCrdManifest(text, 'crd.json'),
      (err: CrdError) =>
        err instanceof CrdError &&
        err.message === 'crd.json:1:79 at /kind: duplicate field "kind" (first given at line 1, column 2)',
    );
  });
});
