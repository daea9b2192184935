// Bad input gets a SpecError naming the file and the JSON pointer (and line:column for parse errors);
// reference cycles still build; several inputs merge by the documented rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PointerAt, SpecError } from '../../core/spec/errors.ts';
import { loadSpecs } from '../../core/source/load.ts';
import { buildModel } from '../../core/model/build.ts';
import { projectRoot } from '../helpers/shared.ts';

const fixture = (name: string) => join('test', 'fixtures', 'model', name);
process.chdir(projectRoot);

async function specError(run: () => Promise<unknown>): Promise<SpecError> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof SpecError, `expected a SpecError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a SpecError');
}

describe('model: bad input', () => {
  it('invalid JSON names the file, line and column', async () => {
    const err = await specError(() => loadSpecs([fixture('invalid.json')]));
    assert.equal(err.file, fixture('invalid.json'));
    assert.equal(err.line, 6);
    assert.equal(err.column, 3);
    assert.match(err.message, /^test\/fixtures\/model\/invalid\.json:6:3: invalid JSON: /);
  });

  it('invalid YAML names the file, line and column', async () => {
    const err = await specError(() => loadSpecs([fixture('invalid.yaml')]));
    assert.equal(err.file, fixture('invalid.yaml'));
    assert.ok(err.line !== undefined && err.line >= 7, `line ${err.line}`);
    assert.match(err.message, /invalid YAML: /);
  });

  it('JSON that is not OpenAPI names the file and the document root', async () => {
    const err = await specError(() => loadSpecs([fixture('not-openapi.json')]));
    assert.equal(err.file, fixture('not-openapi.json'));
    assert.equal(err.pointer, '');
    assert.match(err.message, /not-openapi\.json: not an OpenAPI document/);
  });

  it('an unsupported version is named at its field', () => {
    const e = captured(() => buildModel([{ file: 'old.json', doc: { swagger: '1.2', paths: {} } }]));
    assert.equal(e.message, 'old.json#/swagger: unsupported Swagger version "1.2" (expected "2.0")');
  });

  it('a missing file is a clear error', async () => {
    const err = await specError(() => loadSpecs([fixture('nope.json')]));
    assert.match(err.message, /nope\.json: cannot read the spec: no such file or folder/);
  });

  it('a dangling $ref in a schema names the file and the pointer of the $ref', async () => {
    const docs = await loadSpecs([fixture('dangling-ref.json')]);
    const err = captured(() => buildModel(docs));
    assert.equal(err.file, fixture('dangling-ref.json'));
    assert.equal(err.pointer, '/components/schemas/io.example.v1.Gadget/properties/parts/items/$ref');
    assert.equal(
      err.message,
      'test/fixtures/model/dangling-ref.json#/components/schemas/io.example.v1.Gadget/properties/parts/items/$ref: dangling $ref: no schema named "io.example.v1.Part/with/slash"',
    );
  });

  it('a pointer made when an error reads it escapes its tokens as pointerOf does', () => {
    const at = new PointerAt(new PointerAt('/components/schemas/a~1b', ['properties', 'x/y~z']), [2, '$ref']);
    assert.equal(String(at), '/components/schemas/a~1b/properties/x~1y~0z/2/$ref');
  });

  it('a dangling $ref in a v2 operation names the pointer in the Swagger document', async () => {
    const docs = await loadSpecs([fixture('dangling-ref-v2.yaml')]);
    const err = captured(() => buildModel(docs));
    assert.equal(err.pointer, '/paths/~1apis~1example.kubegen.dev~1v1~1gadgets/get/responses/200/schema/$ref');
    assert.match(
      err.message,
      /dangling-ref-v2\.yaml#\/paths\/~1apis~1example\.kubegen\.dev~1v1~1gadgets\/get\/responses\/200\/schema\/\$ref: dangling \$ref: no schema named "io\.example\.v1\.GadgetList"/,
    );
  });

  it('a dangling parameter $ref is reported where it is used', () => {
    const doc = {
      swagger: '2.0',
      paths: {
        '/api/v1/things': {
          parameters: [{ $ref: '#/parameters/nope' }],
          get: { operationId: 'listThings', responses: {} },
        },
      },
    };
    const err = captured(() => buildModel([{ file: 'mem.json', doc }]));
    assert.equal(
      err.message,
      'mem.json#/paths/~1api~1v1~1things/parameters/0/$ref: $ref "#/parameters/nope" points to nothing',
    );
  });

  it('a property named $ref is a property, not a reference', () => {
    const doc = v3Doc({
      S: { type: 'object', properties: { $ref: { type: 'string' }, default: { $ref: '#/components/schemas/T' } } },
      T: { type: 'string' },
    });
    assert.doesNotThrow(() => buildModel([{ file: 'mem.json', doc }]));
  });

  it('the same schema name with two bodies is an error naming both places', () => {
    const a = v3Doc({ 'io.example.v1.Thing': { type: 'object' } });
    const b = v3Doc({ 'io.example.v1.Thing': { type: 'string' } });
    const err = captured(() =>
      buildModel([
        { file: 'b.json', doc: b },
        { file: 'a.json', doc: a },
      ]),
    );
    assert.equal(
      err.message,
      'b.json#/components/schemas/io.example.v1.Thing: schema "io.example.v1.Thing" differs from the one defined at a.json#/components/schemas/io.example.v1.Thing',
    );
  });

  it('names from the spec stay on one line: control characters are escaped', () => {
    const name = 'io.example.v1.a\r\nb\u2028';
    const doc = { openapi: '3.0.0', components: { schemas: { [name]: { $ref: '#/components/schemas/gone' } } } };
    const err = captured(() => buildModel([{ file: 'cr.json', doc }]));
    assert.doesNotMatch(err.message, /[\r\n\u2028]/);
    assert.match(err.message, /^cr\.json#\/components\/schemas\/io\.example\.v1\.a\\r\\nb\\u2028\/\$ref: dangling /);
  });

  it('two operations with one operationId are an error', () => {
    const op = { operationId: 'same', 'x-kubernetes-action': 'list', responses: {} };
    const doc = { openapi: '3.0.0', paths: { '/api/v1/as': { get: op }, '/api/v1/bs': { get: op } } };
    const err = captured(() => buildModel([{ file: 'ids.json', doc }]));
    assert.match(
      err.message,
      /^ids\.json#\/paths\/~1api~1v1~1bs\/get\/operationId: operationId "same" is already used at ids\.json#\/paths\/~1api~1v1~1as\/get$/,
    );
  });

  it('an unknown x-kubernetes-action is named at the extension', () => {
    const doc = {
      openapi: '3.0.0',
      paths: { '/api/v1/as': { get: { operationId: 'a', 'x-kubernetes-action': 'fetch' } } },
    };
    const err = captured(() => buildModel([{ file: 'act.json', doc }]));
    assert.equal(
      err.message,
      'act.json#/paths/~1api~1v1~1as/get/x-kubernetes-action: unknown x-kubernetes-action "fetch"',
    );
  });
});

describe('model: cycles and merging', () => {
  it('a cycle of $refs builds, and keeps the references as names', async () => {
    const model = buildModel(await loadSpecs([fixture('cycle.yaml')]));
    const node = model.schemas['dev.kubegen.example.v1.Node']!;
    assert.deepEqual(
      (node.schema.properties!.children!.items as { $ref: string }).$ref,
      '#/components/schemas/dev.kubegen.example.v1.Node',
    );
    assert.ok(model.schemas['dev.kubegen.example.v1.Ping'] && model.schemas['dev.kubegen.example.v1.Pong']);
    const trees = model.groups[0]!.versions[0]!.resources[0]!;
    assert.equal(trees.kind, 'Tree');
    assert.equal(trees.listKind, 'TreeList');
    assert.deepEqual(trees.verbs, ['create', 'list']);
    assert.equal(trees.namespaced, true);
    assert.equal(
      JSON.parse(JSON.stringify(model)).schemas['dev.kubegen.example.v1.Tree'].name,
      'dev.kubegen.example.v1.Tree',
    );
  });

  it('the hash does not depend on file names, order, or JSON versus YAML', async () => {
    const [doc] = await loadSpecs([fixture('cycle.yaml')]);
    const other = v3Doc({ 'io.example.v1.Extra': { type: 'string' } });
    const a = buildModel([doc!, { file: 'extra.json', doc: other }]);
    const b = buildModel([
      { file: 'extra-renamed.yaml', doc: structuredClone(other) },
      { file: 'copy.json', doc: JSON.parse(JSON.stringify(doc!.doc)) },
    ]);
    assert.equal(a.source.hash, b.source.hash);
    assert.match(a.source.hash, /^[0-9a-f]{64}$/);
    const c = buildModel([doc!]);
    assert.notEqual(a.source.hash, c.source.hash);
  });

  it('identical schemas and operations in several documents are kept once', async () => {
    const [doc] = await loadSpecs([fixture('cycle.yaml')]);
    const model = buildModel([doc!, { file: 'again.yaml', doc: structuredClone(doc!.doc) }]);
    assert.equal(model.operations.length, 2);
    assert.deepEqual(model.source.files, ['again.yaml', fixture('cycle.yaml')]);
  });
});

function v3Doc(schemas: Record<string, unknown>): Record<string, unknown> {
  return { openapi: '3.0.0', info: { title: 't', version: 'v1' }, paths: {}, components: { schemas } };
}

function captured(run: () => unknown): SpecError {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof SpecError, `expected a SpecError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a SpecError');
}
