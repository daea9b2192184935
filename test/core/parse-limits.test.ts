// Inputs crafted to exhaust the reader and the model builder (alias bombs, deep nesting) end at once with one
// located error, whichever input carries them (spec file, CRD manifest, in-memory document), within 10 s each and
// well under 1 GB for the whole file.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { buildModel } from '../../core/model/build.ts';
import { CrdError, parseCrdManifest } from '../../core/source/crd/manifests.ts';
import { loadSpecs } from '../../core/source/load.ts';
import { parseText } from '../../core/source/parse/index.ts';
import { SpecError } from '../../core/spec/errors.ts';
import {
  aliasBombYaml,
  crdAliasBombYaml,
  crdYaml,
  deepSchema,
  laughsYaml,
  specWith,
} from '../helpers/hostile-specs.ts';
import { projectRoot } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', 'parse-limits');
const widget = '/components/schemas/dev.kubegen.hostile.v1.Widget/properties/spec';

function file(name: string, text: string): string {
  mkdirSync(work, { recursive: true });
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `run`, which must fail, within 10 s; returns what it threw. */
async function failsWithin10s(run: () => unknown): Promise<unknown> {
  const start = performance.now();
  try {
    await run();
  } catch (err) {
    const ms = performance.now() - start;
    assert.ok(ms < 10_000, `took ${Math.round(ms)} ms`);
    return err;
  }
  assert.fail('expected an error');
}

/** 1-based column of the object or array that opens nesting level `level` (the texts here are one line). */
function columnOfLevel(text: string, level: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '[') depth++;
    else if (text[i] === '}' || text[i] === ']') depth--;
    if (depth === level) return i + 1;
  }
  return -1;
}

async function specError(run: () => unknown): Promise<SpecError> {
  const err = await failsWithin10s(run);
  assert.ok(err instanceof SpecError, `expected a SpecError, got ${String(err)}`);
  return err;
}

describe('YAML aliases: what they add once expanded is bounded', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it('a 120 KB spec of 2,000 aliases to one schema is refused at the alias that crosses the bound', async () => {
    const text = aliasBombYaml(1_000, 2_000);
    assert.ok(text.length < 200_000, `${text.length} bytes`);
    const path = file('bomb.yaml', text);
    const err = await specError(() => loadSpecs([path]));
    assert.equal(err.file, path);
    assert.match(err.pointer, /^\/components\/schemas\/dev\.kubegen\.hostile\.v1\.Big\d+$/);
    assert.ok(err.line && err.line > 1000 && err.column, `at ${err.line}:${err.column}`);
    assert.match(err.detail, /^alias \*big takes the document past what aliases may add once expanded \(2 MiB\)/);
    assert.equal(err.message.split('\n').length, 1);
  });

  it('nested aliases ("billion laughs") are refused the same way, however few they are', async () => {
    const err = await specError(() => parseText('laughs.yaml', laughsYaml(9)));
    assert.match(err.message, /^laughs\.yaml:\d+:\d+#\/x-laughs\/l\d\/\d: alias \*l\d takes the document past/);
  });

  it('a CRD manifest gets the same bound, named by file and document', async () => {
    const err = await failsWithin10s(() => parseCrdManifest(crdAliasBombYaml(), 'bomb-crd.yaml'));
    assert.ok(err instanceof CrdError, String(err));
    assert.match(
      err.message,
      /^bomb-crd\.yaml:13:\d+ at \/spec\/versions\/0\/schema\/openAPIV3Schema\/properties\/r\d+: alias \*big takes the document past /,
    );
  });

  it('merge keys of YAML 1.1 merge as the yaml library merges them', () => {
    const text = [
      '%YAML 1.1',
      '---',
      'b: &b {x: 1, z: 2}',
      'c: &c {x: 5, w: 6}',
      'one: {<<: *b, z: 3}',
      'list: {w: 0, <<: [*b, *c]}',
      'inline: {<<: {k: 1}, k2: 2}',
      '',
    ].join('\n');
    const want = parseDocument(text).toJS();
    assert.deepEqual(parseText('m.yaml', text), want);
    assert.deepEqual(want.list, { w: 0, x: 1, z: 2 });
  });

  it('aliases that repeat a little are read as before, as the very objects they repeat', () => {
    const doc = parseText('ok.yaml', 'a: &gvk {group: g, version: v1}\nb: [*gvk, *gvk]\n') as {
      a: object;
      b: object[];
    };
    assert.deepEqual(doc, { a: { group: 'g', version: 'v1' }, b: [doc.a, doc.a] });
    assert.equal(doc.b[0], doc.a);
  });

  const refused: [string, string, RegExp][] = [
    [
      'an alias inside the value it repeats',
      'a: &x [1, *x]\n',
      /^x\.yaml:1:11#\/a\/1: alias \*x is inside the value it repeats$/,
    ],
    [
      'an alias with no anchor before it',
      'a: *x\nb: &x 1\n',
      /^x\.yaml:1:4#\/a: alias \*x has no anchor &x before it$/,
    ],
    [
      'an alias that nests its value too deep',
      `deep: &d ${'['.repeat(100)}${']'.repeat(100)}\nagain: ${'['.repeat(40)}*d${']'.repeat(40)}\n`,
      /^x\.yaml:2:48#\/again(\/0){40}: alias \*d nests deeper than 128 levels$/,
    ],
    [
      'a merge key of YAML 1.1 naming a list',
      '%YAML 1.1\n---\nm: {<<: [1]}\n',
      /^x\.yaml:3:9#\/m\/<<: a merge key \(<<\) takes a mapping, an alias of one, or a list of aliases of mappings$/,
    ],
    [
      'merge keys that repeat a mapping past the bound',
      `%YAML 1.1\n---\nbig: &big {${Array.from({ length: 1000 }, (_, i) => `f${i}: text`).join(', ')}}\n${Array.from({ length: 500 }, (_, i) => `m${i}: {<<: *big}`).join('\n')}\n`,
      /^x\.yaml:\d+:\d+#\/m\d+\/<<: alias \*big takes the document past/,
    ],
  ];
  for (const [what, text, want] of refused) {
    it(`refuses ${what}`, async () => {
      const err = await specError(() => parseText('x.yaml', text));
      assert.match(err.message, want);
    });
  }
});

