// Realistic Pod objects for the runtime benchmarks: what a Deployment's pods look like when read back from
// kube-apiserver (labels, annotations, an owner, two managedFields entries, containers with env, probes,
// resources and mounts, projected service-account volumes, conditions and container statuses). Each one is
// 5–8 KB of JSON; the same seed always gives the same bytes.

export interface BenchPod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: { name: string; namespace: string; resourceVersion: string; [field: string]: unknown };
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
}

/** A small deterministic generator (mulberry32): benchmarks must see the same data every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const apps = ['checkout', 'payments', 'catalog', 'search', 'frontend', 'inventory', 'recommendations', 'notifications'];
const hexChars = '0123456789abcdef';
const alnum = 'bcdfghjklmnpqrstvwxz2456789';

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

function chars(rand: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

function uid(rand: () => number): string {
  return `${chars(rand, hexChars, 8)}-${chars(rand, hexChars, 4)}-${chars(rand, hexChars, 4)}-${chars(rand, hexChars, 4)}-${chars(rand, hexChars, 12)}`;
}

function time(rand: () => number, base: number): string {
  return new Date(base + Math.floor(rand() * 86_400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The FieldsV1 set a kube-controller-manager Update entry owns for a pod with these containers. */
function specFields(containers: string[], owner: string): Record<string, unknown> {
  const container = {
    '.': {},
    'f:env': {
      '.': {},
      'k:{"name":"LOG_LEVEL"}': { '.': {}, 'f:name': {}, 'f:value': {} },
      'k:{"name":"POD_NAME"}': { '.': {}, 'f:name': {}, 'f:valueFrom': { '.': {}, 'f:fieldRef': {} } },
    },
    'f:image': {},
    'f:imagePullPolicy': {},
    'f:name': {},
    'f:ports': {
      '.': {},
      'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:name': {}, 'f:protocol': {} },
    },
    'f:readinessProbe': {
      '.': {},
      'f:failureThreshold': {},
      'f:httpGet': { '.': {}, 'f:path': {}, 'f:port': {}, 'f:scheme': {} },
      'f:periodSeconds': {},
    },
    'f:resources': {
      '.': {},
      'f:limits': { '.': {}, 'f:memory': {} },
      'f:requests': { '.': {}, 'f:cpu': {}, 'f:memory': {} },
    },
    'f:terminationMessagePath': {},
    'f:terminationMessagePolicy': {},
    'f:volumeMounts': {
      '.': {},
      'k:{"mountPath":"/etc/app"}': { '.': {}, 'f:mountPath': {}, 'f:name': {}, 'f:readOnly': {} },
    },
  };
  const fields: Record<string, unknown> = {};
  for (const name of containers) fields[`k:{"name":"${name}"}`] = container;
  return {
    'f:metadata': {
      'f:generateName': {},
      'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {}, 'f:tier': {} },
      'f:ownerReferences': { '.': {}, [`k:{"uid":"${owner}"}`]: {} },
    },
    'f:spec': {
      'f:containers': fields,
      'f:dnsPolicy': {},
      'f:enableServiceLinks': {},
      'f:restartPolicy': {},
      'f:schedulerName': {},
      'f:securityContext': {},
      'f:terminationGracePeriodSeconds': {},
      'f:volumes': {
        '.': {},
        'k:{"name":"config"}': { '.': {}, 'f:configMap': { '.': {}, 'f:defaultMode': {}, 'f:name': {} }, 'f:name': {} },
      },
    },
  };
}

