// Set and map list uniqueness and ObjectMeta's labels and annotations, at the edges where the engine first
// proves a value valid cheaply (primitive keys, short lists, character counts) and words errors only after.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Schema, Validator, formatFieldError } from '../../validation/index.ts';
import { exampleCRD } from './fixtures.ts';

const map = (keys: string[], properties: Record<string, Schema>): Schema => ({
  type: 'array',
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': keys,
  items: { type: 'object', properties },
});
const set = (items: Schema): Schema => ({ type: 'array', 'x-kubernetes-list-type': 'set', items });

const bagCRD = exampleCRD('Bag', 'bags', {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        names: set({ type: 'string' }),
        numbers: set({ type: 'number' }),
        objects: set({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
        ports: map(['name', 'protocol'], {
          name: { type: 'string' },
          protocol: { type: 'string' },
          port: { type: 'integer' },
        }),
        volumes: map(['name'], { name: { type: 'string' }, size: { type: 'integer' } }),
      },
    },
  },
});

const bags = new Validator().addCRDs([bagCRD]);
const bag = (
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = { name: 'b', namespace: 'default' },
) => ({
  apiVersion: 'example.com/v1',
  kind: 'Bag',
  metadata,
  spec,
});
const lines = (obj: unknown) => bags.validate(obj).errors.map(formatFieldError);
const many = (n: number, item: (i: number) => unknown) => Array.from({ length: n }, (_, i) => item(i));

describe('list uniqueness', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['distinct strings', { names: ['a', 'b', 'A'] }, []],
    [
      'a repeated string',
      { names: ['a', 'b', 'a', 'a'] },
      ['spec.names[2]: Duplicate value: "a"', 'spec.names[3]: Duplicate value: "a"'],
    ],
    ['a long list', { names: [...many(20, (i) => `n${i}`), 'n3'] }, ['spec.names[20]: Duplicate value: "n3"']],
    ['numbers equal as JSON', { numbers: [1, 2, 1.0] }, ['spec.numbers[2]: Duplicate value: 1']],
    [
      'objects equal in any key order',
      { objects: [{ a: 1, b: [2] }, { b: [2], a: 1 }, { a: 1 }] },
      ['spec.objects[1]: Duplicate value: map[string]interface {}{"a":1, "b":[]interface {}{2}}'],
    ],
    [
      'map keys differing in one field',
      {
        ports: [
          { name: 'a', protocol: 'TCP' },
          { name: 'a', protocol: 'UDP' },
        ],
      },
      [],
    ],
    [
      'map keys equal in every field',
      { ports: [{ name: 'a', protocol: 'TCP', port: 1 }, { name: 'b' }, { name: 'a', protocol: 'TCP', port: 2 }] },
      ['spec.ports[2]: Duplicate value: map[string]interface {}{"name":"a", "protocol":"TCP"}'],
    ],
    [
      'a key field left out',
      { ports: [{ name: 'a' }, { name: 'a' }] },
      ['spec.ports[1]: Duplicate value: map[string]interface {}{"name":"a"}'],
    ],
    ['a key field left out on one side', { ports: [{ name: 'a' }, { name: 'a', protocol: 'TCP' }] }, []],
    [
      'a long map list',
      { ports: [...many(20, (i) => ({ name: `p${i}`, protocol: 'TCP' })), { name: 'p7', protocol: 'TCP' }] },
      ['spec.ports[20]: Duplicate value: map[string]interface {}{"name":"p7", "protocol":"TCP"}'],
    ],
    [
      'a long list with one key',
      { volumes: [...many(20, (i) => ({ name: `v${i}` })), { name: 'v0', size: 1 }] },
      ['spec.volumes[20]: Duplicate value: map[string]interface {}{"name":"v0"}'],
    ],
    [
      'a key that is a number, and its string',
      { volumes: [{ name: 'v' }, { name: 1 }, { name: '1' }] },
      [
        'spec.volumes[1].name: Invalid value: "integer": spec.volumes[1].name in body must be of type string: "integer"',
      ],
    ],
  ];
  for (const [name, spec, want] of cases) it(name, () => assert.deepEqual(lines(bag(spec)), want));
});

describe('labels and annotations', () => {
  it('takes prefixed keys and empty values', () => {
    const metadata = {
      name: 'b',
      labels: { 'example.com/app': '', app: 'web' },
      annotations: { 'A.example.com/Note': 'x' },
    };
    assert.deepEqual(lines(bag({}, metadata)), []);
  });

  it('words every bad key and value, in order', () => {
    const metadata = { name: 'b', labels: { ok: 'fine', 'Example.com/app': 'x', tier: 'has space' } };
    assert.deepEqual(lines(bag({}, metadata)), [
      `metadata.labels: Invalid value: "Example.com/app": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `metadata.labels[tier]: Invalid value: "has space": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
  });

  it('counts annotations in bytes, not characters', () => {
    const within = { name: 'b', annotations: { note: 'x'.repeat(200_000) } };
    assert.deepEqual(lines(bag({}, within)), []);
    const over = { name: 'b', annotations: { note: 'é'.repeat(140_000) } };
    assert.deepEqual(lines(bag({}, over)), ['metadata.annotations: Too long: may not be more than 262144 bytes']);
  });
});
