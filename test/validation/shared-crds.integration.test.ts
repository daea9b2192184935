// Proof against real rules: every CEL rule in the shared CRDs compiles (or names what is unsupported),
// and valid and invalid objects of kinds that carry rules get kube-apiserver's answers.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { Validator, formatFieldError } from '../../validation/index.ts';
import { sharedPath, sharedSkip } from '../helpers/shared.ts';

function crdFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? crdFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

function crdsIn(file: string): unknown[] {
  return YAML.parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS())
    .filter((o) => o?.kind === 'CustomResourceDefinition');
}

const validators = new Map<string, Validator>();
function validatorFor(...files: string[]): Validator {
  const id = files.join('|');
  let v = validators.get(id);
  if (!v) {
    v = new Validator();
    for (const f of files) v.addCRDs(crdsIn(sharedPath('crds', f)), f);
    validators.set(id, v);
  }
  return v;
}

describe('every CEL rule of the shared CRDs', { skip: sharedSkip }, () => {
  it('compiles, or names the unsupported function', () => {
    const root = sharedPath('crds');
    let total = 0;
    const failures: string[] = [];
    for (const file of crdFiles(root)) {
      for (const crd of crdsIn(file)) {
        for (const r of new Validator().addCRDs([crd], relative(root, file)).compileRules()) {
          total++;
          if (r.error && !/unsupported function "/.test(r.error))
            failures.push(`${r.source} ${r.schemaPath}: ${r.error}`);
        }
      }
    }
    assert.ok(total > 1000, `only ${total} rules found`);
    assert.deepEqual(failures, []);
  });
});

type Case = [
  name: string,
  files: string[],
  obj: Record<string, unknown>,
  want: string[],
  old?: Record<string, unknown>,
];
const gw = 'gateway-api/standard/gateway.networking.k8s.io_gateways.yaml';
const route = 'gateway-api/standard/gateway.networking.k8s.io_httproutes.yaml';
const m = (name: string, namespace?: string) => (namespace ? { name, namespace } : { name });

const gateway = (listeners: unknown[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: m('gw', 'default'),
  spec: { gatewayClassName: 'eg', listeners },
});
const httpRoute = (spec: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: m('r', 'default'),
  spec,
});

