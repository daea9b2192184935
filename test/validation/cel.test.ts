// CEL rules of a self-written CRD: messages, messageExpression, fieldPath, reason, transition rules,
// optionalOldSelf, escaped names, compile errors and the cost bounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Schema, StaticEstimatedCostLimit, Validator, formatFieldError } from '../../validation/index.ts';
import { widget, widgetCRD } from './fixtures.ts';

const v = new Validator().addCRDs([widgetCRD]);
const lines = (obj: unknown, old?: unknown) => v.validate(obj, { oldObject: old }).errors.map(formatFieldError);

function crdWith(spec: Schema) {
  return {
    kind: 'CustomResourceDefinition',
    spec: {
      group: 'x.io',
      scope: 'Cluster',
      names: { kind: 'T' },
      versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: { spec } } } }],
    },
  };
}

describe('CEL rules', () => {
  it("reports the message at the rule's node", () => {
    assert.deepEqual(lines(widget({ minReplicas: 1 })), [
      `spec: Invalid value: "object": Both 'minReplicas' and 'maxReplicas' must be set together`,
    ]);
  });

  it('evaluates messageExpression and reports at fieldPath', () => {
    assert.deepEqual(lines(widget({ minReplicas: 3, maxReplicas: 2 })), [
      'spec.maxReplicas: Invalid value: "object": maxReplicas 2 is below minReplicas',
    ]);
  });

  it('reports a reason as its own kind of error', () => {
    assert.deepEqual(lines(widget({ mode: 'locked', owner: 'me' })), [
      'spec.owner: Forbidden: owner is not allowed when locked',
    ]);
  });

  it('runs transition rules only on update', () => {
    assert.deepEqual(lines(widget({ size: 4 })), []);
    assert.deepEqual(lines(widget({ size: 4 }), widget({ size: 3 })), [
      'spec: Invalid value: "object": size is immutable',
    ]);
  });

  it('gives optionalOldSelf rules an optional, on create too', () => {
    assert.deepEqual(lines(widget({ mode: 'open' }), widget({ mode: 'locked' })), [
      'spec: Invalid value: "object": a locked widget stays locked',
    ]);
    assert.deepEqual(lines(widget({ mode: 'open' })), []);
  });

  it('correlates map-list items with their old items by key', () => {
    const old = widget({
      ports: [
        { name: 'a', number: 1 },
        { name: 'b', number: 2 },
      ],
    });
    assert.deepEqual(
      lines(
        widget({
          ports: [
            { name: 'b', number: 2 },
            { name: 'a', number: 5 },
          ],
        }),
        old,
      ),
      ['spec.ports[1]: Invalid value: "object": a port number is immutable'],
    );
  });

  it('sees defaults and escaped property names', () => {
    assert.deepEqual(lines(widget({ ports: [{ name: 'a', 'x-protocol': 'SCTP' }] })), [
      'spec.ports[0]: Invalid value: "object": protocol must be TCP or UDP',
    ]);
    assert.deepEqual(lines(widget({ ports: [{ name: 'a' }] })), []);
    assert.deepEqual(lines(widget({ refs: [{ namespace: '' }] })), [
      'spec.refs: Invalid value: "array": the first ref names no empty namespace',
    ]);
  });

  it('runs rules of map values, keyed paths and embedded resources', () => {
    assert.deepEqual(lines(widget({ labels: { x: 'y' } })), [
      'spec.labels: Invalid value: "object": label keys start with w-',
    ]);
    assert.deepEqual(lines(widget({ template: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } } })), [
      'spec.template: Invalid value: "object": templates may not be Secrets',
    ]);
  });

  it('reports runtime errors as kube-apiserver does', () => {
    const t = new Validator().addCRDs([
      crdWith({
        type: 'object',
        properties: { a: { type: 'string' } },
        'x-kubernetes-validations': [{ rule: "self.a == 'x'" }],
      }),
    ]);
    assert.deepEqual(
      t.validate({ apiVersion: 'x.io/v1', kind: 'T', metadata: { name: 't' }, spec: {} }).errors.map(formatFieldError),
      ['spec: Invalid value: "object": no such key: a evaluating rule: self.a == \'x\''],
    );
  });

  it('types self as the schema does, and values of another type as they are', () => {
    const t = new Validator().addCRDs([
      crdWith({
        type: 'object',
        properties: {
          l: { type: 'array', items: { type: 'string' }, 'x-kubernetes-validations': [{ rule: 'self.size() < 2' }] },
          m: {
            type: 'object',
            additionalProperties: { type: 'integer' },
            'x-kubernetes-validations': [{ rule: "self.all(k, k != 'x') && self.size() < 2" }],
          },
        },
      }),
    ]);
    const check = (spec: unknown) =>
      t.validate({ apiVersion: 'x.io/v1', kind: 'T', metadata: { name: 't' }, spec }).errors.map(formatFieldError);
    assert.deepEqual(check({ l: ['a'], m: { y: 1 } }), []);
    assert.deepEqual(check({ l: ['a', 'b'], m: { x: 1 } }), [
      'spec.l: Invalid value: "array": failed rule: self.size() < 2',
      'spec.m: Invalid value: "object": failed rule: self.all(k, k != \'x\') && self.size() < 2',
    ]);
    // A string where the schema says list: the structural error, and the rule over the string as it is.
    assert.deepEqual(check({ l: 'abc' }), [
      'spec.l: Invalid value: "string": spec.l in body must be of type array: "string"',
      'spec.l: Invalid value: "array": failed rule: self.size() < 2',
    ]);
    // Whether a rule compiles is decided with self typed, whatever the value.
    const s = new Validator().addCRDs([
      crdWith({
        type: 'array',
        items: { type: 'string' },
        'x-kubernetes-validations': [{ rule: "self.startsWith('a')" }],
      }),
    ]);
    assert.match(s.compileRules()[0]!.error!, /no matching overload/);
    const errors = s.validate({ apiVersion: 'x.io/v1', kind: 'T', metadata: { name: 't' }, spec: 'abc' }).errors;
    assert.match(
      formatFieldError(errors.at(-1)!),
      /^spec: Invalid value: "array": rule compile error: .*no matching overload/,
    );
  });

  it('gives rules below a rule their own values and old values, map-list items by key', () => {
    const grows = (what: string) => [{ rule: 'self >= oldSelf', message: `${what} only grows` }];
    const t = new Validator().addCRDs([
      crdWith({
        type: 'object',
        'x-kubernetes-validations': [{ rule: 'self.n == oldSelf.n || self.n > 0' }],
        properties: {
          n: { type: 'integer', 'x-kubernetes-validations': grows('n') },
          items: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            items: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                size: { type: 'integer', 'x-kubernetes-validations': grows('size') },
              },
            },
          },
        },
      }),
    ]);
    const obj = (spec: unknown) => ({ apiVersion: 'x.io/v1', kind: 'T', metadata: { name: 't' }, spec });
    const old = obj({
      n: 2,
      items: [
        { name: 'a', size: 1 },
        { name: 'b', size: 5 },
      ],
    });
    const check = (spec: unknown) => t.validate(obj(spec), { oldObject: old }).errors.map(formatFieldError);
    assert.deepEqual(
      check({
        n: 3,
        items: [
          { name: 'b', size: 5 },
          { name: 'a', size: 2 },
          { name: 'c', size: 0 },
        ],
      }),
      [],
    );
    assert.deepEqual(
      check({
        n: 1,
        items: [
          { name: 'b', size: 4 },
          { name: 'a', size: 1 },
        ],
      }),
      [
        'spec.n: Invalid value: "integer": n only grows',
        'spec.items[0].size: Invalid value: "integer": size only grows',
      ],
    );
  });

  it('names what does not compile', () => {
    const t = new Validator().addCRDs([
      crdWith({
        type: 'object',
        properties: { a: { type: 'string' }, l: { type: 'array', maxItems: 10, items: { type: 'string' } } },
        'x-kubernetes-validations': [
          { rule: 'self.b == 1' },
          { rule: 'self.a.frobnicate()' },
          { rule: 'self.l.transformList(i, v, v)[0] == self.l.sortBy(x, x)[0]' },
          { rule: 'self.a ==' },
        ],
      }),
    ]);
    const errors = t.compileRules().map((r) => r.error);
    assert.equal(errors[0], "compilation failed: ERROR: <input>: undefined field 'b'");
    assert.match(errors[1]!, /found no matching overload for 'string\.frobnicate\(\)'|dyn\.frobnicate/);
    assert.equal(errors[2], undefined, 'two-variable comprehensions and sortBy compile');
    assert.match(errors[3]!, /^compilation failed: ERROR: <input>: Syntax error/);
  });

  it('shares a program only between nodes whose self has the same type, and checks fields per node', () => {
    const atLeastTwo = (what: string) => [{ rule: 'self.size() >= 2', message: what }];
    const t = new Validator().addCRDs([
      crdWith({
        type: 'object',
        properties: {
          l: { type: 'array', maxItems: 5, items: { type: 'string' }, 'x-kubernetes-validations': atLeastTwo('l') },
          m: {
            type: 'object',
            maxProperties: 5,
            additionalProperties: { type: 'string' },
            'x-kubernetes-validations': atLeastTwo('m'),
          },
          a: {
            type: 'object',
            properties: { x: { type: 'string' } },
            'x-kubernetes-validations': [{ rule: 'has(self.x)' }],
          },
          b: {
            type: 'object',
            properties: { y: { type: 'string' } },
            'x-kubernetes-validations': [{ rule: 'has(self.x)' }],
          },
        },
      }),
    ]);
    assert.deepEqual(
      t.compileRules().map((r) => r.error),
      [undefined, undefined, undefined, "compilation failed: ERROR: <input>: undefined field 'x'"],
    );
    const errors = (spec: unknown) =>
      t.validate({ apiVersion: 'x.io/v1', kind: 'T', metadata: { name: 't' }, spec }).errors.map(formatFieldError);
    assert.deepEqual(errors({ l: ['a'], m: { k: 'v' }, a: {} }), [
      'spec.l: Invalid value: "array": l',
      'spec.m: Invalid value: "object": m',
      'spec.a: Invalid value: "object": failed rule: has(self.x)',
    ]);
    assert.deepEqual(errors({ l: ['a', 'b'], m: { k: 'v', j: 'w' }, a: { x: '1' } }), []);
  });

  it('bounds the estimated cost of a rule', () => {
    const unbounded = crdWith({
      type: 'object',
      properties: {
        l: {
          type: 'array',
          items: { type: 'string' },
          'x-kubernetes-validations': [{ rule: "self.all(a, self.all(b, a.matches('^[a-z]+$') && b.startsWith(a)))" }],
        },
      },
    });
    const [report] = new Validator().addCRDs([unbounded]).compileRules();
    assert.match(
      report!.error!,
      /^estimated rule cost exceeds budget by factor of [\d.]+x \(try simplifying the rule, or adding maxItems, maxProperties, and maxLength/,
    );
    const bounded = crdWith({
      type: 'object',
      properties: {
        l: {
          type: 'array',
          maxItems: 10,
          items: { type: 'string', maxLength: 20 },
          'x-kubernetes-validations': [{ rule: "self.all(a, self.all(b, a.matches('^[a-z]+$') && b.startsWith(a)))" }],
        },
      },
    });
    assert.equal(new Validator().addCRDs([bounded]).compileRules()[0]!.error, undefined);
    assert.ok(StaticEstimatedCostLimit === 10_000_000);
  });

  it('stops when an object exhausts the runtime budget', () => {
    const heavy = crdWith({
      type: 'object',
      properties: {
        l: {
          type: 'array',
          maxItems: 1000,
          items: { type: 'string', maxLength: 3 },
          'x-kubernetes-validations': [{ rule: 'self.all(a, self.exists(b, b == a))' }],
        },
      },
    });
    const obj = {
      apiVersion: 'x.io/v1',
      kind: 'T',
      metadata: { name: 't' },
      spec: { l: Array.from({ length: 1000 }, (_, i) => `${i}`) },
    };
    const errs = new Validator().addCRDs([heavy]).validate(obj).errors.map(formatFieldError);
    assert.match(
      errs[0]!,
      /^spec\.l: Invalid value: "array": ('operation cancelled: actual cost limit exceeded'|validation failed due to running out of cost budget)/,
    );
  });
});
