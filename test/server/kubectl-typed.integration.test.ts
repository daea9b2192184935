// kubectl commands built on typed clients, which send their bodies in protobuf: create quota, role, clusterrole,
// rolebinding, clusterrolebinding, priorityclass and pdb; autoscale; drain (pods/eviction, with disruption budgets);
// certificate approve and deny. Each must work as against kube-apiserver, and show what it stored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import forge from 'node-forge';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { suiteKubectlSession } from '../helpers/server.ts';
import { call } from '../helpers/server-http.ts';
import { sharedSkip } from '../helpers/shared.ts';

describe('kubectl commands that send protobuf', { skip: sharedSkip || kubectlSkip }, () => {
  const s = suiteKubectlSession();

  async function ok(args: string[], input?: string): Promise<string> {
    const r = await s.run(args, input === undefined ? {} : { input });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }
  const json = async (args: string[]) => JSON.parse(await ok([...args, '-o', 'json'])) as Record<string, any>;

  it('creates quotas, roles, bindings, priority classes and disruption budgets as they were asked for', async () => {
    await ok(['create', 'quota', 'q', '--hard=pods=10,requests.cpu=500m,limits.memory=1Gi', '--scopes=NotBestEffort']);
    assert.deepEqual((await json(['get', 'quota', 'q'])).spec, {
      hard: { pods: '10', 'requests.cpu': '500m', 'limits.memory': '1Gi' },
      scopes: ['NotBestEffort'],
    });
    await ok([
      'create',
      'role',
      'reader',
      '--verb=get,list',
      '--resource=pods,deployments.apps',
      '--resource-name=web',
    ]);
    assert.deepEqual((await json(['get', 'role', 'reader'])).rules, [
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] },
      { verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] },
    ]);
    await ok([
      'create',
      'rolebinding',
      'readers',
      '--role=reader',
      '--user=bob',
      '--group=devs',
      '--serviceaccount=default:robot',
    ]);
    const binding = await json(['get', 'rolebinding', 'readers']);
    assert.deepEqual(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
    assert.deepEqual(binding.subjects, [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
      { kind: 'ServiceAccount', name: 'robot', namespace: 'default' },
    ]);
    await ok(['create', 'clusterrole', 'logs', '--verb=get', '--non-resource-url=/logs/*']);
    assert.deepEqual((await json(['get', 'clusterrole', 'logs'])).rules, [
      { verbs: ['get'], nonResourceURLs: ['/logs/*'] },
    ]);
    await ok(['create', 'clusterrole', 'aggregate', '--aggregation-rule=team=a']);
    assert.deepEqual((await json(['get', 'clusterrole', 'aggregate'])).aggregationRule, {
      clusterRoleSelectors: [{ matchLabels: { team: 'a' } }],
    });
    await ok(['create', 'clusterrolebinding', 'logs', '--clusterrole=logs', '--user=bob']);
    assert.equal((await json(['get', 'clusterrolebinding', 'logs'])).roleRef.name, 'logs');
    await ok([
      'create',
      'priorityclass',
      'high',
      '--value=1000',
      '--description=important',
      '--preemption-policy=Never',
    ]);
    const pc = await json(['get', 'priorityclass', 'high']);
    assert.deepEqual([pc.value, pc.description, pc.preemptionPolicy], [1000, 'important', 'Never']);
    await ok(['create', 'pdb', 'none-down', '--selector=app=none', '--min-available=0']);
    assert.deepEqual((await json(['get', 'pdb', 'none-down'])).spec, {
      minAvailable: 0,
      selector: { matchLabels: { app: 'none' } },
    });
    await ok(['create', 'pdb', 'half', '--selector=app=half', '--max-unavailable=50%']);
    assert.equal((await json(['get', 'pdb', 'half'])).spec.maxUnavailable, '50%');
    // A pointer field set to zero is meant: not the default of 1 replica.
    await ok(['create', 'deployment', 'idle', '--image=nginx', '--replicas=0']);
    assert.equal((await json(['get', 'deployment', 'idle'])).spec.replicas, 0);
    const quota = (await ok(['get', 'quota', 'q']))
      .split('\n')[0]!
      .trim()
      .split(/\s{2,}/);
    assert.deepEqual(quota, ['NAME', 'AGE', 'REQUEST', 'LIMIT']);
  });

  it('autoscales a deployment with an autoscaling/v2 HorizontalPodAutoscaler', async () => {
    await ok(['create', 'deployment', 'scaled', '--image=nginx']);
    await ok(['autoscale', 'deployment', 'scaled', '--min=2', '--max=5', '--cpu=70%']);
    const hpa = await json(['get', 'hpa.v2.autoscaling', 'scaled']);
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'scaled' });
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [2, 5]);
    assert.deepEqual(hpa.spec.metrics, [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
  });

  it('drains a node through pods/eviction, held back by a disruption budget until it allows a disruption', async () => {
    await ok(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker' } }));
    for (const name of ['guarded', 'pending']) {
      await ok(
        ['create', '-f', '-'],
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, labels: { app: name } },
          spec: { nodeName: 'worker', containers: [{ name: 'c', image: 'x' }] },
        }),
      );
    }
    await ok([
      'patch',
      'pod',
      'guarded',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"phase":"Running"}}',
    ]);
    await ok(['create', 'pdb', 'guard', '--selector=app=guarded', '--min-available=1']);

    // No disruption controller has looked at the budget: a running pod it selects may not be evicted.
    const held = await s.run(['drain', 'worker', '--force', '--timeout=2s']);
    assert.notEqual(held.code, 0);
    assert.match(held.stderr, /evicting pods\/"guarded"/);
    assert.equal((await json(['get', 'node', 'worker'])).spec.unschedulable, true, 'drain cordons first');
    assert.match(await ok(['get', 'pods', '-o', 'name']), /^pod\/guarded$/m);
    assert.doesNotMatch(
      await ok(['get', 'pods', '-o', 'name']),
      /pod\/pending/,
      'a pending pod is evicted whatever its budget',
    );

    const refused = await call(s.server.url, 'POST', '/api/v1/namespaces/default/pods/guarded/eviction', {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'guarded' },
    });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.reason, 'TooManyRequests');
    assert.deepEqual((refused.body.details as { causes: unknown[] }).causes, [
      { reason: 'DisruptionBudget', message: 'The disruption budget guard is still being processed by the server.' },
    ]);

    // As the disruption controller would: one disruption allowed.
    await ok([
      'patch',
      'pdb',
      'guard',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"observedGeneration":1,"disruptionsAllowed":1,"currentHealthy":1,"desiredHealthy":1,"expectedPods":1}}',
    ]);
    const drained = await s.run(['drain', 'worker', '--force', '--timeout=10s']);
    assert.equal(drained.code, 0, drained.stderr);
    assert.match(drained.stdout, /pod\/guarded evicted/);
    assert.equal((await ok(['get', 'pods', '-o', 'name'])).trim(), '');
    const budget = (await json(['get', 'pdb', 'guard'])).status;
    assert.equal(budget.disruptionsAllowed, 0);
    assert.deepEqual(Object.keys(budget.disruptedPods), ['guarded']);
  });

  it('copies a rich pod template through protobuf with every field: create job --from=cronjob, debug --copy-to', async () => {
    const spec = richPodSpec();
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'rich' },
      spec: {
        schedule: '*/5 * * * *',
        timeZone: 'Europe/Paris',
        startingDeadlineSeconds: 0,
        jobTemplate: {
          spec: {
            backoffLimit: 0,
            ttlSecondsAfterFinished: 0,
            completions: 4,
            parallelism: 2,
            completionMode: 'Indexed',
            backoffLimitPerIndex: 1,
            maxFailedIndexes: 2,
            podReplacementPolicy: 'Failed',
            suspend: false,
            podFailurePolicy: {
              rules: [
                { action: 'FailIndex', onExitCodes: { containerName: 'main', operator: 'In', values: [3, 42] } },
                { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
              ],
            },
            successPolicy: { rules: [{ succeededIndexes: '0-1', succeededCount: 1 }] },
            template: {
              metadata: { labels: { app: 'rich' }, annotations: { note: 'kept' } },
              spec: { ...spec, restartPolicy: 'Never' },
            },
          },
        },
      },
    };
    await ok(['create', '-f', '-'], JSON.stringify(cronJob));
    await ok(['create', 'job', 'rich-now', '--from=cronjob/rich']);
    const stored = (await json(['get', 'cronjob', 'rich'])).spec.jobTemplate.spec;
    const job = (await json(['get', 'job', 'rich-now'])).spec;
    assert.deepEqual(job.template.spec, stored.template.spec, 'the pod template arrives with every field');
    for (const field of [
      'backoffLimit',
      'ttlSecondsAfterFinished',
      'completions',
      'parallelism',
      'completionMode',
      'backoffLimitPerIndex',
      'maxFailedIndexes',
      'podReplacementPolicy',
      'suspend',
      'podFailurePolicy',
      'successPolicy',
    ]) {
      assert.deepEqual(job[field], stored[field], field);
    }
    assert.equal(job.backoffLimit, 0, 'a zero that was set stays set');

    // What pod admission looks up: the service account and the priority class.
    await ok(['create', 'serviceaccount', 'runner']);
    await ok(['create', 'priorityclass', 'rich-priority', '--value=500', '--preemption-policy=Never']);
    await ok(
      ['create', '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'original' }, spec }),
    );
    await ok(['debug', 'original', '--copy-to=copied', '--image=busybox', '--container=debugger']);
    const original = (await json(['get', 'pod', 'original'])).spec;
    const copied = (await json(['get', 'pod', 'copied'])).spec;
    assert.deepEqual(copied.containers.slice(0, -1), original.containers);
    assert.equal(copied.containers.at(-1).name, 'debugger');
    for (const field of [
      'volumes',
      'initContainers',
      'affinity',
      'tolerations',
      'topologySpreadConstraints',
      'securityContext',
      'os',
      'hostUsers',
      'dnsConfig',
      'hostAliases',
      'automountServiceAccountToken',
      'enableServiceLinks',
    ]) {
      assert.deepEqual(copied[field], original[field], field);
    }
  });

  it('refuses a protobuf body with a field it cannot read, naming it, and stores nothing', async () => {
    const template = {
      spec: {
        containers: [{ name: 'c', image: 'x' }],
        resourceClaims: [{ name: 'gpu', resourceClaimName: 'gpu-claim' }],
        restartPolicy: 'Never',
      },
    };
    await ok(
      ['create', '-f', '-'],
      JSON.stringify({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'claims' },
        spec: { schedule: '@daily', jobTemplate: { spec: { template } } },
      }),
    );
    const refused = await s.run(['create', 'job', 'claims-now', '--from=cronjob/claims']);
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.stderr,
      /cannot read field 39 of spec\.template\.spec in that encoding; send it as JSON or YAML/,
    );
    assert.match((await s.run(['get', 'job', 'claims-now'])).stderr, /NotFound/);
  });

  it('approves and denies certificate signing requests, naming their requestor', async () => {
    const keys = forge.pki.rsa.generateKeyPair(2048);
    const csrPem = forge.pki.createCertificationRequest();
    csrPem.publicKey = keys.publicKey;
    csrPem.setSubject([{ name: 'commonName', value: 'carol' }]);
    csrPem.sign(keys.privateKey);
    const request = Buffer.from(forge.pki.certificationRequestToPem(csrPem)).toString('base64');
    for (const name of ['carol', 'dave']) {
      const csr = {
        apiVersion: 'certificates.k8s.io/v1',
        kind: 'CertificateSigningRequest',
        metadata: { name },
        spec: {
          request,
          signerName: 'kubernetes.io/kube-apiserver-client',
          usages: ['client auth'],
          expirationSeconds: 86400,
          username: 'forged',
        },
      };
      await ok(['create', '-f', '-'], JSON.stringify(csr));
    }
    await ok(['certificate', 'approve', 'carol']);
    await ok(['certificate', 'deny', 'dave']);
    const carol = await json(['get', 'csr', 'carol']);
    assert.equal(carol.spec.request, request, 'the request bytes survive the protobuf round trip');
    assert.deepEqual(
      carol.status.conditions.map((c: { type: string; status: string }) => [c.type, c.status]),
      [['Approved', 'True']],
    );
    const table = (await ok(['get', 'csr']))
      .trim()
      .split('\n')
      .map((line) => line.split(/\s{2,}/));
    assert.deepEqual(table[0], ['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION']);
    const rows = new Map(table.slice(1).map((r) => [r[0], [r[2], r[3], r[4], r[5]]]));
    // The requestor is the user who sent the request (this server's administrator), not what the request claimed.
    assert.notEqual(rows.get('carol')![1], 'forged');
    assert.deepEqual(rows.get('carol'), [
      'kubernetes.io/kube-apiserver-client',
      carol.spec.username,
      '24h',
      'Approved',
    ]);
    assert.deepEqual(rows.get('dave')![3], 'Denied');
  });
});

