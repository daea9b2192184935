// The manifests the validation benchmarks check: Deployments, Services, ConfigMaps and Pods of the 1.35 spec, and
// Gateways, HTTPRoutes and Certificates of the shared CRDs (whose rules are CEL), as users write them.
export type Obj = Record<string, unknown>;
const labels = (i: number) => ({ app: `app-${i % 50}`, tier: i % 2 ? 'web' : 'api' });
const container = (i: number) => ({
  name: `c${i % 3}`,
  image: `registry.example.com/app:${i % 7}.0`,
  ports: [{ containerPort: 8080 + (i % 5), protocol: 'TCP' }],
  env: [
    { name: 'MODE', value: 'prod' },
    { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  ],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
});
const builtins: ((i: number) => Obj)[] = [
  (i) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `web-${i}`, namespace: 'default', labels: labels(i) },
    spec: {
      replicas: 1 + (i % 4),
      selector: { matchLabels: labels(i) },
      template: { metadata: { labels: labels(i) }, spec: { containers: [container(i), container(i + 1)] } },
    },
  }),
  (i) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${i}`, namespace: 'default', labels: labels(i) },
    spec: {
      selector: labels(i),
      ports: [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
    },
  }),
  (i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cfg-${i}`, namespace: 'default', annotations: { 'example.com/owner': 'team-a' } },
    data: { 'app.yaml': `replicas: ${i}`, mode: 'prod' },
  }),
  (i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default', labels: labels(i) },
    spec: { containers: [container(i)], restartPolicy: 'Always' },
  }),
];
const crds: ((i: number) => Obj)[] = [
  (i) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: `gw-${i}`, namespace: 'default' },
    spec: {
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', hostname: `a${i}.example.com` },
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: `a${i}.example.com`,
          tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] },
        },
      ],
    },
  }),
  (i) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: `route-${i}`, namespace: 'default' },
    spec: {
      parentRefs: [{ name: `gw-${i}`, sectionName: 'https' }],
      hostnames: [`a${i}.example.com`],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: `svc-${i}`, port: 80 }] },
        { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
      ],
    },
  }),
  (i) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: `cert-${i}`, namespace: 'default' },
    spec: {
      secretName: `tls-${i}`,
      dnsNames: [`a${i}.example.com`],
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
      privateKey: { algorithm: 'ECDSA', size: 256 },
    },
  }),
];
const BUILTIN = new Set(['Deployment', 'Service', 'ConfigMap', 'Pod']);

/** `count` manifests, 7 in 10 of built-in kinds, and the two shares apart. */
export function manifests(count: number): { objects: Obj[]; builtinObjects: Obj[]; crdObjects: Obj[] } {
  const objects = Array.from({ length: count }, (_, i) => (i % 10 < 7 ? builtins[i % 4]!(i) : crds[i % 3]!(i)));
  return {
    objects,
    builtinObjects: objects.filter((o) => BUILTIN.has(o.kind as string)),
    crdObjects: objects.filter((o) => !BUILTIN.has(o.kind as string)),
  };
}

/** The CRDs the CRD objects are of, from the shared data, as YAML file paths under crds/. */
export const crdFiles = [
  'gateway-api/standard/gateway.networking.k8s.io_gateways.yaml',
  'gateway-api/standard/gateway.networking.k8s.io_httproutes.yaml',
  'cert-manager/cert-manager.io_certificates.yaml',
];
