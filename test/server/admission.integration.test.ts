// The admission plugins kube-apiserver 1.35 enables by default that change what is created (ServiceAccount,
// Priority, DefaultTolerationSeconds, DefaultStorageClass, StorageObjectInUseProtection) and what kube-controller-manager keeps in every
// namespace (the `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap). Wire and kubectl.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { kubectlSession, suiteKubectlSession } from '../helpers/server.ts';
import { call } from '../helpers/server-http.ts';
import { sharedSkip } from '../helpers/shared.ts';

type Obj = Record<string, any>;

const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('default admission plugins and namespace controllers', { skip: sharedSkip || kubectlSkip }, () => {
  const s = suiteKubectlSession();
  const createPod = (namespace: string, body: Obj) =>
    call(s.server.url, 'POST', `/api/v1/namespaces/${namespace}/pods`, { apiVersion: 'v1', kind: 'Pod', ...body });

  it('kubectl run: default service account, token volume mounted read-only, priority 0 and the default tolerations', async () => {
    const r = await s.run(['run', 'p1', '--image=nginx', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const spec = (JSON.parse(r.stdout) as Obj).spec;
    assert.equal(spec.serviceAccountName, 'default');
    assert.equal(spec.serviceAccount, 'default');
    assert.equal(spec.priority, 0);
    assert.equal(spec.preemptionPolicy, 'PreemptLowerPriority');
    assert.equal(spec.enableServiceLinks, true);
    assert.deepEqual(spec.tolerations, [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    assert.equal(spec.volumes.length, 1);
    const volume = spec.volumes[0];
    assert.match(volume.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(volume.projected, {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    });
    assert.deepEqual(spec.containers[0].volumeMounts, [{ name: volume.name, readOnly: true, mountPath }]);
    // The admission's additions are not the client's: kubectl's manager owns no volumes or tolerations.
    const managed = await s.run([
      'get',
      'pod',
      'p1',
      '-o',
      'jsonpath={.metadata.managedFields[0].fieldsV1.f:spec}',
      '--show-managed-fields',
    ]);
    assert.doesNotMatch(managed.stdout, /f:volumes|f:tolerations|f:serviceAccountName|f:priority/);
  });

  it('mounts the token in init containers too, keeps existing mounts and tolerations, and honours automount opt-outs', async () => {
    const r = await createPod('default', {
      metadata: { name: 'mixed' },
      spec: {
        initContainers: [{ name: 'init', image: 'busybox' }],
        containers: [
          { name: 'a', image: 'nginx' },
          { name: 'b', image: 'nginx', volumeMounts: [{ name: 'own', mountPath }] },
        ],
        volumes: [{ name: 'own', emptyDir: {} }],
        tolerations: [
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
        ],
      },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const spec = (r.body as Obj).spec;
    const token = spec.volumes[1].name;
    assert.match(token, /^kube-api-access-/);
    assert.deepEqual(spec.initContainers[0].volumeMounts, [{ name: token, readOnly: true, mountPath }]);
    assert.deepEqual(spec.containers[0].volumeMounts, [{ name: token, readOnly: true, mountPath }]);
    assert.deepEqual(spec.containers[1].volumeMounts, [{ name: 'own', mountPath }]);
    assert.deepEqual(
      spec.tolerations.map((t: Obj) => `${t.key}=${t.tolerationSeconds}`),
      ['node.kubernetes.io/unreachable=60', 'node.kubernetes.io/not-ready=300'],
    );

    const podOptOut = await createPod('default', {
      metadata: { name: 'no-token' },
      spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image: 'nginx' }] },
    });
    assert.equal(podOptOut.status, 201);
    assert.equal((podOptOut.body as Obj).spec.volumes, undefined);
    assert.equal((podOptOut.body as Obj).spec.containers[0].volumeMounts, undefined);
    assert.equal((podOptOut.body as Obj).spec.serviceAccountName, 'default');

    assert.equal(
      (
        await call(s.server.url, 'POST', '/api/v1/namespaces/default/serviceaccounts', {
          metadata: { name: 'quiet' },
          automountServiceAccountToken: false,
        })
      ).status,
      201,
    );
    const saOptOut = await createPod('default', {
      metadata: { name: 'quiet-pod' },
      spec: { serviceAccountName: 'quiet', containers: [{ name: 'c', image: 'nginx' }] },
    });
    assert.equal(saOptOut.status, 201);
    assert.equal((saOptOut.body as Obj).spec.volumes, undefined);
    assert.equal((saOptOut.body as Obj).spec.serviceAccount, 'quiet');
    const podOverrides = await createPod('default', {
      metadata: { name: 'loud-pod' },
      spec: {
        serviceAccountName: 'quiet',
        automountServiceAccountToken: true,
        containers: [{ name: 'c', image: 'nginx' }],
      },
    });
    assert.equal((podOverrides.body as Obj).spec.volumes.length, 1);
  });

  it('refuses a pod whose service account or priority class does not exist, as kube-apiserver does', async () => {
    const missing = await createPod('default', {
      metadata: { name: 'ghost' },
      spec: { serviceAccountName: 'nobody', containers: [{ name: 'c', image: 'nginx' }] },
    });
    assert.equal(missing.status, 403);
    assert.deepEqual(missing.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'pods "ghost" is forbidden: error looking up service account default/nobody: serviceaccount "nobody" not found',
      reason: 'Forbidden',
      details: { name: 'ghost', kind: 'pods' },
      code: 403,
    });
    const viaKubectl = await s.run([
      'run',
      'ghost',
      '--image=nginx',
      '--overrides={"spec":{"serviceAccountName":"nobody"}}',
    ]);
    assert.equal(
      viaKubectl.stderr.trim(),
      'Error from server (Forbidden): pods "ghost" is forbidden: error looking up service account default/nobody: serviceaccount "nobody" not found',
    );

    const noClass = await createPod('default', {
      metadata: { name: 'classless' },
      spec: { priorityClassName: 'gold', containers: [{ name: 'c', image: 'nginx' }] },
    });
    assert.equal(noClass.status, 403);
    assert.equal(
      (noClass.body as Obj).message,
      'pods "classless" is forbidden: no PriorityClass with name gold was found',
    );
    const wrongPriority = await createPod('default', {
      metadata: { name: 'eager' },
      spec: { priority: 7, containers: [{ name: 'c', image: 'nginx' }] },
    });
    assert.equal(wrongPriority.status, 403);
    assert.equal(
      (wrongPriority.body as Obj).message,
      'pods "eager" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });

  it('takes priority from the named class, the system classes and a global default', async () => {
    const pcs = await s.run([
      'get',
      'priorityclasses',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}={.value} {end}',
    ]);
    assert.equal(pcs.stdout.trim(), 'system-cluster-critical=2000000000 system-node-critical=2000001000');
    const critical = await createPod('kube-system', {
      metadata: { name: 'critical' },
      spec: { priorityClassName: 'system-node-critical', containers: [{ name: 'c', image: 'x' }] },
    });
    assert.equal((critical.body as Obj).spec.priority, 2000001000);
    assert.equal(
      (
        await call(s.server.url, 'POST', '/apis/scheduling.k8s.io/v1/priorityclasses', {
          metadata: { name: 'batch-low' },
          value: 100,
          globalDefault: true,
          preemptionPolicy: 'Never',
        })
      ).status,
      201,
    );
    try {
      const pod = await createPod('default', {
        metadata: { name: 'defaulted-class' },
        spec: { containers: [{ name: 'c', image: 'x' }] },
      });
      const spec = (pod.body as Obj).spec;
      assert.deepEqual([spec.priorityClassName, spec.priority, spec.preemptionPolicy], ['batch-low', 100, 'Never']);
    } finally {
      await call(s.server.url, 'DELETE', '/apis/scheduling.k8s.io/v1/priorityclasses/batch-low');
    }
    const undeletable = await s.run(['delete', 'priorityclass', 'system-node-critical']);
    assert.notEqual(undeletable.code, 0);
    assert.match(
      undeletable.stderr,
      /priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted/,
    );
    assert.equal(
      (await call(s.server.url, 'GET', '/apis/scheduling.k8s.io/v1/priorityclasses/system-node-critical')).status,
      200,
    );
  });

  it('gives a claim without a class the default StorageClass only when one exists', async () => {
    const claim = (name: string, extra: Obj = {}) => ({
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
    });
    const before = await call(s.server.url, 'POST', '/api/v1/namespaces/default/persistentvolumeclaims', claim('c0'));
    assert.equal((before.body as Obj).spec.storageClassName, undefined);
    const sc = await call(s.server.url, 'POST', '/apis/storage.k8s.io/v1/storageclasses', {
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'example.com/disk',
    });
    assert.equal(sc.status, 201);
    assert.equal((sc.body as Obj).reclaimPolicy, 'Delete');
    assert.equal((sc.body as Obj).volumeBindingMode, 'Immediate');
    const after = await call(s.server.url, 'POST', '/api/v1/namespaces/default/persistentvolumeclaims', claim('c1'));
    assert.equal((after.body as Obj).spec.storageClassName, 'standard');
    const explicit = await call(
      s.server.url,
      'POST',
      '/api/v1/namespaces/default/persistentvolumeclaims',
      claim('c2', { storageClassName: '' }),
    );
    assert.equal((explicit.body as Obj).spec.storageClassName, '');
  });

  it('protects claims in use and volumes with finalizers, released by the protection controllers', async () => {
    const claimPath = '/api/v1/namespaces/default/persistentvolumeclaims';
    const made = await call(s.server.url, 'POST', claimPath, {
      metadata: { name: 'used' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '1Gi' } } },
    });
    assert.deepEqual((made.body as Obj).metadata.finalizers, ['kubernetes.io/pvc-protection']);
    const pod = await createPod('default', {
      metadata: { name: 'mounter' },
      spec: {
        containers: [{ name: 'c', image: 'x' }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'used' } }],
      },
    });
    assert.equal(pod.status, 201);
    assert.equal((await s.run(['delete', 'pvc', 'used', '--wait=false'])).code, 0);
    await new Promise((r) => setTimeout(r, 50));
    const terminating = await s.run(['get', 'pvc', 'used', '--no-headers']);
    assert.match(terminating.stdout, /^used\s+Terminating/);
    assert.equal((await s.run(['delete', 'pod', 'mounter'])).code, 0);
    await until(
      async () => ((await call(s.server.url, 'GET', `${claimPath}/used`)).status === 404 ? true : undefined),
      'the claim to go once unused',
    );

    const pv = await call(s.server.url, 'POST', '/api/v1/persistentvolumes', {
      metadata: { name: 'pv-1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } },
    });
    assert.deepEqual((pv.body as Obj).metadata.finalizers, ['kubernetes.io/pv-protection']);
    // An unbound volume goes at once (kubectl waits for it to be gone).
    assert.equal((await s.run(['delete', 'pv', 'pv-1', '--timeout=10s'])).code, 0);
    assert.equal((await call(s.server.url, 'GET', '/api/v1/persistentvolumes/pv-1')).status, 404);
  });

  it('every namespace has a default ServiceAccount and a kube-root-ca.crt ConfigMap, kept there by the controllers', async () => {
    const listed = await s.run([
      'get',
      'sa,cm',
      '-A',
      '--no-headers',
      '-o',
      'custom-columns=NS:.metadata.namespace,KIND:.kind,NAME:.metadata.name',
    ]);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      assert.match(listed.stdout, new RegExp(`^${ns}\\s+ServiceAccount\\s+default$`, 'm'));
      assert.match(listed.stdout, new RegExp(`^${ns}\\s+ConfigMap\\s+kube-root-ca.crt$`, 'm'));
    }
    assert.equal((await s.run(['create', 'namespace', 'fresh'])).code, 0);
    const fresh = await s.run(['get', 'sa,cm', '-n', 'fresh', '-o', 'name']);
    assert.equal(fresh.stdout.trim(), 'serviceaccount/default\nconfigmap/kube-root-ca.crt');
    // A pod can be created at once in the new namespace.
    assert.equal((await s.run(['run', 'first', '-n', 'fresh', '--image=nginx'])).code, 0);

    const cm = (await call(s.server.url, 'GET', '/api/v1/namespaces/fresh/configmaps/kube-root-ca.crt')).body as Obj;
    const pem = cm.data['ca.crt'] as string;
    assert.ok(new X509Certificate(pem).ca, 'ca.crt holds a CA certificate');
    assert.match(
      cm.metadata.annotations['kubernetes.io/description'],
      /^Contains a CA bundle that can be used to verify the kube-apiserver/,
    );
    assert.deepEqual(
      cm.metadata.managedFields.map((m: Obj) => [m.manager, m.operation, m.fieldsV1]),
      [
        [
          'kube-controller-manager',
          'Update',
          {
            'f:data': { '.': {}, 'f:ca.crt': {} },
            'f:metadata': { 'f:annotations': { '.': {}, 'f:kubernetes.io/description': {} } },
          },
        ],
      ],
    );
    const sa = (await call(s.server.url, 'GET', '/api/v1/namespaces/fresh/serviceaccounts/default')).body as Obj;
    assert.equal(sa.metadata.managedFields, undefined, 'the default ServiceAccount carries no fields a manager owns');

    // Deleted, both come back; an edited bundle is put back.
    const oldUid = sa.metadata.uid;
    assert.equal((await s.run(['delete', 'sa', 'default', '-n', 'fresh'])).code, 0);
    assert.equal((await s.run(['delete', 'cm', 'kube-root-ca.crt', '-n', 'fresh'])).code, 0);
    const back = await until(async () => {
      const r = await call(s.server.url, 'GET', '/api/v1/namespaces/fresh/serviceaccounts/default');
      return r.status === 200 ? (r.body as Obj) : undefined;
    }, 'the default ServiceAccount');
    assert.notEqual(back.metadata.uid, oldUid);
    await until(
      async () =>
        (await call(s.server.url, 'GET', '/api/v1/namespaces/fresh/configmaps/kube-root-ca.crt')).status === 200
          ? true
          : undefined,
      'the root CA ConfigMap',
    );
    assert.equal(
      (await s.run(['patch', 'cm', 'kube-root-ca.crt', '-n', 'fresh', '-p', '{"data":{"ca.crt":"tampered"}}'])).code,
      0,
    );
    await until(async () => {
      const r = (await call(s.server.url, 'GET', '/api/v1/namespaces/fresh/configmaps/kube-root-ca.crt')).body as Obj;
      return r.data['ca.crt'] === pem ? true : undefined;
    }, 'the bundle to be restored');

    // Deleting the namespace takes them with it; nothing brings them back.
    assert.equal((await s.run(['delete', 'namespace', 'fresh', '--timeout=10s'])).code, 0);
    assert.equal((await call(s.server.url, 'GET', '/api/v1/namespaces/fresh/serviceaccounts/default')).status, 404);
    assert.equal((await call(s.server.url, 'GET', '/api/v1/namespaces/fresh/configmaps/kube-root-ca.crt')).status, 404);
  });
});

describe('root CA publisher with TLS', { skip: sharedSkip || kubectlSkip }, () => {
  it('publishes the CA that signed the serving certificate', async () => {
    const s = await kubectlSession({ tls: true, auth: true });
    try {
      const r = await s.run(['get', 'cm', 'kube-root-ca.crt', '-n', 'kube-public', '-o', 'jsonpath={.data.ca\\.crt}']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), s.server.ca!.replace(/\r\n/g, '\n').trim());
    } finally {
      await s.close();
    }
  });
});
