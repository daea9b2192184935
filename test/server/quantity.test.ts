// Quantities in the canonical form kube-apiserver writes them in (resource.Quantity's rules), the texts it refuses
// with its messages, and the test API server writing built-in kinds that way (custom resources as sent).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { canonicalQuantity, sameQuantity } from '../../server/defaults/quantity.ts';
import { fixtureSpecPaths, fixtures, suiteApiServer } from '../helpers/server.ts';
import { call } from '../helpers/server-http.ts';

const formatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('canonical quantities', () => {
  const cases: [string, { given: string | number; want: string }][] = [
    // JSON numbers are read as the text they are written with.
    ['a whole number', { given: 1, want: '1' }],
    ['a fraction becomes milli', { given: 1.5, want: '1500m' }],
    ['a thousand becomes kilo', { given: 1000, want: '1k' }],
    ['a negative number', { given: -2, want: '-2' }],
    ['a tiny number, written with an exponent, rounds up to the nano', { given: 1e-10, want: '1e-9' }],
    // Decimal SI: no fraction, the largest suffix that loses nothing.
    ['milli that make a whole', { given: '1000m', want: '1' }],
    ['a half', { given: '0.5', want: '500m' }],
    ['a leading point', { given: '.25', want: '250m' }],
    ['mega that make a giga', { given: '1000M', want: '1G' }],
    ['a fraction of a suffix', { given: '1.5k', want: '1500' }],
    ['a fraction of a kilo that stays', { given: '1.2345k', want: '1234500m' }],
    ['a number whose trailing zeros fall short of a suffix', { given: '1200', want: '1200' }],
    ['exa', { given: '12E', want: '12E' }],
    ['beyond exa, an exponent', { given: '1000E', want: '1e21' }],
    ['micro', { given: '0.000001', want: '1u' }],
    ['finer than a nano rounds away from zero', { given: '0.0000000011', want: '2n' }],
    ['negative, finer than a nano', { given: '-0.0000000011', want: '-2n' }],
    // Binary SI keeps binary suffixes while they are exact and at least 1Ki.
    ['two thousand and forty-eight Mi', { given: '2048Mi', want: '2Gi' }],
    ['one and a half Gi', { given: '1.5Gi', want: '1536Mi' }],
    ['half a Mi', { given: '0.5Mi', want: '512Ki' }],
    ['below 1Ki, decimal', { given: '0.5Ki', want: '512' }],
    ['not a whole number of bytes, decimal', { given: '1.1Ki', want: '1126400m' }],
    ['not a multiple of 1Ki, decimal digits', { given: '1.5Ki', want: '1536' }],
    ['binary is capped at 2^63-1', { given: '8Ei', want: '9223372036854775807' }],
    ['a tiny binary amount turns decimal', { given: '0.000000000001Ki', want: '2n' }],
    // Exponent notation keeps exponents, in multiples of 3.
    ['an exponent', { given: '1e3', want: '1e3' }],
    ['an exponent that is not a multiple of 3', { given: '1e4', want: '10e3' }],
    ['a fraction with an exponent', { given: '1.5e3', want: '1500' }],
    ['a negative exponent', { given: '0.001e0', want: '1e-3' }],
    // Zero, whatever its suffix.
    ['zero with a suffix', { given: '0Mi', want: '0' }],
    ['zero with a point', { given: '0.0', want: '0' }],
    ['negative zero', { given: '-0', want: '0' }],
    // A text already canonical as written is kept as written, spelling and all.
    ['canonical text', { given: '500m', want: '500m' }],
    ['a plus sign', { given: '+1', want: '+1' }],
    ['a leading zero', { given: '01', want: '01' }],
    ['trailing zeros after the point that end at milli', { given: '1.500', want: '1.500' }],
    ['a capital E exponent', { given: '1E3', want: '1E3' }],
    ['surrounding spaces are dropped', { given: ' 2Gi ', want: '2Gi' }],
  ];
  for (const [name, { given, want }] of cases)
    it(`${name}: ${JSON.stringify(given)} → ${want}`, () => assert.equal(canonicalQuantity(given), want));

  const refused: [string, string][] = [
    ['lots', formatError],
    ['1.1.1', formatError],
    ['', formatError],
    ['1,5', formatError],
    ['1 Gi', formatError],
    ['1K', "unable to parse quantity's suffix"],
    ['1mi', "unable to parse quantity's suffix"],
    ['1e', "unable to parse quantity's suffix"],
    ['1e+', "unable to parse quantity's suffix"],
    ['Ei', 'unable to parse numeric part of quantity'],
  ];
  for (const [given, message] of refused)
    it(`refuses ${JSON.stringify(given)}: ${message}`, () =>
      assert.throws(() => canonicalQuantity(given), { message }));
});

