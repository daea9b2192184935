// `kubegen validate` in-process over the project's own fixtures: exit codes, text lines with line and column,
// the JSON shape of docs/validate.md, well-formed JUnit, folders, Lists, JSON streams, stdin and the schema cache.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { releaseFiles, startReleaseMirror } from '../helpers/release-mirror.ts';
import type { ValidateFlags } from '../../cli/validate/run.ts';
import { projectRoot } from '../helpers/shared.ts';
import { type JsonReport, runValidateCli, type ValidateRun } from '../helpers/validate-cli.ts';
import { parseXml, type XmlElement } from '../helpers/xml.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'validate');
const manifests = join(fixtures, 'manifests');
const spec = join(projectRoot, 'examples', 'widgets-api.yaml');
const crds = [join(fixtures, 'rockets-crd.yaml'), join(projectRoot, 'test', 'fixtures', 'server', 'gadget-crd.yaml')];
const rel = (p: string) => (p.startsWith(projectRoot) ? p.slice(projectRoot.length + 1) : p);

async function validate(
  filename: string[],
  flags: Partial<ValidateFlags> = {},
  stdin = '',
  cache: string | false = false,
): Promise<ValidateRun> {
  return runValidateCli({ spec: [spec], crd: crds, ...flags, filename: filename.map(rel) }, { stdin, cache });
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('kubegen validate', () => {
  before(() => process.chdir(projectRoot));

  it('exits 0 on valid objects and prints only the summary, on stderr', async () => {
    const r = await validate([join(manifests, 'valid.yaml')]);
    assert.deepEqual(r, { code: 0, out: '', err: 'kubegen: 5 objects in 1 file, all valid\n' });
  });

  it('exits 1 and prints each error at the line and column of its field', async () => {
    const r = await validate([join(manifests, 'invalid.yml')]);
    assert.equal(r.code, 1);
    const file = 'test/fixtures/validate/manifests/invalid.yml';
    const name = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
    assert.deepEqual(lines(r.out), [
      `${file}:6:9: Widget.example.kubegen.dev "sprocket": spec.size: Unsupported value: "huge": supported values: "small", "medium", "large"`,
      `${file}:8:3: Widget.example.kubegen.dev "sprocket": unknown field "spec.colour"`,
      `${file}:9:3: Widget.example.kubegen.dev "sprocket": duplicate field "spec.replicas"`,
      `${file}:20:14: Rocket.example.com "vostok": spec.maxThrust: Invalid value: "object": maxThrust 20 is below minThrust`,
      `${file}:18:16: Rocket.example.com "vostok": spec.restartable: Forbidden: solid fuel cannot restart`,
      `${file}:22:7: Rocket.example.com "vostok": spec.payloads[0]: Invalid value: "object": a payload has mass`,
      `${file}:28:9: Gadget.example.com "Bad_Name": metadata.name: Invalid value: "Bad_Name": ${name}`,
      `${file}:29:1: Gadget.example.com "Bad_Name": spec.size: Required value`,
      `${file}:30:9: Gadget.example.com "Bad_Name": spec.name: Too long: may not be more than 8 bytes`,
      `${file}:31:13: Gadget.example.com "Bad_Name": spec.tags[1]: Duplicate value: "a"`,
      `${file}:33:1: Gizmo.example.com "unknown": no matches for kind "Gizmo" in version "example.com/v1"`,
    ]);
    assert.equal(r.err, 'kubegen: 4 objects in 1 file: 4 invalid (11 errors)\n');
  });

  it('searches folders recursively for .yaml, .yml and .json, in sorted order, and opens Lists and JSON streams', async () => {
    const r = await validate([manifests], { output: 'json' });
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out) as JsonReport;
    const dir = 'test/fixtures/validate/manifests';
    assert.deepEqual(
      [...new Set(report.objects.map((o) => o.file))],
      [`${dir}/invalid.yml`, `${dir}/lists/list.json`, `${dir}/lists/stream.json`, `${dir}/valid.yaml`],
    );
    const list = report.objects.filter((o) => o.file.endsWith('list.json'));
    assert.deepEqual(
      list.map((o) => [o.document, o.item, o.line, o.column, o.name, o.valid]),
      [
        [1, 0, 5, 5, 'a', true],
        [1, 1, 11, 5, 'b', false],
      ],
    );
    assert.deepEqual(list[1]!.errors, [
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.replicas',
        message: 'Invalid value: "number": spec.replicas in body must be of type integer: "number"',
        line: 15,
        column: 46,
      },
    ]);
    const stream = report.objects.filter((o) => o.file.endsWith('stream.json'));
    assert.deepEqual(
      stream.map((o) => [o.document, o.line, o.column, o.errors.map((e) => [e.field, e.line, e.column])]),
      [
        [1, 1, 1, []],
        [2, 2, 1, [['data.a', 3, 14]]],
      ],
    );
    assert.deepEqual(report.summary, { files: 4, objects: 13, invalid: 6, errors: 13, valid: 7 });
  });

  it('writes the JSON shape docs/validate.md describes', async () => {
    const r = await validate([join(manifests, 'invalid.yml')], { output: 'json' });
    const report = JSON.parse(r.out) as JsonReport;
    assert.deepEqual(Object.keys(report), ['objects', 'summary']);
    assert.deepEqual(report.objects[0], {
      file: 'test/fixtures/validate/manifests/invalid.yml',
      document: 1,
      line: 1,
      column: 1,
      apiVersion: 'example.kubegen.dev/v1',
      kind: 'Widget',
      name: 'sprocket',
      valid: false,
      errors: [
        {
          reason: 'FieldValueNotSupported',
          field: 'spec.size',
          message: 'Unsupported value: "huge": supported values: "small", "medium", "large"',
          line: 6,
          column: 9,
        },
        {
          reason: 'FieldValueUnknown',
          field: 'spec.colour',
          message: 'unknown field "spec.colour"',
          line: 8,
          column: 3,
        },
        {
          reason: 'FieldValueDuplicateField',
          field: 'spec.replicas',
          message: 'duplicate field "spec.replicas"',
          line: 9,
          column: 3,
        },
      ],
    });
    assert.deepEqual(
      report.objects[3]!.errors.map((e) => e.reason),
      ['UnknownKind'],
    );
  });

  it('writes well-formed JUnit: a suite per file, a case per object, failures and errors counted', async () => {
    const r = await validate([manifests, join(fixtures, 'broken')], { output: 'junit' });
    assert.equal(r.code, 1);
    const root = parseXml(r.out);
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(root.attributes, { name: 'kubegen validate', tests: '15', failures: '5', errors: '2' });
    const suites = root.children;
    assert.deepEqual(
      suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.errors]),
      [
        ['test/fixtures/validate/manifests/invalid.yml', '4', '3', '1'],
        ['test/fixtures/validate/manifests/lists/list.json', '2', '1', '0'],
        ['test/fixtures/validate/manifests/lists/stream.json', '2', '1', '0'],
        ['test/fixtures/validate/manifests/valid.yaml', '5', '0', '0'],
        ['test/fixtures/validate/broken/broken.yaml', '2', '0', '1'],
      ],
    );
    const cases = (s: XmlElement) => s.children.filter((c) => c.name === 'testcase');
    const rocket = cases(suites[0]!)[1]!;
    assert.equal(rocket.attributes.name, 'Rocket.example.com "vostok" (document 2)');
    const failure = rocket.children[0]!;
    assert.equal(failure.name, 'failure');
    assert.equal(failure.attributes.type, 'FieldValueInvalid');
    assert.equal(failure.text.split('\n').length, 3);
    assert.equal(cases(suites[0]!)[3]!.children[0]!.name, 'error');
  });

  it('reports a document that is not YAML at its line, and checks the others', async () => {
    const r = await validate([join(fixtures, 'broken')]);
    assert.equal(r.code, 1);
    assert.deepEqual(lines(r.out), [
      'test/fixtures/validate/broken/broken.yaml:10:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    assert.equal(r.err, 'kubegen: 2 objects in 1 file: 1 invalid (1 error)\n');
  });

  it('reads - from stdin, and says which objects need what the inputs lack', async () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {on: yes}\n---\nkind: Secret\nmetadata: {name: s}\n';
    const r = await validate(['-'], {}, text);
    assert.equal(r.code, 1);
    // YAML 1.1, as kubectl reads it: `yes` is a boolean, and so `on` is the key "true".
    assert.deepEqual(lines(r.out), [
      '<stdin>:4:12: ConfigMap "a": data.true: Invalid value: "boolean": data.true in body must be of type string: "boolean"',
      `<stdin>:6:1: Secret "s": Object 'apiVersion' is missing`,
    ]);
  });

  it('exits 2 on a usage or input error, before any result', async () => {
    for (const [filename, flags, message] of [
      [
        [join(fixtures, 'absent.yaml')],
        {},
        /^kubegen: -f test\/fixtures\/validate\/absent\.yaml: no such file or folder\n$/,
      ],
      [[join(projectRoot, 'test', 'fixtures', 'e2e')], {}, /the folder holds no \.yaml, \.yml or \.json file\n$/],
      [[manifests], { spec: ['absent.json'] }, /absent\.json.*no such file or folder/],
      [[manifests], { crd: ['absent/*.yaml'] }, /--crd absent\/\*\.yaml: matches no file/],
      [[manifests], { output: 'xml' }, /--output xml: expected text, json or junit/],
    ] as const) {
      const r = await validate([...filename], flags as Partial<ValidateFlags>);
      assert.equal(r.code, 2, r.err);
      assert.equal(r.out, '');
      assert.match(r.err, message);
    }
  });
});

