// Built-in kinds from the shared Kubernetes 1.35 spec (v2 and v3): what their schemas and ObjectMeta
// rules express, worded as kube-apiserver words it.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type OpenAPIDocument, Validator, formatFieldError } from '../../validation/index.ts';
import { sharedPath, sharedSkip } from '../helpers/shared.ts';

let v2: Validator | undefined;
let v3: Validator | undefined;
const fromV2 = () =>
  (v2 ??= new Validator().addOpenAPI(
    JSON.parse(readFileSync(sharedPath('specs', 'v2', 'kubernetes-1.35.json'), 'utf8')),
  ));
function fromV3(): Validator {
  if (v3) return v3;
  const root = sharedPath('specs', 'v3', 'kubernetes-1.35');
  const docs: OpenAPIDocument[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.json')) docs.push(JSON.parse(readFileSync(join(d, e.name), 'utf8')));
    }
  };
  walk(root);
  return (v3 = new Validator().addOpenAPI(docs));
}

const deployment = (spec: Record<string, unknown>, name = 'web') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    ...spec,
  },
});

const cases: [string, Record<string, unknown>, string[]][] = [
  ['a valid Deployment', deployment({ replicas: 2 }), []],
  [
    'replicas as a string',
    deployment({ replicas: 'two' }),
    ['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
  ],
  ['a misspelt field', deployment({ replica: 2 }), ['spec.replica: unknown field "spec.replica"']],
  [
    'a bad quantity',
    deployment({
      template: { spec: { containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: 'lots' } } }] } },
    }),
    [
      `spec.template.spec.containers[0].resources.limits.cpu: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ],
  ],
  [
    'two containers with one name',
    deployment({
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'x' },
            { name: 'a', image: 'y' },
          ],
        },
      },
    }),
    ['spec.template.spec.containers[1]: Duplicate value: map[string]interface {}{"name":"a"}'],
  ],
  [
    'a name that is no DNS subdomain',
    deployment({}, 'Web_App'),
    [
      `metadata.name: Invalid value: "Web_App": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
  ],
  [
    'a Service name that is no DNS-1035 label',
    { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } },
    [
      `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ],
  ],
  [
    'a ConfigMap with a label value too long',
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels: { tier: 'x'.repeat(64) } },
      data: { a: 'b' },
    },
    [`metadata.labels[tier]: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`],
  ],
  [
    'a namespace on a cluster-scoped kind',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'r', namespace: 'default' },
      rules: [],
    },
    ['metadata.namespace: Forbidden: not allowed on this type'],
  ],
  [
    // Decoded into Go structs, status fields left out are zero values; kube-apiserver accepts them.
    'a status without the fields its schema calls required',
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'pdb' },
      spec: { minAvailable: 1 },
      status: { currentHealthy: 'many' },
    },
    [],
  ],
  [
    'an object without a name',
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
    ['metadata.name: Required value: name or generateName is required'],
  ],
];

for (const [label, load] of [
  ['v2', fromV2],
  ['v3', fromV3],
] as const) {
  describe(`built-in kinds from the 1.35 ${label} spec`, { skip: sharedSkip }, () => {
    for (const [name, obj, want] of cases) {
      it(name, () => assert.deepEqual(load().validate(obj).errors.map(formatFieldError), want));
    }
  });
}
