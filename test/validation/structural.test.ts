// Structural checks against small self-written schemas: one given/want row per keyword, worded as
// kube-apiserver words the field error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator, ValidationInputError, formatFieldError } from '../../validation/index.ts';
import { builtinDoc, widget, widgetCRD } from './fixtures.ts';

const crd = new Validator().addCRDs([widgetCRD]);
const builtin = new Validator().addOpenAPI(builtinDoc);
const lines = (v: Validator, obj: unknown, old?: unknown) =>
  v.validate(obj, { oldObject: old }).errors.map(formatFieldError);

describe('structural checks of a CRD', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a valid widget', {}, []],
    [
      'type',
      { size: 'three' },
      ['spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"'],
    ],
    ['maximum', { size: 11 }, ['spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10']],
    ['minimum', { size: 0 }, ['spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1']],
    [
      'int32 width',
      { size: 2 ** 31 },
      ['spec.size: Invalid value: 2147483648: spec.size in body must be of type int32: "2147483648"'],
    ],
    [
      'exclusive minimum and multipleOf',
      { ratio: 0 },
      ['spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0'],
    ],
    ['multipleOf', { ratio: 0.7 }, ['spec.ratio: Invalid value: 0.7: spec.ratio in body should be a multiple of 0.5']],
    ['enum', { mode: 'ajar' }, ['spec.mode: Unsupported value: "ajar": supported values: "open", "locked"']],
    [
      'pattern',
      { color: 'red' },
      [`spec.color: Invalid value: "red": spec.color in body should match '^#[0-9a-f]{6}$'`],
    ],
    ['minLength', { code: 'a' }, ['spec.code: Invalid value: "a": spec.code in body should be at least 2 chars long']],
    ['maxLength', { code: 'abcde' }, ['spec.code: Too long: may not be more than 4 bytes']],
    // kube-openapi reports the first failing string check only.
    ['maxLength before pattern', { slug: 'Not-Lower' }, ['spec.slug: Too long: may not be more than 8 bytes']],
    [
      'date-time format',
      { when: 'yesterday' },
      ['spec.when: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"'],
    ],
    [
      'duration format',
      { timeout: 'soon' },
      ['spec.timeout: Invalid value: "soon": spec.timeout in body must be of type duration: "soon"'],
    ],
    [
      'int-or-string',
      { port: true },
      ['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"'],
    ],
    ['nullable', { note: null }, []],
    [
      'not nullable',
      { code: null },
      ['spec.code: Invalid value: "null": spec.code in body must be of type string: "null"'],
    ],
    ['maxItems', { tags: ['a', 'b', 'c', 'd'] }, ['spec.tags: Too many: 4: must have at most 3 items']],
    ['minItems', { tags: [] }, ['spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items']],
    ['set uniqueness', { tags: ['a', 'a'] }, ['spec.tags[1]: Duplicate value: "a"']],
    [
      'map-list keys',
      {
        ports: [
          { name: 'http', number: 80 },
          { name: 'http', number: 81 },
        ],
      },
      ['spec.ports[1]: Duplicate value: map[string]interface {}{"name":"http"}'],
    ],
    ['required in items', { ports: [{ number: 80 }] }, ['spec.ports[0].name: Required value']],
    [
      'maxProperties and map values',
      { labels: { 'w-a': 'x', 'w-b': 'y', 'w-c': 'toolong' } },
      [
        'spec.labels: Too many: 3: must have at most 2 items',
        'spec.labels.w-c: Too long: may not be more than 5 bytes',
      ],
    ],
    ['unknown field', { colour: 'red' }, ['spec.colour: unknown field "spec.colour"']],
    ['preserve-unknown-fields', { extra: { anything: { goes: [1] } } }, []],
    [
      'embedded resource',
      { template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', bogus: 1 } } },
      ['spec.template.metadata.bogus: unknown field "spec.template.metadata.bogus"'],
    ],
    ['anyOf', { anyOfValue: 3 }, []],
    [
      'oneOf',
      { oneOfValue: { a: 'x', b: 'y' } },
      [
        'spec.oneOfValue: Invalid value: map[string]interface {}{"a":"x", "b":"y"}: spec.oneOfValue in body must validate one and only one schema (oneOf)',
      ],
    ],
  ];
  for (const [name, spec, want] of cases) {
    it(name, () => assert.deepEqual(lines(crd, widget(spec)), want));
  }

  it('reports a missing required field', () => {
    const obj = widget();
    delete (obj.spec as Record<string, unknown>).size;
    assert.deepEqual(lines(crd, obj), ['spec.size: Required value']);
  });

  it('checks metadata against the CRD and ObjectMeta', () => {
    const obj = widget({}, { name: 'a-very-long-widget-name', namespace: 'default', colour: 'red' });
    assert.deepEqual(lines(crd, obj), [
      'metadata.colour: unknown field "metadata.colour"',
      'metadata.name: Too long: may not be more than 20 bytes',
    ]);
  });

  it('takes a metadata field left undefined (an object built in code) as absent', () => {
    assert.deepEqual(lines(crd, widget({}, { name: 'w', namespace: undefined })), []);
  });

  it('leaves unknown fields alone when not strict', () => {
    assert.deepEqual(crd.validate(widget({ colour: 'red' }), { strictFields: false }).errors, []);
  });

  it('names an object it cannot place', () => {
    assert.throws(
      () => crd.validate({ apiVersion: 'example.com/v2', kind: 'Widget' }),
      (e: Error) =>
        e instanceof ValidationInputError && e.message === 'no matches for kind "Widget" in version "example.com/v2"',
    );
    assert.throws(() => crd.validate({ apiVersion: 'v1' }), /Object 'Kind' is missing in '\{"apiVersion":"v1"\}'/);
  });
});

