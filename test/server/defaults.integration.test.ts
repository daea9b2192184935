// What a client reads back after creating the common built-in kinds, as kube-apiserver 1.35 answers: the
// defaults of the API types (SetDefaults_*) and what the strategies add at create (a Job's selector, a Service's
// addresses, initial status). Checked on the wire and through kubectl.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { suiteKubectlSession } from '../helpers/server.ts';
import { call } from '../helpers/server-http.ts';
import { sharedSkip } from '../helpers/shared.ts';

type Obj = Record<string, any>;

const container = { name: 'c', image: 'nginx' };
const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [container] } };
/** A pod template's spec as kube-apiserver defaults it (no admission: templates are not pods). */
const defaultedTemplateSpec = {
  containers: [
    {
      name: 'c',
      image: 'nginx',
      imagePullPolicy: 'Always',
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    },
  ],
  restartPolicy: 'Always',
  dnsPolicy: 'ClusterFirst',
  schedulerName: 'default-scheduler',
  terminationGracePeriodSeconds: 30,
  securityContext: {},
};

describe('built-in defaults on create and update', { skip: sharedSkip || kubectlSkip }, () => {
  const s = suiteKubectlSession();
  const create = async (path: string, body: Obj): Promise<Obj> => {
    const r = await call(s.server.url, 'POST', path, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };

  it('defaults a Pod: service links, probes, ports, env field references, volumes, limits as requests and the QoS class', async () => {
    const pod = await create('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'probed' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
            env: [{ name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
            livenessProbe: { httpGet: { port: 80 } },
            readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
            resources: { limits: { cpu: '100m', memory: '64Mi' } },
          },
        ],
        volumes: [
          { name: 'scratch' },
          { name: 'conf', configMap: { name: 'c' } },
          { name: 'host', hostPath: { path: '/tmp' } },
        ],
      },
    });
    const spec = pod.spec;
    const c = spec.containers[0];
    assert.equal(c.imagePullPolicy, 'IfNotPresent');
    assert.deepEqual(c.ports, [
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 53, protocol: 'UDP' },
    ]);
    assert.deepEqual(c.env[0].valueFrom.fieldRef, { apiVersion: 'v1', fieldPath: 'metadata.namespace' });
    assert.deepEqual(c.livenessProbe, {
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    assert.deepEqual(c.readinessProbe, {
      tcpSocket: { port: 80 },
      timeoutSeconds: 1,
      periodSeconds: 5,
      successThreshold: 1,
      failureThreshold: 3,
    });
    assert.deepEqual(c.resources, {
      limits: { cpu: '100m', memory: '64Mi' },
      requests: { cpu: '100m', memory: '64Mi' },
    });
    assert.deepEqual(spec.volumes.slice(0, 3), [
      { name: 'scratch', emptyDir: {} },
      { name: 'conf', configMap: { name: 'c', defaultMode: 420 } },
      { name: 'host', hostPath: { path: '/tmp', type: '' } },
    ]);
    assert.equal(spec.enableServiceLinks, true);
    assert.deepEqual(pod.status, { phase: 'Pending', qosClass: 'Guaranteed' });

    const burstable = await create('/api/v1/namespaces/default/pods', {
      metadata: { name: 'burstable' },
      spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1' } } }] },
    });
    assert.equal(burstable.status.qosClass, 'Burstable');
    // Requests and limits compare as amounts: 1 CPU is 1000m, 1Gi is 1024Mi; zero requests count for nothing.
    const spelled = await create('/api/v1/namespaces/default/pods', {
      metadata: { name: 'spelled' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'x',
            resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } },
          },
        ],
      },
    });
    assert.equal(spelled.status.qosClass, 'Guaranteed');
    const zero = await create('/api/v1/namespaces/default/pods', {
      metadata: { name: 'zero' },
      spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '0', memory: '0Mi' } } }] },
    });
    assert.equal(zero.status.qosClass, 'BestEffort');

    // Defaults apply again on update: a replacement without them reads back defaulted.
    const replaced = structuredClone(pod);
    delete replaced.spec.enableServiceLinks;
    delete replaced.spec.containers[0].livenessProbe.timeoutSeconds;
    const put = await call(s.server.url, 'PUT', '/api/v1/namespaces/default/pods/probed', replaced);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal((put.body as Obj).spec.enableServiceLinks, true);
    assert.equal((put.body as Obj).spec.containers[0].livenessProbe.timeoutSeconds, 1);
  });

  it('gives a Job its selector and the job-name and controller-uid labels, and the Job defaults', async () => {
    const job = await create('/apis/batch/v1/namespaces/default/jobs', {
      metadata: { name: 'pi' },
      spec: { template: { spec: { containers: [container], restartPolicy: 'Never' } } },
    });
    const uid = job.metadata.uid;
    const labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    assert.deepEqual(job.spec.template.metadata.labels, labels);
    assert.deepEqual(job.metadata.labels, labels);
    const { selector: _s, template: _t, ...rest } = job.spec;
    assert.deepEqual(rest, {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
    });
    assert.deepEqual(job.status, {});

    const indexed = await create('/apis/batch/v1/namespaces/default/jobs', {
      metadata: { name: 'indexed', labels: { team: 'a' } },
      spec: {
        completions: 4,
        completionMode: 'Indexed',
        backoffLimitPerIndex: 1,
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
        template: { spec: { containers: [container], restartPolicy: 'Never' } },
      },
    });
    assert.equal(indexed.spec.parallelism, 1);
    assert.equal(indexed.spec.backoffLimit, 2147483647);
    assert.equal(indexed.spec.podReplacementPolicy, 'Failed');
    assert.deepEqual(indexed.spec.podFailurePolicy.rules[0].onPodConditions, [
      { type: 'DisruptionTarget', status: 'True' },
    ]);
    assert.deepEqual(indexed.metadata.labels, { team: 'a' });

    const manual = await create('/apis/batch/v1/namespaces/default/jobs', {
      metadata: { name: 'manual' },
      spec: {
        manualSelector: true,
        selector: { matchLabels: { app: 'x' } },
        template: { metadata: { labels: { app: 'x' } }, spec: { containers: [container], restartPolicy: 'Never' } },
      },
    });
    assert.deepEqual(manual.spec.selector, { matchLabels: { app: 'x' } });
    assert.deepEqual(manual.spec.template.metadata.labels, { app: 'x' });
  });

  it('defaults CronJobs, StatefulSets, DaemonSets, ReplicaSets and ReplicationControllers', async () => {
    const cron = await create('/apis/batch/v1/namespaces/default/cronjobs', {
      metadata: { name: 'tick' },
      spec: {
        schedule: '* * * * *',
        jobTemplate: { spec: { template: { spec: { containers: [container], restartPolicy: 'OnFailure' } } } },
      },
    });
    assert.deepEqual(
      { ...cron.spec, jobTemplate: undefined },
      {
        schedule: '* * * * *',
        concurrencyPolicy: 'Allow',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: undefined,
      },
    );
    assert.deepEqual(cron.spec.jobTemplate.spec.template.spec, {
      ...defaultedTemplateSpec,
      restartPolicy: 'OnFailure',
    });
    assert.deepEqual(cron.status, {});

    const sts = await create('/apis/apps/v1/namespaces/default/statefulsets', {
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'x' } },
        template,
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    });
    assert.equal(sts.spec.replicas, 1);
    assert.equal(sts.spec.podManagementPolicy, 'OrderedReady');
    assert.equal(sts.spec.revisionHistoryLimit, 10);
    assert.deepEqual(sts.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    assert.equal(sts.spec.volumeClaimTemplates[0].spec.volumeMode, 'Filesystem');
    assert.deepEqual(sts.spec.volumeClaimTemplates[0].status, { phase: 'Pending' });
    assert.deepEqual(sts.spec.template.spec, defaultedTemplateSpec);
    assert.deepEqual(sts.status, { replicas: 0 });

    const ds = await create('/apis/apps/v1/namespaces/default/daemonsets', {
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'x' } }, template },
    });
    assert.deepEqual(ds.spec.updateStrategy, {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    assert.equal(ds.spec.revisionHistoryLimit, 10);
    assert.deepEqual(ds.status, {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    });

    const rs = await create('/apis/apps/v1/namespaces/default/replicasets', {
      metadata: { name: 'rs' },
      spec: { selector: { matchLabels: { app: 'x' } }, template },
    });
    assert.equal(rs.spec.replicas, 1);
    assert.deepEqual(rs.spec.template.spec, defaultedTemplateSpec);

    const rc = await create('/api/v1/namespaces/default/replicationcontrollers', {
      metadata: { name: 'rc' },
      spec: { template },
    });
    assert.deepEqual(rc.spec.selector, { app: 'x' });
    assert.deepEqual(rc.metadata.labels, { app: 'x' });

    const podTemplate = await create('/api/v1/namespaces/default/podtemplates', { metadata: { name: 'pt' }, template });
    assert.deepEqual(podTemplate.template.spec, defaultedTemplateSpec);
  });

  it('gives each Service its own address and node ports, refuses taken ones, and a dry run holds nothing', async () => {
    const services = '/api/v1/namespaces/kube-public/services';
    const tryCreate = (name: string, spec: Obj, query = '') =>
      call(s.server.url, 'POST', `${services}${query}`, {
        metadata: { name },
        spec: { ports: [{ port: 80 }], ...spec },
      });
    const dry = await tryCreate('first', {}, '?dryRun=All');
    assert.equal(dry.status, 201);
    const first = await create(services, { metadata: { name: 'first' }, spec: { ports: [{ port: 80 }] } });
    assert.equal(first.spec.clusterIP, (dry.body as Obj).spec.clusterIP, 'the dry run allocated nothing');
    const second = await create(services, {
      metadata: { name: 'second' },
      spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 81 }] },
    });
    assert.notEqual(second.spec.clusterIP, first.spec.clusterIP);
    // The API server's own Service holds 10.96.0.1, its Endpoints and EndpointSlice the address it listens on.
    const row = await s.run(['get', 'service', 'kubernetes', '-n', 'default', '--no-headers']);
    assert.match(row.stdout, /^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\d+s$/m);
    assert.ok(![first.spec.clusterIP, second.spec.clusterIP].includes('10.96.0.1'));
    const port = new URL(s.server.url).port;
    const slice = await s.run([
      'get',
      'endpointslices',
      'kubernetes',
      '-n',
      'default',
      '-o',
      'jsonpath={.addressType} {.endpoints[0].addresses[0]} {.ports[0].port}',
    ]);
    assert.equal(slice.stdout, `IPv4 127.0.0.1 ${port}`);
    const endpoints = await call(s.server.url, 'GET', '/api/v1/namespaces/default/endpoints/kubernetes');
    assert.deepEqual((endpoints.body as Obj).subsets, [
      { addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: Number(port), protocol: 'TCP' }] },
    ]);
    assert.notEqual(second.spec.ports[0].nodePort, second.spec.ports[1].nodePort);

    const before = s.server.resourceVersion;
    const takenIp = await tryCreate('third', { clusterIP: first.spec.clusterIP });
    assert.equal(takenIp.status, 422);
    assert.equal(
      takenIp.body.message,
      `Service "third" is invalid: spec.clusterIPs: Invalid value: []string{"${first.spec.clusterIP}"}: failed to allocate IP ${first.spec.clusterIP}: provided IP is already allocated`,
    );
    const nodePort = second.spec.ports[1].nodePort;
    const takenPort = await tryCreate('third', { type: 'NodePort', ports: [{ port: 80, nodePort }] });
    assert.equal(takenPort.status, 422);
    assert.equal(
      takenPort.body.message,
      `Service "third" is invalid: spec.ports[0].nodePort: Invalid value: ${nodePort}: provided port is already allocated`,
    );
    assert.equal(s.server.resourceVersion, before, 'nothing was stored');

    // A ClusterIP Service turned into a NodePort one gets a node port no other Service holds.
    const turned = await call(s.server.url, 'PUT', `${services}/first`, {
      ...first,
      spec: { ...first.spec, type: 'NodePort' },
    });
    assert.equal(turned.status, 200, JSON.stringify(turned.body));
    const given = (turned.body as Obj).spec.ports[0].nodePort;
    assert.ok(
      given >= 30000 && given <= 32767 && !second.spec.ports.some((p: Obj) => p.nodePort === given),
      `node port ${given}`,
    );
    assert.equal((turned.body as Obj).spec.clusterIP, first.spec.clusterIP);
  });

  it('defaults Services, claims, volumes, network policies, ingresses and autoscalers', async () => {
    const svc = await create('/api/v1/namespaces/default/services', {
      metadata: { name: 'np' },
      spec: { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80 }] },
    });
    assert.equal(svc.spec.sessionAffinity, 'None');
    assert.equal(svc.spec.externalTrafficPolicy, 'Cluster');
    assert.equal(svc.spec.internalTrafficPolicy, 'Cluster');
    assert.deepEqual(svc.spec.ipFamilies, ['IPv4']);
    assert.equal(svc.spec.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual(svc.spec.clusterIPs, [svc.spec.clusterIP]);
    const port = svc.spec.ports[0];
    assert.equal(port.protocol, 'TCP');
    assert.equal(port.targetPort, 80);
    assert.ok(port.nodePort >= 30000 && port.nodePort <= 32767, `node port ${port.nodePort}`);
    const headless = await create('/api/v1/namespaces/default/services', {
      metadata: { name: 'headless' },
      spec: { clusterIP: 'None', ports: [{ port: 80 }] },
    });
    assert.deepEqual(headless.spec.clusterIPs, ['None']);
    assert.equal(headless.spec.ipFamilyPolicy, 'RequireDualStack');
    const lb = await create('/api/v1/namespaces/default/services', {
      metadata: { name: 'lb' },
      spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 443 }] },
    });
    assert.equal(lb.spec.allocateLoadBalancerNodePorts, true);
    assert.deepEqual(lb.spec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });

    const pvc = await create('/api/v1/namespaces/default/persistentvolumeclaims', {
      metadata: { name: 'claim' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    assert.equal(pvc.spec.volumeMode, 'Filesystem');
    assert.equal(pvc.spec.storageClassName, undefined, 'no default StorageClass exists');
    assert.deepEqual(pvc.status, { phase: 'Pending' });
    const pv = await create('/api/v1/persistentvolumes', {
      metadata: { name: 'vol' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    });
    assert.equal(pv.spec.persistentVolumeReclaimPolicy, 'Retain');
    assert.equal(pv.spec.volumeMode, 'Filesystem');
    assert.deepEqual(pv.spec.hostPath, { path: '/data', type: '' });
    assert.deepEqual(pv.status, { phase: 'Pending' });

    const ingressOnly = await create('/apis/networking.k8s.io/v1/namespaces/default/networkpolicies', {
      metadata: { name: 'deny' },
      spec: { podSelector: {} },
    });
    assert.deepEqual(ingressOnly.spec.policyTypes, ['Ingress']);
    const both = await create('/apis/networking.k8s.io/v1/namespaces/default/networkpolicies', {
      metadata: { name: 'both' },
      spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] },
    });
    assert.deepEqual(both.spec.policyTypes, ['Ingress', 'Egress']);
    assert.deepEqual(both.spec.egress[0].ports, [{ port: 53, protocol: 'TCP' }]);

    const ing = await create('/apis/networking.k8s.io/v1/namespaces/default/ingresses', {
      metadata: { name: 'web' },
      spec: { defaultBackend: { service: { name: 'np', port: { number: 80 } } } },
    });
    assert.deepEqual(ing.status, { loadBalancer: {} });

    const hpa = await create('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', {
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        maxReplicas: 5,
        behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
      },
    });
    assert.equal(hpa.spec.minReplicas, 1);
    assert.deepEqual(hpa.status, { desiredReplicas: 0 });
    assert.deepEqual(hpa.spec.metrics, [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
    ]);
    assert.deepEqual(hpa.spec.behavior, {
      scaleDown: {
        stabilizationWindowSeconds: 60,
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      },
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
    });
  });

  it('shows the defaults through kubectl create job, cronjob and deployment', async () => {
    const job = JSON.parse((await s.run(['create', 'job', 'kjob', '--image=busybox', '-o', 'json'])).stdout) as Obj;
    assert.equal(job.spec.template.metadata.labels['batch.kubernetes.io/job-name'], 'kjob');
    assert.equal(job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'], job.metadata.uid);
    assert.equal(job.spec.backoffLimit, 6);
    // The request's manager owns what it sent and the defaults, not what the strategy generated.
    const jobFields = JSON.stringify(
      (JSON.parse((await s.run(['get', 'job', 'kjob', '-o', 'json', '--show-managed-fields'])).stdout) as Obj).metadata
        .managedFields,
    );
    assert.match(jobFields, /"f:backoffLimit"/);
    assert.doesNotMatch(jobFields, /f:selector|controller-uid/);
    const svc = JSON.parse(
      (await s.run(['create', 'service', 'clusterip', 'ksvc', '--tcp=80:8080', '-o', 'json', '--show-managed-fields']))
        .stdout,
    ) as Obj;
    assert.deepEqual(Object.keys(svc.metadata.managedFields[0].fieldsV1['f:spec']).sort(), [
      'f:internalTrafficPolicy',
      'f:ports',
      'f:selector',
      'f:sessionAffinity',
      'f:type',
    ]);
    const selector = await s.run(['get', 'job', 'kjob', '-o', 'wide', '--no-headers']);
    assert.match(selector.stdout, new RegExp(`batch.kubernetes.io/controller-uid=${job.metadata.uid}`));

    const cron = await s.run([
      'create',
      'cronjob',
      'kcron',
      '--image=busybox',
      '--schedule=*/5 * * * *',
      '-o',
      'jsonpath={.spec.concurrencyPolicy} {.spec.suspend} {.spec.successfulJobsHistoryLimit} {.spec.failedJobsHistoryLimit}',
    ]);
    assert.equal(cron.stdout, 'Allow false 3 1');
    const deploy = await s.run(['create', 'deployment', 'kdeploy', '--image=nginx', '--port=8080', '-o', 'json']);
    const d = JSON.parse(deploy.stdout) as Obj;
    assert.deepEqual(d.spec.strategy, {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    assert.deepEqual(d.spec.template.spec.containers[0].ports, [{ containerPort: 8080, protocol: 'TCP' }]);
    assert.equal(d.spec.template.spec.enableServiceLinks, undefined, 'templates get no pod-only defaults');
    assert.equal(d.spec.template.spec.serviceAccountName, undefined, 'templates are not admitted as pods');
  });
});