/** A pod spec using most of what a pod spec can hold, each value distinct, so that a field decoded into another shows. */
function richPodSpec(): Record<string, unknown> {
  const probe = (handler: object) => ({
    ...handler,
    initialDelaySeconds: 3,
    timeoutSeconds: 2,
    periodSeconds: 7,
    successThreshold: 1,
    failureThreshold: 5,
    terminationGracePeriodSeconds: 9,
  });
  return {
    volumes: [
      {
        name: 'cfg',
        configMap: {
          name: 'app-config',
          items: [{ key: 'a', path: 'a.txt', mode: 0o400 }],
          defaultMode: 0o644,
          optional: true,
        },
      },
      { name: 'sec', secret: { secretName: 'app-secret', optional: false } },
      { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data-claim', readOnly: true } },
      { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
      {
        name: 'info',
        downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'cpu', resourceFieldRef: { containerName: 'main', resource: 'limits.cpu', divisor: '1m' } },
          ],
        },
      },
      {
        name: 'proj',
        projected: {
          sources: [
            { serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } },
            { configMap: { name: 'extra', items: [{ key: 'k', path: 'k' }] } },
          ],
        },
      },
      {
        name: 'eph',
        ephemeral: {
          volumeClaimTemplate: {
            metadata: { labels: { tier: 'cache' } },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '1Gi' } },
              storageClassName: 'fast',
            },
          },
        },
      },
      { name: 'nfs', nfs: { server: 'nfs.example.com', path: '/exports', readOnly: true } },
    ],
    initContainers: [
      {
        name: 'sidecar',
        image: 'envoy:1',
        restartPolicy: 'Always',
        ports: [{ name: 'admin', containerPort: 9901, protocol: 'TCP' }],
        startupProbe: probe({ tcpSocket: { port: 9901 } }),
      },
      { name: 'migrate', image: 'tool:2', command: ['migrate'], args: ['--up'], workingDir: '/work' },
    ],
    containers: [
      {
        name: 'main',
        image: 'app:3',
        imagePullPolicy: 'IfNotPresent',
        ports: [{ name: 'http', containerPort: 8080, hostPort: 18080, protocol: 'TCP' }],
        env: [
          { name: 'PLAIN', value: 'v' },
          { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
          { name: 'CFG', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'mode', optional: true } } },
          { name: 'PASS', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'password' } } },
        ],
        envFrom: [
          { prefix: 'CM_', configMapRef: { name: 'app-config' } },
          { secretRef: { name: 'app-secret', optional: true } },
        ],
        resources: {
          limits: { cpu: '2', memory: '1Gi' },
          requests: { cpu: '500m', memory: '256Mi' },
          claims: [{ name: 'gpu', request: 'one' }],
        },
        resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }],
        volumeMounts: [
          { name: 'cfg', mountPath: '/etc/app', readOnly: true },
          { name: 'data', mountPath: '/data', subPath: 'app', mountPropagation: 'HostToContainer' },
        ],
        livenessProbe: probe({
          httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X-Probe', value: '1' }] },
        }),
        readinessProbe: probe({ grpc: { port: 9090, service: 'ready' } }),
        lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo up'] } }, preStop: { sleep: { seconds: 5 } } },
        securityContext: {
          runAsUser: 1000,
          runAsGroup: 0,
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          privileged: false,
          capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
          appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-app' },
        },
        terminationMessagePolicy: 'FallbackToLogsOnError',
        stdin: true,
        tty: true,
      },
    ],
    terminationGracePeriodSeconds: 0,
    activeDeadlineSeconds: 600,
    dnsPolicy: 'None',
    dnsConfig: { nameservers: ['10.0.0.10'], searches: ['svc.local'], options: [{ name: 'ndots', value: '2' }] },
    nodeSelector: { disk: 'ssd' },
    serviceAccountName: 'runner',
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    shareProcessNamespace: true,
    hostNetwork: true,
    hostname: 'rich-host',
    subdomain: 'rich',
    imagePullSecrets: [{ name: 'registry' }],
    priorityClassName: 'rich-priority',
    runtimeClassName: 'gvisor',
    preemptionPolicy: 'Never',
    setHostnameAsFQDN: true,
    hostUsers: false,
    os: { name: 'linux' },
    schedulingGates: [{ name: 'example.com/quota' }],
    readinessGates: [{ conditionType: 'example.com/ready' }],
    hostAliases: [{ ip: '10.1.2.3', hostnames: ['db.local'] }],
    securityContext: {
      runAsUser: 2000,
      fsGroup: 3000,
      fsGroupChangePolicy: 'OnRootMismatch',
      supplementalGroups: [4000, 5000],
      sysctls: [{ name: 'net.core.somaxconn', value: '1024' }],
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/app.json' },
      seLinuxOptions: { level: 's0:c123,c456' },
      appArmorProfile: { type: 'RuntimeDefault' },
    },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }],
              matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['bad-node'] }],
            },
          ],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 10, preference: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } },
        ],
      },
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchLabels: { app: 'cache' } },
            topologyKey: 'kubernetes.io/hostname',
            namespaces: ['cache'],
            matchLabelKeys: ['pod-template-hash'],
          },
        ],
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 50,
            podAffinityTerm: {
              labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['rich'] }] },
              topologyKey: 'zone',
              namespaceSelector: {},
              mismatchLabelKeys: ['tenant'],
            },
          },
        ],
      },
    },
    tolerations: [
      { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 },
    ],
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'rich' } },
        minDomains: 2,
        nodeAffinityPolicy: 'Honor',
        nodeTaintsPolicy: 'Ignore',
        matchLabelKeys: ['pod-template-hash'],
      },
    ],
  };
}