/** A folder of the calling suite's own under test/.work, made before its tests and removed after them. */
function suiteFolder(prefix: string, setUp: (dir: string) => void = () => {}): () => string {
  let dir: string | undefined;
  before(() => {
    process.chdir(projectRoot);
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    dir = mkdtempSync(join(projectRoot, 'test', '.work', prefix));
    setUp(dir);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));
  return () => dir!;
}

describe('the schema cache of kubegen validate', () => {
  const folder = suiteFolder('validate-');

  it('keeps what the validator needs, and reads the inputs again when they change', async () => {
    const dir = folder();
    const cache = join(dir, 'cache');
    const crd = join(dir, 'rockets-crd.yaml');
    cpSync(crds[0]!, crd);
    const file = join(manifests, 'valid.yaml');
    const flags = { crd: [crd, crds[1]!] };
    const cold = await validate([file], flags, '', cache);
    assert.equal(cold.code, 0);
    const written = readdirSync(cache);
    assert.equal(written.length, 1);
    const kept = readFileSync(join(cache, written[0]!), 'utf8');
    assert.doesNotMatch(kept, /"description"/);
    assert.deepEqual(await validate([file], flags, '', cache), cold);
    writeFileSync(crd, readFileSync(crd, 'utf8').replace('maximum: 5', 'maximum: 2'));
    const changed = await validate([file], flags, '', cache);
    assert.equal(changed.code, 1);
    assert.match(
      changed.out,
      /Rocket\.example\.com "saturn": spec\.stages: Invalid value: 3: spec\.stages in body should be less than or equal to 2/,
    );
  });

  it('reports from the cache, which reads only the kinds checked, what the inputs read afresh report', async () => {
    const cache = join(folder(), 'every-kind');
    const files = [join(manifests, 'valid.yaml'), join(manifests, 'invalid.yml'), join(manifests, 'lists')];
    for (const output of ['text', 'json'] as const) {
      const fresh = await validate(files, { output });
      assert.equal(fresh.code, 1);
      await validate(files, { output }, '', cache);
      assert.deepEqual(await validate(files, { output }, '', cache), fresh);
    }
  });
});

