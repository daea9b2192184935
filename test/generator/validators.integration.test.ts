// `--validators`: the generated validator of a CRD with CEL rules answers what `kubegen validate` answers, the
// opt-in client check refuses an invalid object before any request, and the output compiles under strict options.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Client, noCredentials } from '@kubegen/runtime';
import YAML from 'yaml';
import { renderFiles } from '../../generator/emit/render.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { modelFromCrds } from '../helpers/models.ts';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts';
import { projectRoot } from '../helpers/shared.ts';
import { styleProblems } from '../helpers/style.ts';
import { typecheck } from '../helpers/typecheck.ts';
import { runValidateCli, type JsonReport } from '../helpers/validate-cli.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'validate');
const crd = join(fixtures, 'beacons-crd.yaml');
const manifests = join(fixtures, 'beacons.yaml');
const example = join(projectRoot, 'examples', 'widgets-api.yaml');
const work = join(projectRoot, 'test', '.work', `validators-${process.pid}`);

type Result = { valid: boolean; errors: { reason: string; field: string; message: string }[] };
interface BeaconValidators {
  validateBeacon(obj: unknown, options?: object): Result;
  assertValidBeacon(obj: unknown, options?: object): void;
}

function write(dir: string, files: Map<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const importFrom = <T>(dir: string, path: string) => import(pathToFileURL(join(dir, path)).href) as Promise<T>;

describe('generated validators (--validators)', () => {
  const crdOut = join(work, 'crd');
  let files: Map<string, string>;
  let server: RecordingServer;
  before(async () => {
    files = renderFiles(await modelFromCrds([crd]), { validators: true });
    write(crdOut, files);
    server = await startRecordingServer();
  });
  after(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('answer the same field errors as kubegen validate, object by object', async () => {
    const cli = await runValidateCli({ filename: [manifests], crd: [crd], output: 'json' });
    const report = JSON.parse(cli.out) as JsonReport;
    const { validateBeacon } = await importFrom<BeaconValidators>(crdOut, 'validate/example.com/v1.ts');
    const objects = YAML.parseAllDocuments(readFileSync(manifests, 'utf8')).map((d) => d.toJS());
    assert.equal(objects.length, report.objects.length);
    assert.ok(report.objects.filter((o) => o.errors.length).length >= 3, 'the fixture has invalid objects');
    objects.forEach((obj, i) => {
      const want = report.objects[i]!.errors.map(({ reason, field, message }) => ({ reason, field, message }));
      const got = validateBeacon(obj).errors.map(({ reason, field, message }) => ({ reason, field, message }));
      assert.deepEqual(got, want, `object ${i + 1}`);
    });
    const rules = validateBeacon(objects[1]).errors.map((e) => `${e.field}: ${e.message}`);
    assert.ok(rules.includes('spec.high: Invalid value: "object": high 2 is below low 5'), rules.join('\n'));
  });

  it("assertValid throws kube-apiserver's 422 message, and fills in a missing apiVersion and kind", async () => {
    const { assertValidBeacon, validateBeacon } = await importFrom<BeaconValidators>(
      crdOut,
      'validate/example.com/v1.ts',
    );
    assert.throws(() => assertValidBeacon({ metadata: { name: 'b' }, spec: { frequency: 0 } }), {
      name: 'ValidationError',
      message:
        'Beacon.example.com "b" is invalid: spec.frequency: Invalid value: 0: spec.frequency in body should be greater than or equal to 1',
    });
    assertValidBeacon({ metadata: { name: 'b' }, spec: { frequency: 1 } });
    assert.deepEqual(
      validateBeacon({ apiVersion: 'v1', kind: 'Beacon', metadata: { name: 'b' } }).errors.map((e) => e.field),
      ['apiVersion'],
    );
  });

  it('checks objects before create, update and apply when the client asks, and sends nothing invalid', async () => {
    const { exampleComV1 } = await importFrom<{ exampleComV1: (t: unknown, o?: object) => BeaconClient }>(
      crdOut,
      'example.com/v1.ts',
    );
    const client = new Client(
      { server: server.url, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
      { retry: false, onWarning: false },
    );
    try {
      const checked = exampleComV1(client, { validate: true, discovery: false });
      const invalid = { apiVersion: 'example.com/v1', kind: 'Beacon', metadata: { name: 'x' }, spec: { low: 1 } };
      await assert.rejects(checked.beacons.create(invalid), (err: Error & { errors?: unknown[] }) => {
        assert.equal(err.name, 'ValidationError');
        assert.match(err.message, /spec\.frequency: Required value/);
        return true;
      });
      await assert.rejects(checked.beacons.update('x', invalid), { name: 'ValidationError' });
      await assert.rejects(checked.beacons.status.update('x', invalid), { name: 'ValidationError' });
      const badApply = { apiVersion: 'example.com/v1', kind: 'Beacon', metadata: { name: 'x' }, spec: { mode: 'x' } };
      await assert.rejects(checked.beacons.patch('x', badApply, { type: 'apply', fieldManager: 'm' }), {
        name: 'ValidationError',
      });
      assert.equal(server.requests.length, 0, 'no request reached the server');

      // A partial apply configuration is checked for what it sets; a merge patch is the server's to judge.
      const apply = { apiVersion: 'example.com/v1', kind: 'Beacon', metadata: { name: 'x' }, spec: { low: 1 } };
      await checked.beacons.patch('x', apply, { type: 'apply', fieldManager: 'm' });
      await checked.beacons.patch('x', { spec: { frequency: -1 } }, { type: 'merge' });
      await checked.beacons.create({ ...invalid, spec: { frequency: 3 } });
      await exampleComV1(client, { discovery: false }).beacons.create(invalid);
      assert.deepEqual(
        server.requests.map((r) => `${r.method} ${r.path}`),
        [
          'PATCH /apis/example.com/v1/namespaces/default/beacons/x',
          'PATCH /apis/example.com/v1/namespaces/default/beacons/x',
          'POST /apis/example.com/v1/namespaces/default/beacons',
          'POST /apis/example.com/v1/namespaces/default/beacons',
        ],
      );
    } finally {
      await client.close();
    }
  });

  it('compile under strict options, in the house style, and leave clients without them as they were', async () => {
    assert.deepEqual(
      typecheck(crdOut, { exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noImplicitOverride: true }),
      [],
    );
    const exampleOut = join(work, 'example');
    const model = await modelFromSpecs([example]);
    const withValidators = renderFiles(model, { validators: true });
    write(exampleOut, withValidators);
    assert.deepEqual(typecheck(exampleOut, { exactOptionalPropertyTypes: true }), []);
    const problems = [...withValidators, ...files].flatMap(([path, text]) => styleProblems(path, text));
    assert.deepEqual(problems, []);
    assert.ok(withValidators.has('validate/schemas.ts') && withValidators.has('validate/core/v1.ts'));
    const plain = renderFiles(model);
    assert.deepEqual(
      [...plain.keys()].filter((p) => p.startsWith('validat')),
      [],
    );
    assert.doesNotMatch([...plain.values()].join('\n'), /\$validating|@kubegen\/validation/);
  });

  it('keep @kubegen/validation out of client modules: only validate/ imports it, and only on first check', () => {
    for (const [path, text] of files) {
      const imports = [...text.matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]);
      if (path.startsWith('validate/')) assert.ok(imports.includes('@kubegen/validation'), path);
      else assert.ok(!imports.includes('@kubegen/validation'), path);
    }
    const client = files.get('example.com/v1.ts')!;
    assert.match(client, /import\('\.\.\/validate\/example\.com\/v1\.js'\)/);
    assert.doesNotMatch(client, /^import .*validate\//m);
  });
});

interface BeaconClient {
  beacons: {
    create(body: unknown, options?: object): Promise<unknown>;
    update(name: string, body: unknown, options?: object): Promise<unknown>;
    patch(name: string, body: unknown, options: object): Promise<unknown>;
    status: { update(name: string, body: unknown, options?: object): Promise<unknown> };
  };
}