describe('quantities compared as amounts', () => {
  const cases: [unknown, unknown, boolean][] = [
    ['1', '1000m', true],
    [1, '1', true],
    ['1Gi', '1024Mi', true],
    ['1G', '1Gi', false],
    ['-1', '1', false],
    ['abc', 'abc', true],
  ];
  for (const [a, b, want] of cases)
    it(`${JSON.stringify(a)} ${want ? '=' : '≠'} ${JSON.stringify(b)}`, () => assert.equal(sameQuantity(a, b), want));
});

describe('Quantity fields on the wire', () => {
  const api = suiteApiServer({ specs: fixtureSpecPaths() });
  const pods = '/api/v1/namespaces/default/pods';
  type Resources = { limits?: Record<string, unknown>; requests?: Record<string, unknown> };
  const resourcesOf = (body: Record<string, unknown>) =>
    (body.spec as { containers: { resources: Resources }[] }).containers[0]!.resources;
  const pod = (name: string, resources: Resources) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36', resources }] },
  });

  it('answers and stores built-in kinds with canonical quantities, however they were written', async () => {
    const created = await call(
      api.base,
      'POST',
      pods,
      pod('sized', { limits: { cpu: 1.5, memory: '1.5Gi' }, requests: { cpu: 1, memory: 1000 } }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const want = { limits: { cpu: '1500m', memory: '1536Mi' }, requests: { cpu: '1', memory: '1k' } };
    assert.deepEqual(resourcesOf(created.body), want);
    assert.deepEqual(resourcesOf((await call(api.base, 'GET', `${pods}/sized`)).body), want);
    const stored = api.server.changes().findLast((c) => c.name === 'sized')!;
    assert.deepEqual((stored.object.spec as { containers: { resources: Resources }[] }).containers[0]!.resources, want);
  });

  it('canonicalizes what updates, patches and applies write, in every field typed Quantity', async () => {
    assert.equal((await call(api.base, 'POST', pods, pod('patched', { limits: { cpu: '2' } }))).status, 201);
    const merged = await call(
      api.base,
      'PATCH',
      `${pods}/patched`,
      { spec: { containers: [{ name: 'c', resources: { limits: { cpu: 0.25 } } }] } },
      'application/strategic-merge-patch+json',
    );
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.equal(resourcesOf(merged.body).limits!.cpu, '250m');
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
    assert.equal((await call(api.base, 'POST', '/api/v1/nodes', node)).status, 201);
    const status = await call(
      api.base,
      'PATCH',
      '/api/v1/nodes/n1/status',
      { status: { capacity: { cpu: 4, memory: '8192Mi', pods: 110 }, allocatable: { cpu: '3.5' } } },
      'application/merge-patch+json',
    );
    assert.deepEqual((status.body.status as Record<string, unknown>).capacity, {
      cpu: '4',
      memory: '8Gi',
      pods: '110',
    });
    assert.deepEqual((status.body.status as Record<string, unknown>).allocatable, { cpu: '3500m' });
    const applied = await call(
      api.base,
      'PATCH',
      '/api/v1/namespaces/default/pods/applied?fieldManager=tester',
      JSON.stringify(pod('applied', { limits: { memory: 1073741824 } })),
      'application/apply-patch+yaml',
    );
    assert.equal(applied.status, 201, JSON.stringify(applied.body));
    assert.equal(resourcesOf(applied.body).limits!.memory, '1073741824');
  });

  it('refuses a value that is no quantity with the decoder message, and changes nothing', async () => {
    const before = api.server.resourceVersion;
    const r = await call(api.base, 'POST', pods, pod('bad', { limits: { cpu: 'lots' } }));
    assert.equal(r.status, 400);
    assert.equal(r.body.reason, 'BadRequest');
    assert.equal(
      r.body.message,
      `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
    assert.equal(api.server.resourceVersion, before);
  });

  it('leaves custom resources as they were sent, as kube-apiserver stores them unstructured', async () => {
    const crd = readFileSync(join(fixtures, 'gadget-crd.yaml'), 'utf8');
    assert.equal(
      (await call(api.base, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd, 'application/yaml'))
        .status,
      201,
    );
    await new Promise((r) => setTimeout(r, 20));
    const gadget = {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g' },
      spec: { size: 'small', port: '1000m' },
    };
    const r = await call(api.base, 'POST', '/apis/example.com/v1/namespaces/default/gadgets', gadget);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal((r.body.spec as { port: unknown }).port, '1000m');
  });
});