const cases: Case[] = [
  ['a valid Gateway', [gw], gateway([{ name: 'http', port: 80, protocol: 'HTTP' }]), []],
  [
    'Gateway listeners with one name',
    [gw],
    gateway([
      { name: 'a', port: 80, protocol: 'HTTP' },
      { name: 'a', port: 81, protocol: 'HTTP' },
    ]),
    [
      'spec.listeners[1]: Duplicate value: map[string]interface {}{"name":"a"}',
      'spec.listeners: Invalid value: "array": Listener name must be unique within the Gateway',
    ],
  ],
  [
    'a TCP listener with a hostname',
    [gw],
    gateway([{ name: 't', port: 9000, protocol: 'TCP', hostname: 'a.example.com' }]),
    [`spec.listeners: Invalid value: "array": hostname must not be specified for protocols ['TCP', 'UDP']`],
  ],
  [
    'TLS on an HTTP listener',
    [gw],
    gateway([{ name: 'h', port: 80, protocol: 'HTTP', tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] } }]),
    [`spec.listeners: Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`],
  ],
  // mode defaults to Terminate and certificateRefs to []; options is absent, so cel-go's `false || error` is the error.
  [
    'a terminating listener without certificates',
    [gw],
    gateway([{ name: 's', port: 443, protocol: 'HTTPS', tls: {} }]),
    [
      'spec.listeners[0].tls: Invalid value: "object": no such key: options evaluating rule: certificateRefs or options must be specified when mode is Terminate',
    ],
  ],
  [
    'a valid HTTPRoute',
    [route],
    httpRoute({ parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }] }),
    [],
  ],
  [
    'an HTTPRoute redirect beside backends',
    [route],
    httpRoute({
      rules: [
        {
          backendRefs: [{ name: 'svc', port: 80 }],
          filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }],
        },
      ],
    }),
    ['spec.rules[0]: Invalid value: "object": RequestRedirect filter must not be used together with backendRefs'],
  ],
  [
    'an HTTPRoute Service backend without a port',
    [route],
    httpRoute({ rules: [{ backendRefs: [{ name: 'svc' }] }] }),
    ['spec.rules[0].backendRefs[0]: Invalid value: "object": Must have port for Service reference'],
  ],
  [
    'two parentRefs to one Gateway without sectionName',
    [route],
    httpRoute({ parentRefs: [{ name: 'gw' }, { name: 'gw', sectionName: 'http' }] }),
    [
      'spec.parentRefs: Invalid value: "array": sectionName must be specified when parentRefs includes 2 or more references to the same parent',
    ],
  ],
  [
    'a GatewayClass controllerName changed',
    ['gateway-api/standard/gateway.networking.k8s.io_gatewayclasses.yaml'],
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: m('eg'),
      spec: { controllerName: 'example.com/b' },
    },
    ['spec.controllerName: Invalid value: "string": Value is immutable'],
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: m('eg'),
      spec: { controllerName: 'example.com/a' },
    },
  ],
  [
    'a valid cert-manager Issuer',
    ['cert-manager/cert-manager.io_issuers.yaml'],
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: m('ca', 'default'),
      spec: { ca: { secretName: 'ca' } },
    },
    [],
  ],
  [
    'a Venafi Issuer with two backends',
    ['cert-manager/cert-manager.io_issuers.yaml'],
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: m('v', 'default'),
      spec: {
        venafi: {
          zone: 'z',
          tpp: { url: 'https://tpp', credentialsRef: { name: 'c' } },
          cloud: { apiTokenSecretRef: { name: 't' } },
        },
      },
    },
    ['spec.venafi: Invalid value: "object": exactly one of tpp, cloud, or ngts must be configured'],
  ],
  [
    'a Flux HelmRelease with chart and chartRef',
    ['flux/helm-controller/helm.toolkit.fluxcd.io_helmreleases.yaml'],
    {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: m('h', 'default'),
      spec: {
        interval: '5m',
        chart: { spec: { chart: 'c', sourceRef: { kind: 'HelmRepository', name: 'r' } } },
        chartRef: { kind: 'OCIRepository', name: 'o' },
      },
    },
    ['spec: Invalid value: "object": either chart or chartRef must be set'],
  ],
  [
    'a Flux Bucket with STS on the gcp provider',
    ['flux/source-controller/source.toolkit.fluxcd.io_buckets.yaml'],
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'Bucket',
      metadata: m('b', 'default'),
      spec: {
        provider: 'gcp',
        bucketName: 'b',
        endpoint: 'storage.googleapis.com',
        interval: '5m',
        sts: { provider: 'aws', endpoint: 'https://sts' },
      },
    },
    [
      "spec: Invalid value: \"object\": STS configuration is only supported for the 'aws' and 'generic' Bucket providers",
    ],
  ],
  [
    'a Crossplane XRD whose claim plural is not lowercase',
    ['crossplane/apiextensions.crossplane.io_compositeresourcedefinitions.yaml'],
    {
      apiVersion: 'apiextensions.crossplane.io/v1',
      kind: 'CompositeResourceDefinition',
      metadata: m('xdbs.example.org'),
      spec: {
        group: 'example.org',
        names: { kind: 'XDB', plural: 'xdbs' },
        claimNames: { kind: 'DB', plural: 'DBs' },
        scope: 'LegacyCluster',
        versions: [{ name: 'v1', served: true, referenceable: true }],
      },
    },
    ['spec.claimNames: Invalid value: "object": Plural name must be lowercase'],
  ],
  [
    'an Istio DestinationRule timeout below 1ms',
    ['istio/customresourcedefinitions.gen.yaml'],
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: m('d', 'default'),
      spec: { host: 'svc', trafficPolicy: { connectionPool: { tcp: { connectTimeout: '1us' } } } },
    },
    [
      'spec.trafficPolicy.connectionPool.tcp.connectTimeout: Invalid value: "string": must be a valid duration greater than 1ms',
    ],
  ],
  [
    'a Kyverno GeneratingPolicy generate entry with both forms',
    ['kyverno/policies.kyverno.io/policies.kyverno.io_generatingpolicies.yaml'],
    {
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'GeneratingPolicy',
      metadata: m('g'),
      spec: {
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['namespaces'] }],
        },
        generate: [{ expression: 'x', template: { value: 'y' } }],
      },
    },
    ['spec.generate[0]: Invalid value: "object": exactly one of expression or template must be set'],
  ],
];

describe("shared CRD kinds with rules: kube-apiserver's answers", { skip: sharedSkip }, () => {
  for (const [name, files, obj, want, old] of cases) {
    it(name, () => {
      const errors = validatorFor(...files)
        .validate(obj, { oldObject: old })
        .errors.map(formatFieldError);
      assert.deepEqual(errors, want);
    });
  }
});