describe('kubegen validate --kubernetes', () => {
  const folder = suiteFolder('validate-release-', (dir) => {
    // A developer's mirror setting would send the release elsewhere; the release cache goes under the test's folder.
    delete process.env.KUBEGEN_KUBERNETES_SPECS;
    process.env.XDG_CACHE_HOME = join(dir, 'user-cache');
  });

  it('validates against the documents a release publishes, locked as generate locks them', async () => {
    const dir = folder();
    const mirror = await startReleaseMirror({ 'v1.91.0': () => releaseFiles({ v2: spec }) });
    try {
      const lockFile = join(dir, 'kubegen.lock.json');
      const flags = { kubernetes: '1.91', kubernetesSpecs: mirror.url, lockFile, spec: [], crd: crds };
      const r = await validate([join(manifests, 'valid.yaml')], flags, '', join(dir, 'cache'));
      assert.deepEqual(r, { code: 0, out: '', err: 'kubegen: 5 objects in 1 file, all valid\n' });
      assert.match(readFileSync(lockFile, 'utf8'), /v1\.91\.0/);
      const invalid = await validate([join(manifests, 'invalid.yml')], flags, '', join(dir, 'cache'));
      assert.equal(invalid.code, 1);
      assert.match(invalid.out, /Widget\.example\.kubegen\.dev "sprocket": spec\.size: Unsupported value: "huge"/);
    } finally {
      await mirror.stop();
    }
  });
});
