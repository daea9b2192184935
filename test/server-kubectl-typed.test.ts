// kubectl commands built on typed clients, which send their bodies in protobuf: create quota, role, clusterrole,
// rolebinding, clusterrolebinding, priorityclass and pdb; autoscale; drain (pods/eviction, with disruption budgets);
// certificate approve and deny. Each must work as against kube-apiserver, and show what it stored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import forge from 'node-forge';
import { kubectlSkip } from './helpers/kubectl.ts';
import { suiteKubectlSession } from './helpers/server.ts';
import { call } from './helpers/server-http.ts';
import { sharedSkip } from './helpers/shared.ts';

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
    assert.deepEqual((await json(['get', 'quota', 'q'])).spec, { hard: { pods: '10', 'requests.cpu': '500m', 'limits.memory': '1Gi' }, scopes: ['NotBestEffort'] });
    await ok(['create', 'role', 'reader', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=web']);
    assert.deepEqual((await json(['get', 'role', 'reader'])).rules, [
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] },
      { verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] },
    ]);
    await ok(['create', 'rolebinding', 'readers', '--role=reader', '--user=bob', '--group=devs', '--serviceaccount=default:robot']);
    const binding = await json(['get', 'rolebinding', 'readers']);
    assert.deepEqual(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
    assert.deepEqual(binding.subjects, [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
      { kind: 'ServiceAccount', name: 'robot', namespace: 'default' },
    ]);
    await ok(['create', 'clusterrole', 'logs', '--verb=get', '--non-resource-url=/logs/*']);
    assert.deepEqual((await json(['get', 'clusterrole', 'logs'])).rules, [{ verbs: ['get'], nonResourceURLs: ['/logs/*'] }]);
    await ok(['create', 'clusterrole', 'aggregate', '--aggregation-rule=team=a']);
    assert.deepEqual((await json(['get', 'clusterrole', 'aggregate'])).aggregationRule, { clusterRoleSelectors: [{ matchLabels: { team: 'a' } }] });
    await ok(['create', 'clusterrolebinding', 'logs', '--clusterrole=logs', '--user=bob']);
    assert.equal((await json(['get', 'clusterrolebinding', 'logs'])).roleRef.name, 'logs');
    await ok(['create', 'priorityclass', 'high', '--value=1000', '--description=important', '--preemption-policy=Never']);
    const pc = await json(['get', 'priorityclass', 'high']);
    assert.deepEqual([pc.value, pc.description, pc.preemptionPolicy], [1000, 'important', 'Never']);
    await ok(['create', 'pdb', 'none-down', '--selector=app=none', '--min-available=0']);
    assert.deepEqual((await json(['get', 'pdb', 'none-down'])).spec, { minAvailable: 0, selector: { matchLabels: { app: 'none' } } });
    await ok(['create', 'pdb', 'half', '--selector=app=half', '--max-unavailable=50%']);
    assert.equal((await json(['get', 'pdb', 'half'])).spec.maxUnavailable, '50%');
    const quota = (await ok(['get', 'quota', 'q'])).split('\n')[0]!.trim().split(/\s{2,}/);
    assert.deepEqual(quota, ['NAME', 'AGE', 'REQUEST', 'LIMIT']);
  });

  it('autoscales a deployment with an autoscaling/v2 HorizontalPodAutoscaler', async () => {
    await ok(['create', 'deployment', 'scaled', '--image=nginx']);
    await ok(['autoscale', 'deployment', 'scaled', '--min=2', '--max=5', '--cpu=70%']);
    const hpa = await json(['get', 'hpa.v2.autoscaling', 'scaled']);
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'scaled' });
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [2, 5]);
    assert.deepEqual(hpa.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  it('drains a node through pods/eviction, held back by a disruption budget until it allows a disruption', async () => {
    await ok(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker' } }));
    for (const name of ['guarded', 'pending']) {
      await ok(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { nodeName: 'worker', containers: [{ name: 'c', image: 'x' }] } }));
    }
    await ok(['patch', 'pod', 'guarded', '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Running"}}']);
    await ok(['create', 'pdb', 'guard', '--selector=app=guarded', '--min-available=1']);

    // No disruption controller has looked at the budget: a running pod it selects may not be evicted.
    const held = await s.run(['drain', 'worker', '--force', '--timeout=2s']);
    assert.notEqual(held.code, 0);
    assert.match(held.stderr, /evicting pods\/"guarded"/);
    assert.equal((await json(['get', 'node', 'worker'])).spec.unschedulable, true, 'drain cordons first');
    assert.match(await ok(['get', 'pods', '-o', 'name']), /^pod\/guarded$/m);
    assert.doesNotMatch(await ok(['get', 'pods', '-o', 'name']), /pod\/pending/, 'a pending pod is evicted whatever its budget');

    const refused = await call(s.server.url, 'POST', '/api/v1/namespaces/default/pods/guarded/eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'guarded' } });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.reason, 'TooManyRequests');
    assert.deepEqual((refused.body.details as { causes: unknown[] }).causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget guard is still being processed by the server.' }]);

    // As the disruption controller would: one disruption allowed.
    await ok(['patch', 'pdb', 'guard', '--subresource=status', '--type=merge', '-p', '{"status":{"observedGeneration":1,"disruptionsAllowed":1,"currentHealthy":1,"desiredHealthy":1,"expectedPods":1}}']);
    const drained = await s.run(['drain', 'worker', '--force', '--timeout=10s']);
    assert.equal(drained.code, 0, drained.stderr);
    assert.match(drained.stdout, /pod\/guarded evicted/);
    assert.equal((await ok(['get', 'pods', '-o', 'name'])).trim(), '');
    const budget = (await json(['get', 'pdb', 'guard'])).status;
    assert.equal(budget.disruptionsAllowed, 0);
    assert.deepEqual(Object.keys(budget.disruptedPods), ['guarded']);
  });

  it('approves and denies certificate signing requests, naming their requestor', async () => {
    const keys = forge.pki.rsa.generateKeyPair(2048);
    const csrPem = forge.pki.createCertificationRequest();
    csrPem.publicKey = keys.publicKey;
    csrPem.setSubject([{ name: 'commonName', value: 'carol' }]);
    csrPem.sign(keys.privateKey);
    const request = Buffer.from(forge.pki.certificationRequestToPem(csrPem)).toString('base64');
    for (const name of ['carol', 'dave']) {
      const csr = { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name }, spec: { request, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], expirationSeconds: 86400, username: 'forged' } };
      await ok(['create', '-f', '-'], JSON.stringify(csr));
    }
    await ok(['certificate', 'approve', 'carol']);
    await ok(['certificate', 'deny', 'dave']);
    const carol = await json(['get', 'csr', 'carol']);
    assert.equal(carol.spec.request, request, 'the request bytes survive the protobuf round trip');
    assert.deepEqual(carol.status.conditions.map((c: { type: string; status: string }) => [c.type, c.status]), [['Approved', 'True']]);
    const table = (await ok(['get', 'csr'])).trim().split('\n').map((line) => line.split(/\s{2,}/));
    assert.deepEqual(table[0], ['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION']);
    const rows = new Map(table.slice(1).map((r) => [r[0], [r[2], r[3], r[4], r[5]]]));
    // The requestor is the user who sent the request (this server's administrator), not what the request claimed.
    assert.notEqual(rows.get('carol')![1], 'forged');
    assert.deepEqual(rows.get('carol'), ['kubernetes.io/kube-apiserver-client', carol.spec.username, '24h', 'Approved']);
    assert.deepEqual(rows.get('dave')![3], 'Denied');
  });
});