/** The application container; a sidecar keeps only what a small proxy needs. */
function container(rand: () => number, name: string, app: string, sidecar: boolean): Record<string, unknown> {
  if (sidecar) {
    return {
      name,
      image: `registry.example.com/mesh/proxy:v1.${Math.floor(rand() * 40)}.0`,
      ports: [{ name: 'proxy', containerPort: 15001, protocol: 'TCP' }],
      env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
      resources: { limits: { memory: '128Mi' }, requests: { cpu: '50m', memory: '64Mi' } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    };
  }
  return {
    name,
    image: `registry.example.com/shop/${app}-${name}:v1.${Math.floor(rand() * 40)}.${Math.floor(rand() * 10)}`,
    command: ['/app/bin/server'],
    args: ['--config=/etc/app/config.yaml', `--listen=:${8080}`, '--metrics-listen=:9090'],
    ports: [
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
    ],
    env: [
      { name: 'LOG_LEVEL', value: pick(rand, ['info', 'debug', 'warn']) },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${app}-db`, key: 'url' } } },
      {
        name: 'GOMAXPROCS',
        valueFrom: { resourceFieldRef: { containerName: name, resource: 'limits.cpu', divisor: '1' } },
      },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.observability.svc:4317' },
    ],
    resources: {
      limits: { cpu: '1', memory: `${256 * (1 + Math.floor(rand() * 4))}Mi` },
      requests: { cpu: `${100 * (1 + Math.floor(rand() * 5))}m`, memory: '128Mi' },
    },
    volumeMounts: [
      { name: 'config', mountPath: '/etc/app', readOnly: true },
      { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
    ],
    livenessProbe: {
      httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 10,
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    },
    readinessProbe: {
      httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 5,
      successThreshold: 1,
      failureThreshold: 3,
    },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    },
  };
}

function containerStatus(rand: () => number, spec: Record<string, unknown>, started: string): Record<string, unknown> {
  return {
    name: spec.name,
    state: { running: { startedAt: started } },
    lastState: {},
    ready: true,
    restartCount: Math.floor(rand() * 3),
    image: spec.image,
    imageID: `registry.example.com/shop/image@sha256:${chars(rand, hexChars, 64)}`,
    containerID: `containerd://${chars(rand, hexChars, 64)}`,
    started: true,
  };
}

/** Pod number `index` of namespace `namespace`, at `resourceVersion`. */
export function makePod(index: number, namespace = 'bench', resourceVersion = String(1000 + index)): BenchPod {
  const rand = random(index + 1);
  const app = apps[index % apps.length]!;
  const hash = chars(rand, alnum, 10);
  const name = `${app}-${hash}-${chars(rand, alnum, 5)}`;
  const created = time(rand, Date.UTC(2026, 10, 1));
  const containerNames = ['app', 'proxy'];
  const containers = containerNames.map((c, i) => container(rand, c, app, i > 0));
  const owner = uid(rand);
  const node = `node-${chars(rand, hexChars, 4)}.eu-west-1.compute.internal`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${app}-${hash}-`,
      namespace,
      uid: uid(rand),
      resourceVersion,
      creationTimestamp: created,
      labels: {
        app,
        tier: index % 3 === 0 ? 'backend' : 'web',
        'pod-template-hash': hash,
        'app.kubernetes.io/part-of': 'shop',
        'app.kubernetes.io/version': `1.${index % 40}`,
      },
      annotations: {
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '9090',
        'kubectl.kubernetes.io/restartedAt': created,
        'checksum/config': chars(rand, hexChars, 64),
        // One pod in fifty carries non-ASCII text, as a few real annotations do.
        ...(index % 50 === 0 ? { 'shop.example.com/owner-team': 'Zahlungsverkehr – Équipe paiements' } : {}),
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${app}-${hash}`,
          uid: owner,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: [
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'v1',
          time: created,
          fieldsType: 'FieldsV1',
          fieldsV1: specFields(containerNames.slice(0, 1), owner),
        },
        {
          manager: 'kubelet',
          operation: 'Update',
          apiVersion: 'v1',
          time: created,
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:status': {
              'f:conditions': {
                'k:{"type":"Ready"}': {
                  '.': {},
                  'f:lastProbeTime': {},
                  'f:lastTransitionTime': {},
                  'f:status': {},
                  'f:type': {},
                },
              },
              'f:containerStatuses': {},
              'f:hostIP': {},
              'f:phase': {},
              'f:podIP': {},
              'f:podIPs': { '.': {} },
              'f:startTime': {},
            },
          },
          subresource: 'status',
        },
      ],
    },
    spec: {
      volumes: [
        { name: 'config', configMap: { name: `${app}-config`, defaultMode: 420 } },
        {
          name: 'kube-api-access',
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              {
                downwardAPI: {
                  items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
                },
              },
            ],
            defaultMode: 420,
          },
        },
      ],
      containers,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: app,
      serviceAccount: app,
      nodeName: node,
      securityContext: { runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: 'Running',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
        (type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: created }),
      ),
      hostIP: `10.0.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`,
      hostIPs: [{ ip: `10.0.${index % 255}.1` }],
      podIP: `10.244.${Math.floor(index / 250)}.${index % 250}`,
      podIPs: [{ ip: `10.244.${Math.floor(index / 250)}.${index % 250}` }],
      startTime: created,
      containerStatuses: containers.map((c) => containerStatus(rand, c, created)),
      qosClass: 'Burstable',
    },
  };
}

/** `count` pods of one namespace. */
export function makePods(count: number, namespace = 'bench'): BenchPod[] {
  return Array.from({ length: count }, (_, i) => makePod(i, namespace));
}
