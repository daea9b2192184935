// Server-side printing: the Table columns kube-apiserver's printers give the common built-in kinds, as kubectl get
// shows them (headers, a row, and the extra -o wide columns), and the column definitions on the wire.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { fixtures, suiteKubectlSession } from '../helpers/server.ts';
import { sharedSkip } from '../helpers/shared.ts';

/** The header and rows of kubectl's table output, each split on runs of two or more spaces. */
function table(out: string): { header: string[]; rows: string[][] } {
  const [header = '', ...rows] = out.trimEnd().split('\n');
  const split = (line: string) => line.trimEnd().split(/\s{2,}/);
  return { header: split(header), rows: rows.map(split) };
}

const age = /^\d+s$/;

describe('printer columns of built-in kinds', { skip: sharedSkip || kubectlSkip }, () => {
  const s = suiteKubectlSession();
  before(async () => {
    const created = await s.run(['create', '-f', join(fixtures, 'printers.yaml')]);
    assert.equal(created.code, 0, created.stderr);
  });

  async function get(args: string[]): Promise<{ header: string[]; rows: string[][] }> {
    const r = await s.run(['get', ...args]);
    assert.equal(r.code, 0, r.stderr);
    return table(r.stdout);
  }

  /** Checks the priority-0 header, then that `-o wide` appends exactly `wideColumns`; returns the wide row. */
  async function columns(args: string[], header: string[], wideColumns: string[]): Promise<string[]> {
    const plain = await get(args);
    assert.deepEqual(plain.header, header, `kubectl get ${args.join(' ')}`);
    const wide = await get([...args, '-o', 'wide']);
    assert.deepEqual(wide.header, [...header, ...wideColumns], `kubectl get ${args.join(' ')} -o wide`);
    assert.equal(wide.rows.length, 1);
    return wide.rows[0]!;
  }

  const ns = ['-n', 'printing'];

  it('prints workload controllers: ReplicaSet, StatefulSet, DaemonSet, Job, CronJob', async () => {
    const rs = await columns(
      ['replicasets', ...ns],
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
      ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    );
    assert.deepEqual(
      [...rs.slice(0, 4), ...rs.slice(5)],
      ['rs', '2', '0', '0', 'web,log', 'nginx:1.27,busybox', 'app=rs'],
    );
    assert.match(rs[4]!, age);
    const sts = await columns(['statefulsets', ...ns], ['NAME', 'READY', 'AGE'], ['CONTAINERS', 'IMAGES']);
    assert.deepEqual([sts[0], sts[1], sts[3], sts[4]], ['sts', '0/3', 'db', 'postgres:17']);
    const ds = await columns(
      ['daemonsets', ...ns],
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
      ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    );
    assert.deepEqual(
      [...ds.slice(0, 7), ...ds.slice(8)],
      ['ds', '0', '0', '0', '0', '0', 'disk=ssd,zone=a', 'agent', 'agent:2', 'app=ds,tier in (edge,node)'],
    );
    const job = await get(['jobs', ...ns]);
    assert.deepEqual(job.header, ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    assert.deepEqual(job.rows[0]!.slice(0, 3), ['job', 'Running', '0/3']);
    assert.deepEqual((await get(['jobs', ...ns, '-o', 'wide'])).header, [
      'NAME',
      'STATUS',
      'COMPLETIONS',
      'DURATION',
      'AGE',
      'CONTAINERS',
      'IMAGES',
      'SELECTOR',
    ]);
    const cj = await columns(
      ['cronjobs', ...ns],
      ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
      ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    );
    assert.deepEqual(
      [...cj.slice(0, 6), ...cj.slice(7)],
      ['cj', '*/5 * * * *', 'Etc/UTC', 'false', '0', '<none>', 'tick', 'busybox', '<none>'],
    );
  });

  it('prints ServiceAccount, Node, PersistentVolume and PersistentVolumeClaim', async () => {
    const sa = await columns(['serviceaccounts', 'sa', ...ns], ['NAME', 'SECRETS', 'AGE'], []);
    assert.deepEqual(sa.slice(0, 2), ['sa', '1']);
    const node = await columns(
      ['nodes'],
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
      ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    );
    assert.deepEqual(node.slice(0, 3), ['node-1', 'Unknown,SchedulingDisabled', 'control-plane,worker']);
    assert.deepEqual(node.slice(-5), ['<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
    const pv = await get(['persistentvolumes', '-o', 'wide']);
    assert.deepEqual(pv.header, [
      'NAME',
      'CAPACITY',
      'ACCESS MODES',
      'RECLAIM POLICY',
      'STATUS',
      'CLAIM',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'REASON',
      'AGE',
      'VOLUMEMODE',
    ]);
    assert.match(
      pv.rows[0]!.join('|'),
      /^pv-1\|5Gi\|RWO,RWX\|Retain\|(\w+\|)?printing\/claim\|fast\|<unset>\|\d+s\|Filesystem$/,
    );
    const pvc = await get(['persistentvolumeclaims', ...ns]);
    assert.deepEqual(pvc.header, [
      'NAME',
      'STATUS',
      'VOLUME',
      'CAPACITY',
      'ACCESS MODES',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'AGE',
    ]);
    assert.deepEqual((await get(['persistentvolumeclaims', ...ns, '-o', 'wide'])).header.slice(-1), ['VOLUMEMODE']);
  });

  it('prints networking kinds: Ingress, Endpoints, EndpointSlice, NetworkPolicy', async () => {
    const ing = await columns(['ingresses', ...ns], ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'], []);
    assert.deepEqual(ing.slice(0, 3), ['ing', 'nginx', 'a.example.com,b.example.com']);
    assert.equal(ing.at(-2), '80, 443');
    const ep = await columns(['endpoints', 'ep', ...ns], ['NAME', 'ENDPOINTS', 'AGE'], []);
    assert.deepEqual(ep.slice(0, 2), ['ep', '10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...']);
    const eps = await columns(['endpointslices', ...ns], ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], []);
    assert.deepEqual(eps.slice(0, 4), ['eps', 'IPv4', '8080,metrics', '10.0.0.1,10.0.0.2']);
    const np = await columns(['networkpolicies', ...ns], ['NAME', 'POD-SELECTOR', 'AGE'], []);
    assert.deepEqual(np.slice(0, 2), ['np', 'app=web']);
  });

  it('prints Event, HorizontalPodAutoscaler, Lease and PodDisruptionBudget', async () => {
    const plain = await get(['events', ...ns]);
    assert.deepEqual(plain.header, ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    const ev = plain.rows[0]!;
    assert.deepEqual(ev.slice(1), ['Normal', 'Started', 'pod/web-0', 'Started container web']);
    assert.match(ev[0]!, /^\d+y\d*d?$/);
    const evWide = await get(['events', ...ns, '-o', 'wide']);
    assert.deepEqual(evWide.header, [
      'LAST SEEN',
      'TYPE',
      'REASON',
      'OBJECT',
      'SUBOBJECT',
      'SOURCE',
      'MESSAGE',
      'FIRST SEEN',
      'COUNT',
      'NAME',
    ]);
    assert.deepEqual(evWide.rows[0]!.slice(4), [
      'spec.containers{web}',
      'kubelet, node-1',
      'Started container web',
      ev[0],
      '3',
      'web-0.started',
    ]);
    const hpa = await columns(
      ['horizontalpodautoscalers', ...ns],
      ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
      [],
    );
    assert.deepEqual(hpa.slice(0, 6), ['hpa', 'Deployment/web', 'cpu: <unknown>/80%', '2', '5', '0']);
    const lease = await columns(['leases', ...ns], ['NAME', 'HOLDER', 'AGE'], []);
    assert.deepEqual(lease.slice(0, 2), ['lease', 'node-1']);
    const pdb = await columns(
      ['poddisruptionbudgets', ...ns],
      ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
      [],
    );
    assert.deepEqual(pdb.slice(0, 4), ['pdb', '1', 'N/A', '0']);
  });

  it('prints RBAC kinds, CRDs, StorageClass, PriorityClass and ValidatingWebhookConfiguration', async () => {
    const role = await columns(['roles', ...ns], ['NAME', 'CREATED AT'], []);
    assert.equal(role[0], 'reader');
    assert.match(role[1]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual((await get(['clusterroles', 'printing-reader'])).header, ['NAME', 'CREATED AT']);
    const rb = await columns(['rolebindings', ...ns], ['NAME', 'ROLE', 'AGE'], ['USERS', 'GROUPS', 'SERVICEACCOUNTS']);
    assert.deepEqual(
      [...rb.slice(0, 2), ...rb.slice(3)],
      ['readers', 'Role/reader', 'alice, bob', 'devs', 'printing/sa'],
    );
    const crb = await get(['clusterrolebindings', 'printing-readers', '-o', 'wide']);
    assert.deepEqual(crb.header, ['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS']);
    assert.deepEqual(crb.rows[0]!.slice(0, 2), ['printing-readers', 'ClusterRole/printing-reader']);
    assert.equal((await s.run(['create', '-f', join(fixtures, 'gadget-crd.yaml')])).code, 0);
    const crd = await get(['customresourcedefinitions']);
    assert.deepEqual(crd.header, ['NAME', 'CREATED AT']);
    assert.match(crd.rows[0]!.join(' '), /^gadgets\.\S+ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const sc = await columns(
      ['storageclasses'],
      ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
      [],
    );
    assert.deepEqual(sc.slice(0, 5), ['fast (default)', 'example.com/fast', 'Delete', 'Immediate', 'true']);
    const pc = await columns(
      ['priorityclasses', 'high'],
      ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
      [],
    );
    assert.deepEqual([...pc.slice(0, 3), pc[4]], ['high', '1000', 'false', 'Never']);
    const vwc = await columns(['validatingwebhookconfigurations'], ['NAME', 'WEBHOOKS', 'AGE'], []);
    assert.deepEqual(vwc.slice(0, 2), ['checks', '1']);
  });

  it("prints a pod's READY, STATUS and RESTARTS from its containers' states, as kube-apiserver does", async () => {
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const running = { running: { startedAt: ago(60) } };
    const completed = { terminated: { reason: 'Completed', exitCode: 0 } };
    const c = (name: string, state: object, more: object = {}) => ({
      name,
      image: 'x',
      ready: false,
      restartCount: 0,
      state,
      ...more,
    });
    // name → [containers, init containers (name: restartPolicy), status]
    const pods: Record<string, [string[], Record<string, string>, object]> = {
      running: [
        ['a', 'b'],
        {},
        { phase: 'Running', containerStatuses: [c('a', running, { ready: true }), c('b', running, { ready: true })] },
      ],
      'half-ready': [
        ['a', 'b'],
        {},
        { phase: 'Running', containerStatuses: [c('a', running, { ready: true }), c('b', running)] },
      ],
      crashing: [
        ['a'],
        {},
        {
          phase: 'Running',
          containerStatuses: [
            c(
              'a',
              { waiting: { reason: 'CrashLoopBackOff' } },
              { restartCount: 7, lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * 3600) } } },
            ),
          ],
        },
      ],
      creating: [
        ['a'],
        {},
        { phase: 'Pending', containerStatuses: [c('a', { waiting: { reason: 'ContainerCreating' } })] },
      ],
      initializing: [
        ['a'],
        { i1: '', i2: '' },
        {
          phase: 'Pending',
          initContainerStatuses: [c('i1', completed), c('i2', running)],
          containerStatuses: [c('a', { waiting: { reason: 'PodInitializing' } })],
        },
      ],
      'init-failing': [
        ['a'],
        { i1: '' },
        {
          phase: 'Pending',
          initContainerStatuses: [c('i1', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3 })],
        },
      ],
      'init-exit': [
        ['a'],
        { i1: '' },
        { phase: 'Pending', initContainerStatuses: [c('i1', { terminated: { exitCode: 2 } })] },
      ],
      done: [['a'], {}, { phase: 'Succeeded', containerStatuses: [c('a', completed)] }],
      killed: [
        ['a'],
        {},
        { phase: 'Failed', containerStatuses: [c('a', { terminated: { exitCode: 137, signal: 9 } })] },
      ],
      'exit-code': [['a'], {}, { phase: 'Failed', containerStatuses: [c('a', { terminated: { exitCode: 3 } })] }],
      sidecar: [
        ['app'],
        { proxy: 'Always' },
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [c('proxy', running, { ready: true, started: true, restartCount: 1 })],
          containerStatuses: [c('app', running, { ready: true })],
        },
      ],
      gated: [
        ['a'],
        {},
        { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
      ],
      evicted: [['a'], {}, { phase: 'Failed', reason: 'Evicted' }],
    };
    const manifest = Object.entries(pods).map(([name, [containers, init]]) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'pod-rows', finalizers: name === 'running' ? ['test.kubegen.dev/hold'] : [] },
      spec: {
        containers: containers.map((n) => ({ name: n, image: 'x' })),
        initContainers: Object.entries(init).map(([n, policy]) => ({
          name: n,
          image: 'x',
          ...(policy ? { restartPolicy: policy } : {}),
        })),
      },
    }));
    assert.equal((await s.run(['create', 'namespace', 'pod-rows'])).code, 0);
    const created = await s.run(['create', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifest }),
    });
    assert.equal(created.code, 0, created.stderr);
    for (const [name, [, , status]] of Object.entries(pods)) {
      const patched = await s.run([
        'patch',
        'pod',
        name,
        '-n',
        'pod-rows',
        '--subresource=status',
        '--type=merge',
        '-p',
        JSON.stringify({ status }),
      ]);
      assert.equal(patched.code, 0, patched.stderr);
    }
    const rows = async () => new Map((await get(['pods', '-n', 'pod-rows'])).rows.map((r) => [r[0]!, r.slice(1, 4)]));
    const got = await rows();
    assert.deepEqual(got.get('running'), ['2/2', 'Running', '0']);
    assert.deepEqual(got.get('half-ready'), ['1/2', 'Running', '0']);
    assert.deepEqual(got.get('crashing')!.slice(0, 2), ['0/1', 'CrashLoopBackOff']);
    assert.match(got.get('crashing')![2]!, /^7 \(5h(\dm)? ago\)$/);
    assert.deepEqual(got.get('creating'), ['0/1', 'ContainerCreating', '0']);
    assert.deepEqual(got.get('initializing'), ['0/1', 'Init:1/2', '0']);
    assert.deepEqual(got.get('init-failing'), ['0/1', 'Init:CrashLoopBackOff', '3']);
    assert.deepEqual(got.get('init-exit'), ['0/1', 'Init:ExitCode:2', '0']);
    assert.deepEqual(got.get('done'), ['0/1', 'Completed', '0']);
    assert.deepEqual(got.get('killed'), ['0/1', 'Signal:9', '0']);
    assert.deepEqual(got.get('exit-code'), ['0/1', 'ExitCode:3', '0']);
    assert.deepEqual(got.get('sidecar'), ['2/2', 'Running', '1']);
    assert.deepEqual(got.get('gated'), ['0/1', 'SchedulingGated', '0']);
    assert.deepEqual(got.get('evicted'), ['0/1', 'Evicted', '0']);

    // Deleted while a finalizer holds it: Terminating, whatever its containers say.
    assert.equal((await s.run(['delete', 'pod', 'running', '-n', 'pod-rows', '--wait=false'])).code, 0);
    assert.deepEqual((await rows()).get('running'), ['2/2', 'Terminating', '0']);
    assert.equal(
      (
        await s.run([
          'patch',
          'pod',
          'running',
          '-n',
          'pod-rows',
          '--type=merge',
          '-p',
          '{"metadata":{"finalizers":null}}',
        ])
      ).code,
      0,
    );
  });

  it('sends column types and priorities as kube-apiserver does', async () => {
    const definitions = async (path: string) => {
      const res = await fetch(`${s.server.url}${path}`, {
        headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as {
        columnDefinitions: { name: string; type: string; format: string; priority: number }[];
        rows: { cells: unknown[] }[];
      };
      return {
        columns: body.columnDefinitions.map(
          (c) => `${c.name}:${c.type}${c.format ? `/${c.format}` : ''}:${c.priority}`,
        ),
        cells: body.rows[0]!.cells,
      };
    };
    const cj = await definitions('/apis/batch/v1/namespaces/printing/cronjobs');
    assert.deepEqual(cj.columns, [
      'Name:string/name:0',
      'Schedule:string:0',
      'Timezone:string:0',
      'Suspend:boolean:0',
      'Active:integer:0',
      'Last Schedule:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
    assert.equal(cj.cells[3], false);
    assert.equal(cj.cells[4], 0);
    const role = await definitions('/apis/rbac.authorization.k8s.io/v1/namespaces/printing/roles');
    assert.deepEqual(role.columns, ['Name:string/name:0', 'Created At:date:0']);
    const events = await definitions('/api/v1/namespaces/printing/events');
    assert.deepEqual(events.columns.slice(-1), ['Name:string/name:1']);
    assert.equal(events.cells[8], 3);
    const pc = await definitions('/apis/scheduling.k8s.io/v1/priorityclasses');
    assert.deepEqual(pc.columns, [
      'Name:string/name:0',
      'Value:integer:0',
      'Global-Default:boolean:0',
      'Age:string:0',
      'PreemptionPolicy:string:0',
    ]);
  });
});