describe('structural checks of built-in definitions', () => {
  const cm = (extra: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'default' },
    ...extra,
  });
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'a valid config map',
      { data: { a: 'b' }, limit: '500m', target: 8080, raw: { any: 'thing' }, payload: 'aGk=' },
      [],
    ],
    ['a quantity as a number', { limit: 2 }, []],
    [
      'a bad quantity',
      { limit: '1x' },
      [
        `limit: Invalid value: "1x": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      ],
    ],
    [
      'int-or-string',
      { target: [1] },
      ['target: Invalid value: "array": target in body must be of type integer,string: "array"'],
    ],
    [
      'byte format',
      { payload: 'not base64!' },
      ['payload: Invalid value: "not base64!": payload in body must be of type byte: "not base64!"'],
    ],
    ['unknown field', { dta: {} }, ['dta: unknown field "dta"']],
    ['unknown metadata field', { metadata: { name: 'c', nam: 'x' } }, ['metadata.nam: unknown field "metadata.nam"']],
    [
      'a map value',
      { data: { a: 1 } },
      ['data.a: Invalid value: "integer": data.a in body must be of type string: "integer"'],
    ],
  ];
  for (const [name, extra, want] of cases) {
    it(name, () => assert.deepEqual(lines(builtin, cm(extra)), want));
  }

  it("applies the kind's name rule and scope", () => {
    assert.deepEqual(
      lines(builtin, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a', namespace: 'x' } }),
      [
        `metadata.name: Invalid value: "team.a": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
        'metadata.namespace: Forbidden: not allowed on this type',
      ],
    );
  });
});

describe('kinds added deferred', () => {
  it('reads a kind on first use and checks it as when added up front', () => {
    const read: string[] = [];
    const deferred = new Validator().addDeferred(
      [...crd.kinds(), ...builtin.kinds(), { group: 'example.com', version: 'v9', kind: 'Widget' }],
      (gvk) => {
        read.push(gvk.kind);
        return gvk.group ? { crd: widgetCRD, source: 'crd' } : { openapi: [builtinDoc], source: 'openapi' };
      },
    );
    assert.deepEqual(read, []);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'x' }, dta: {} };
    assert.deepEqual(lines(deferred, cm), lines(builtin, cm));
    assert.deepEqual(read, ['ConfigMap']);
    assert.equal(deferred.entry('v1', 'ConfigMap')?.namespaced, builtin.entry('v1', 'ConfigMap')?.namespaced);
    const w = widget({ size: 'huge' });
    assert.deepEqual(lines(deferred, w), [
      'spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"',
    ]);
    lines(deferred, w);
    assert.deepEqual(read, ['ConfigMap', 'Widget']);
    // A kind its definition does not define after all is unknown, as any kind no input names.
    assert.throws(
      () => deferred.validate({ apiVersion: 'example.com/v9', kind: 'Widget' }),
      (e: Error) =>
        e instanceof ValidationInputError &&
        /no matches for kind "Widget" in version "example.com\/v9"/.test(e.message),
    );
  });

  it('replaces kinds added before, and is replaced by kinds added after', () => {
    const gvk = crd.kinds()[0]!;
    const v = new Validator().addCRDs([widgetCRD]).addDeferred([gvk], () => ({ openapi: [builtinDoc], source: 'x' }));
    assert.equal(v.entry(`${gvk.group}/${gvk.version}`, gvk.kind), undefined);
    v.addDeferred([gvk], () => assert.fail('replaced')).addCRDs([widgetCRD]);
    assert.equal(v.entry(`${gvk.group}/${gvk.version}`, gvk.kind)?.dialect, 'crd');
  });
});