describe('nesting is bounded at 128 levels, with the file and the JSON pointer', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it('a JSON spec with a schema nested 400 levels deep', async () => {
    const text = JSON.stringify(specWith(deepSchema(400)));
    const path = file('deep.json', text);
    const err = await specError(() => loadSpecs([path]));
    assert.equal(err.file, path);
    assert.ok(err.pointer.startsWith(`${widget}/properties/next/properties/next/`), err.pointer);
    assert.equal(err.pointer.split('/').length - 1, 128);
    assert.deepEqual([err.line, err.column], [1, columnOfLevel(text, 129)]);
    assert.equal(err.detail, 'nested deeper than 128 levels');
  });

  it('a YAML spec nested 150 levels deep in block style', async () => {
    const path = file('deep.yaml', stringify(specWith(deepSchema(75))));
    const err = await specError(() => loadSpecs([path]));
    assert.ok(err.pointer.startsWith(`${widget}/properties/next/`), err.pointer);
    assert.ok(err.line && err.line > 100 && err.column && err.column > 200, `at ${err.line}:${err.column}`);
    assert.equal(err.detail, 'nested deeper than 128 levels');
  });

  it('a YAML spec nested 400 levels deep in flow style', async () => {
    const text = JSON.stringify(specWith(deepSchema(400)));
    const err = await specError(() => loadSpecs([file('deep-flow.yaml', text)]));
    assert.ok(err.pointer.startsWith(`${widget}/properties/next/`), err.pointer);
    assert.deepEqual([err.line, err.column], [1, columnOfLevel(text, 129)]);
  });

  it('a YAML spec nested 5,000 levels deep, past where the YAML parser itself gives up', async () => {
    const err = await specError(() => parseText('deep.yaml', `a: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`));
    assert.match(err.message, /^deep\.yaml:1:\d+: invalid YAML: nested deeper than 128 levels$/);
  });

  it('a CRD manifest with a schema nested 400 levels deep', async () => {
    const err = await failsWithin10s(() => parseCrdManifest(crdYaml(JSON.stringify(deepSchema(400))), 'deep-crd.yaml'));
    assert.ok(err instanceof CrdError, String(err));
    assert.match(
      err.message,
      /^deep-crd\.yaml:13:\d+ at \/spec\/versions\/0\/schema\/openAPIV3Schema(\/properties\/next)+/,
    );
  });

  it('a document built in memory (a cluster answer) nested 400 levels deep', async () => {
    const err = await specError(() =>
      buildModel([{ file: 'cluster#openapi/v3/apis/x/v1', doc: specWith(deepSchema(400)) }]),
    );
    assert.equal(err.file, 'cluster#openapi/v3/apis/x/v1');
    assert.ok(err.pointer.startsWith(`${widget}/properties/next/`), err.pointer);
    assert.equal(err.detail, 'nested deeper than 128 levels');
  });

  it('an array nested 100,000 levels deep in an extension', async () => {
    const text = JSON.stringify(specWith({ type: 'string' })).replace(
      '{"openapi":"3.0.0"',
      `{"x-deep":${'['.repeat(100_000)}${']'.repeat(100_000)},"openapi":"3.0.0"`,
    );
    const err = await specError(() => parseText('deep-array.json', text));
    assert.equal(err.pointer, `/x-deep${'/0'.repeat(127)}`);
    assert.deepEqual([err.line, err.column], [1, columnOfLevel(text, 129)]);
  });

  it('what real documents nest (38 levels at most) is read', () => {
    assert.doesNotThrow(() => parseText('ok.json', JSON.stringify(specWith(deepSchema(60)))));
    assert.doesNotThrow(() => buildModel([{ file: 'ok.json', doc: specWith(deepSchema(60)) }]));
  });

  it('all of the above stayed well under 1 GB', () => {
    const peak = process.resourceUsage().maxRSS * 1024;
    assert.ok(peak < 1024 ** 3, `peak RSS ${Math.round(peak / 1024 ** 2)} MiB`);
  });
});
