// The kubectl acceptance list, run by a real kubectl 1.35 against the server on the shared 1.35 specs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { fixtures, suiteKubectlSession } from '../helpers/server.ts';
import { sharedSkip } from '../helpers/shared.ts';

const skip = sharedSkip || kubectlSkip;

function ok(r: { code: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.code, 0, `${what} failed:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

describe('kubectl 1.35 against the in-memory server', { skip }, () => {
  const s = suiteKubectlSession();
  const ns = ['-n', 'team-a'];

  it('lists API versions and resources from discovery', async () => {
    const versions = ok(await s.run(['api-versions']), 'api-versions').split('\n');
    for (const v of ['v1', 'apps/v1', 'batch/v1', 'apiextensions.k8s.io/v1', 'autoscaling/v2'])
      assert.ok(versions.includes(v), `missing ${v}`);
    const resources = ok(await s.run(['api-resources']), 'api-resources');
    assert.match(resources, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    assert.match(resources, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
    const wide = ok(await s.run(['api-resources', '--api-group=apps', '-o', 'wide']), 'api-resources -o wide');
    assert.match(
      wide,
      /deployments\s+deploy\s+apps\/v1\s+true\s+Deployment\s+create,delete,deletecollection,get,list,patch,update,watch\s+all/,
    );
  });

  it('creates a namespace', async () => {
    assert.match(ok(await s.run(['create', 'namespace', 'team-a']), 'create namespace'), /namespace\/team-a created/);
    assert.equal(ok(await s.run(['get', 'namespace', 'team-a', '-o', 'jsonpath={.status.phase}']), 'get ns'), 'Active');
    const refused = await s.run(['create', 'configmap', 'x', '-n', 'nowhere']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /namespaces "nowhere" not found/);
  });

  it('creates a Deployment, Service and ConfigMap from a file', async () => {
    const out = ok(await s.run(['create', '-f', join(fixtures, 'web.yaml'), ...ns]), 'create -f');
    assert.match(out, /deployment.apps\/web created/);
    assert.match(out, /service\/web created/);
    assert.match(out, /configmap\/web-config created/);
    const again = await s.run(['create', '-f', join(fixtures, 'web.yaml'), ...ns]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /deployments.apps "web" already exists/);
  });

  it('creates workloads with kubectl create <kind>, which sends protobuf', async () => {
    assert.match(
      ok(
        await s.run([
          'create',
          'deployment',
          'made',
          '--image=nginx:1.27',
          '--replicas=3',
          '--port=8080',
          ...ns,
          '--',
          'nginx',
          '-g',
          'daemon off;',
        ]),
        'create deployment',
      ),
      /deployment.apps\/made created/,
    );
    const dep = JSON.parse(ok(await s.run(['get', 'deployment', 'made', '-o', 'json', ...ns]), 'get made')) as {
      metadata: { labels: Record<string, string> };
      spec: { replicas: number; selector: unknown; template: { spec: { containers: Record<string, unknown>[] } } };
    };
    assert.deepEqual(dep.metadata.labels, { app: 'made' });
    assert.equal(dep.spec.replicas, 3);
    assert.deepEqual(dep.spec.selector, { matchLabels: { app: 'made' } });
    const [c] = dep.spec.template.spec.containers;
    assert.deepEqual(
      [c!.name, c!.image, c!.command, c!.ports],
      ['nginx', 'nginx:1.27', ['nginx', '-g', 'daemon off;'], [{ containerPort: 8080, protocol: 'TCP' }]],
    );
    ok(
      await s.run(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', ...ns, '--', 'date']),
      'create cronjob',
    );
    assert.equal(
      ok(
        await s.run([
          'get',
          'cronjob',
          'tick',
          '-o',
          'jsonpath={.spec.schedule}|{.spec.jobTemplate.spec.template.spec.containers[0].command[0]}',
          ...ns,
        ]),
        'get cronjob',
      ),
      '*/5 * * * *|date',
    );
    ok(await s.run(['create', 'service', 'clusterip', 'made', '--tcp=80:8080', ...ns]), 'create service');
    assert.equal(
      ok(
        await s.run([
          'get',
          'service',
          'made',
          '-o',
          'jsonpath={.spec.ports[0].port}/{.spec.ports[0].targetPort}',
          ...ns,
        ]),
        'get service',
      ),
      '80/8080',
    );
    ok(await s.run(['create', 'ingress', 'made', '--rule=made.example.com/api=made:80', ...ns]), 'create ingress');
    assert.equal(
      ok(
        await s.run([
          'get',
          'ingress',
          'made',
          '-o',
          'jsonpath={.spec.rules[0].host}{.spec.rules[0].http.paths[0].path}->{.spec.rules[0].http.paths[0].backend.service.name}',
          ...ns,
        ]),
        'get ingress',
      ),
      'made.example.com/api->made',
    );
  });

  it('gets objects as a table, as JSON and through jsonpath', async () => {
    const table = ok(await s.run(['get', 'deployments', ...ns]), 'get deployments');
    assert.match(table, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/m);
    assert.match(table, /^web\s+0\/2\s+0\s+0\s+\d+s$/m);
    const dep = JSON.parse(
      ok(await s.run(['get', 'deployment', 'web', '-o', 'json', '--show-managed-fields', ...ns]), 'get -o json'),
    ) as {
      apiVersion: string;
      kind: string;
      metadata: {
        uid: string;
        resourceVersion: string;
        generation: number;
        creationTimestamp: string;
        managedFields: unknown[];
      };
      spec: { replicas: number };
    };
    assert.equal(dep.apiVersion, 'apps/v1');
    assert.equal(dep.kind, 'Deployment');
    assert.match(dep.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.ok(Number(dep.metadata.resourceVersion) > 0);
    assert.equal(dep.metadata.generation, 1);
    assert.ok(dep.metadata.managedFields.length > 0);
    assert.equal(dep.spec.replicas, 2);
    const names = ok(
      await s.run(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[*].name}', ...ns]),
      'jsonpath',
    );
    assert.equal(names, 'app sidecar');
    const all = ok(
      await s.run([
        'get',
        'configmaps',
        '-A',
        '-o',
        'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}',
      ]),
      'get -A',
    );
    assert.match(all, /^team-a\/web-config$/m);
  });

  it('selects by label with equality and set-based selectors, and labels objects', async () => {
    for (const [name, labels] of [
      ['cm-a', ['tier=frontend', 'env=prod']],
      ['cm-b', ['tier=backend', 'env=dev']],
      ['cm-c', ['tier=cache', 'legacy=true']],
    ] as const) {
      ok(await s.run(['create', 'configmap', name, ...ns]), `create ${name}`);
      ok(await s.run(['label', 'configmap', name, ...labels, ...ns]), `label ${name}`);
    }
    const names = async (selector: string) =>
      ok(
        await s.run(['get', 'configmaps', '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}', ...ns]),
        `get -l ${selector}`,
      )
        .split(' ')
        .filter(Boolean)
        .sort();
    assert.deepEqual(await names('env=prod'), ['cm-a']);
    // The namespace's kube-root-ca.crt has no tier label: `!=` and `notin` select it, as on a real cluster.
    assert.deepEqual(await names('tier!=frontend'), ['cm-b', 'cm-c', 'kube-root-ca.crt']);
    assert.deepEqual(await names('tier in (frontend,backend)'), ['cm-a', 'cm-b', 'web-config']);
    assert.deepEqual(await names('tier notin (frontend),!legacy'), ['cm-b', 'kube-root-ca.crt']);
    assert.deepEqual(await names('legacy'), ['cm-c']);
    const labeled = ok(
      await s.run(['label', 'configmap', 'cm-b', 'env=staging', '--overwrite', ...ns]),
      'label --overwrite',
    );
    assert.match(labeled, /configmap\/cm-b labeled/);
    assert.deepEqual(await names('env=staging'), ['cm-b']);
    const bad = await s.run(['get', 'configmaps', '-l', 'tier in (a', ...ns]);
    assert.notEqual(bad.code, 0);
  });

  it('scales a Deployment through the scale subresource', async () => {
    assert.match(
      ok(await s.run(['scale', 'deployment', 'web', '--replicas=5', ...ns]), 'scale'),
      /deployment.apps\/web scaled/,
    );
    assert.equal(
      ok(
        await s.run(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.generation}', ...ns]),
        'get replicas',
      ),
      '5 2',
    );
  });

  it('replaces: the same object again changes nothing, a new spec bumps generation', async () => {
    const dep = readFileSync(join(fixtures, 'web.yaml'), 'utf8')
      .split('---')[0]!
      .replace('name: web\n', 'name: web-replaced\n');
    ok(await s.run(['create', '-f', '-', ...ns], { input: dep }), 'create');
    const state = async () =>
      ok(
        await s.run([
          'get',
          'deployment',
          'web-replaced',
          '-o',
          'jsonpath={.metadata.generation} {.metadata.resourceVersion}',
          ...ns,
        ]),
        'get',
      );
    const [generation, version] = (await state()).split(' ');
    assert.equal(generation, '1');
    // kubectl sends the manifest without the server's defaults and in its own key order: still the same object.
    assert.match(
      ok(await s.run(['replace', '-f', '-', ...ns], { input: dep }), 'replace'),
      /deployment.apps\/web-replaced replaced/,
    );
    assert.equal(await state(), `1 ${version}`);
    ok(
      await s.run(['replace', '-f', '-', ...ns], { input: dep.replace('replicas: 2', 'replicas: 4') }),
      'replace with a change',
    );
    const [after, newVersion] = (await state()).split(' ');
    assert.equal(after, '2');
    assert.ok(Number(newVersion) > Number(version));
  });

  it('patches with merge, JSON and strategic merge patches', async () => {
    ok(
      await s.run([
        'patch',
        'deployment',
        'web',
        '--type',
        'merge',
        '-p',
        '{"metadata":{"labels":{"patched":"merge"}}}',
        ...ns,
      ]),
      'merge patch',
    );
    ok(
      await s.run([
        'patch',
        'deployment',
        'web',
        '--type',
        'json',
        '-p',
        '[{"op":"replace","path":"/spec/replicas","value":3}]',
        ...ns,
      ]),
      'json patch',
    );
    const strategic = '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}';
    ok(await s.run(['patch', 'deployment', 'web', '--type', 'strategic', '-p', strategic, ...ns]), 'strategic patch');
    const dep = JSON.parse(ok(await s.run(['get', 'deployment', 'web', '-o', 'json', ...ns]), 'get')) as {
      metadata: { labels: Record<string, string> };
      spec: { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } };
    };
    assert.equal(dep.metadata.labels.patched, 'merge');
    assert.equal(dep.spec.replicas, 3);
    assert.deepEqual(
      dep.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`),
      ['app=nginx:1.27', 'sidecar=busybox:1.37'],
    );
    const bad = await s.run([
      'patch',
      'deployment',
      'web',
      '--type',
      'json',
      '-p',
      '[{"op":"remove","path":"/spec/nothing"}]',
      ...ns,
    ]);
    assert.notEqual(bad.code, 0);
  });

  it('applies server-side, with conflicts between field managers unless forced', async () => {
    const manifest = (value: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: team-a\ndata:\n  key: ${value}\n`;
    assert.match(
      ok(await s.run(['apply', '--server-side', '-f', '-'], { input: manifest('one') }), 'apply --server-side'),
      /configmap\/ssa serverside-applied/,
    );
    const conflict = await s.run(['apply', '--server-side', '--field-manager=other', '-f', '-'], {
      input: manifest('two'),
    });
    assert.notEqual(conflict.code, 0);
    assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.data\.key/);
    assert.equal(ok(await s.run(['get', 'configmap', 'ssa', '-o', 'jsonpath={.data.key}', ...ns]), 'get'), 'one');
    ok(
      await s.run(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', '-'], {
        input: manifest('two'),
      }),
      'apply --force-conflicts',
    );
    const cm = JSON.parse(
      ok(await s.run(['get', 'configmap', 'ssa', '-o', 'json', '--show-managed-fields', ...ns]), 'get'),
    ) as {
      data: Record<string, string>;
      metadata: { managedFields: { manager: string; operation: string; fieldsV1: unknown }[] };
    };
    assert.deepEqual(cm.data, { key: 'two' });
    assert.deepEqual(
      cm.metadata.managedFields.map((e) => [e.manager, e.operation, e.fieldsV1]),
      [['other', 'Apply', { 'f:data': { 'f:key': {} } }]],
    );
    // A field set by client-side apply belongs to its Update manager...
    const clientSide = manifest('three').replace('name: ssa', 'name: csa');
    ok(await s.run(['apply', '-f', '-'], { input: clientSide }), 'client-side apply');
    const taken = await s.run(['apply', '--server-side', '--field-manager=other', '-f', '-'], {
      input: clientSide.replace('key: three', 'key: four'),
    });
    assert.notEqual(taken.code, 0);
    assert.match(taken.stderr, /conflict with "kubectl-client-side-apply" using v1: \.data\.key/);
    // ...except for kubectl's own server-side apply, which takes over what the last-applied configuration holds.
    const upgraded = ok(
      await s.run(['apply', '--server-side', '-f', '-'], { input: clientSide.replace('key: three', 'key: five') }),
      'upgrade to server-side',
    );
    assert.match(upgraded, /configmap\/csa serverside-applied/);
    const csa = JSON.parse(ok(await s.run(['get', 'configmap', 'csa', '-o', 'json', ...ns]), 'get csa')) as {
      data: { key: string };
      metadata: { annotations: Record<string, string> };
    };
    assert.equal(csa.data.key, 'five');
    const last = JSON.parse(csa.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']!) as {
      data: { key: string };
    };
    assert.equal(last.data.key, 'five', 'the annotation follows what was applied');
  });

  it('applies client-side twice, the second time unchanged', async () => {
    const manifest = readFileSync(join(fixtures, 'web.yaml'), 'utf8')
      .split('---')[1]!
      .replace('name: web', 'name: web-applied');
    assert.match(
      ok(await s.run(['apply', '-f', '-', ...ns], { input: manifest }), 'apply'),
      /service\/web-applied created/,
    );
    assert.match(
      ok(await s.run(['apply', '-f', '-', ...ns], { input: manifest }), 'apply again'),
      /service\/web-applied unchanged/,
    );
    const changed = manifest.replace('port: 80\n', 'port: 8080\n');
    assert.match(
      ok(await s.run(['apply', '-f', '-', ...ns], { input: changed }), 'apply changed'),
      /service\/web-applied configured/,
    );
    const svc = JSON.parse(ok(await s.run(['get', 'service', 'web-applied', '-o', 'json', ...ns]), 'get service')) as {
      metadata: { annotations: Record<string, string> };
      spec: { ports: Record<string, unknown>[]; clusterIP: string };
    };
    assert.deepEqual(svc.spec.ports, [{ port: 8080, targetPort: 80, protocol: 'TCP' }]);
    assert.match(svc.spec.clusterIP, /^10\./, 'fields the server set survive the three-way patch');
    const last = JSON.parse(svc.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']!) as {
      spec: { ports: unknown[] };
    };
    assert.deepEqual(last.spec.ports, [{ port: 8080, targetPort: 80 }]);

    // A Deployment: one container's image changes, another is dropped, one added; other fields stay put.
    const dep = readFileSync(join(fixtures, 'web.yaml'), 'utf8')
      .split('---')[0]!
      .replace('name: web\n', 'name: web-csa\n');
    assert.match(
      ok(await s.run(['apply', '-f', '-', ...ns], { input: dep }), 'apply deployment'),
      /deployment.apps\/web-csa created/,
    );
    assert.match(
      ok(await s.run(['apply', '-f', '-', ...ns], { input: dep }), 'apply deployment again'),
      /deployment.apps\/web-csa unchanged/,
    );
    ok(await s.run(['scale', 'deployment', 'web-csa', '--replicas=4', ...ns]), 'scale');
    const edited = dep
      .replace('image: nginx:1.27', 'image: nginx:1.28')
      .replace(/        - name: sidecar\n[\s\S]*$/, '        - name: metrics\n          image: prom:2\n');
    assert.match(
      ok(await s.run(['apply', '-f', '-', ...ns], { input: edited }), 'apply edited'),
      /deployment.apps\/web-csa configured/,
    );
    const got = JSON.parse(
      ok(await s.run(['get', 'deployment', 'web-csa', '-o', 'json', ...ns]), 'get deployment'),
    ) as {
      spec: {
        replicas: number;
        template: { spec: { containers: { name: string; image: string; ports?: unknown[] }[] } };
      };
    };
    assert.deepEqual(
      got.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`),
      ['app=nginx:1.28', 'metrics=prom:2'],
    );
    assert.deepEqual(got.spec.template.spec.containers[0]!.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.equal(got.spec.replicas, 2, 'replicas is in the applied configuration, so apply sets it back');
    assert.doesNotMatch(JSON.stringify(got), /\$setElementOrder|\$patch|\$retainKeys/);
  });

  it('watches and sees an object created by another command', async () => {
    const watch = s.until(['get', 'configmaps', '--watch', '--output-watch-events', ...ns], /ADDED\s+watched-cm/);
    await new Promise((r) => setTimeout(r, 1500));
    ok(await s.run(['create', 'configmap', 'watched-cm', ...ns]), 'create while watching');
    try {
      await watch.done;
    } finally {
      watch.stop();
    }
  });

  it('explains a field from the OpenAPI v3 documents', async () => {
    const out = ok(await s.run(['explain', 'deployment.spec.replicas']), 'explain');
    assert.match(out, /GROUP:\s+apps/);
    assert.match(out, /FIELD:\s+replicas <integer>/);
  });

  it('creates a CRD, then custom resources by plural and short name', async () => {
    assert.match(
      ok(await s.run(['create', '-f', join(fixtures, 'widget-crd.yaml')]), 'create crd'),
      /customresourcedefinition.apiextensions.k8s.io\/widgets.example.com created/,
    );
    assert.match(
      ok(await s.run(['create', '-f', join(fixtures, 'widget.yaml'), ...ns]), 'create widget'),
      /widget.example.com\/sprocket created/,
    );
    const table = ok(await s.run(['get', 'widgets', ...ns]), 'get widgets');
    assert.match(table, /^NAME\s+SIZE\s+AGE$/m);
    assert.match(table, /^sprocket\s+small\s+\d+s$/m);
    assert.match(ok(await s.run(['get', 'wd', ...ns]), 'get wd'), /^sprocket\s/m);
    const w = JSON.parse(ok(await s.run(['get', 'widget', 'sprocket', '-o', 'json', ...ns]), 'get widget')) as {
      kind: string;
      spec: { size: string; replicas?: number };
    };
    assert.equal(w.kind, 'Widget');
    assert.equal(w.spec.size, 'small');
    const list = ok(
      await s.run(['get', 'widgets.example.com', '-A', '-o', 'jsonpath={.items[*].metadata.name}']),
      'list widgets',
    );
    assert.equal(list, 'sprocket');
    assert.match(
      ok(await s.run(['api-resources', '--api-group=example.com']), 'api-resources'),
      /widgets\s+wd\s+example.com\/v1\s+true\s+Widget/,
    );
    assert.match(ok(await s.run(['explain', 'widget.spec.size']), 'explain widget'), /FIELD:\s+size <string>/);
  });

  it('validates fields as kubectl asks: strict by default, warnings with --validate=warn, CRD schemas', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\ndatta:\n  a: b\n';
    const strict = await s.run(['create', '-f', '-', ...ns], { input: cm });
    assert.notEqual(strict.code, 0);
    assert.match(
      strict.stderr,
      /Error from server \(BadRequest\).*ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"/,
    );
    assert.notEqual((await s.run(['get', 'configmap', 'typo', ...ns])).code, 0, 'nothing was created');
    const warned = await s.run(['create', '--validate=warn', '-f', '-', ...ns], { input: cm });
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(warned.stderr, /Warning: unknown field "datta"/);
    assert.equal(
      ok(await s.run(['get', 'configmap', 'typo', '-o', 'jsonpath={.metadata.name}{.datta}', ...ns]), 'get typo'),
      'typo',
    );
    const widget =
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: bad\nspec:\n  size: huge\n  replicas: -2\n';
    const invalid = await s.run(['create', '-f', '-', ...ns], { input: widget });
    assert.notEqual(invalid.code, 0);
    assert.match(invalid.stderr, /The Widget "bad" is invalid: /);
    assert.match(invalid.stderr, /spec\.size: Unsupported value: "huge": supported values: "small", "large"/);
    assert.match(
      invalid.stderr,
      /spec\.replicas: Invalid value: -2: spec\.replicas in body should be greater than or equal to 0/,
    );
    const defaulted = ok(
      await s.run(['get', 'widget', 'sprocket', '-o', 'jsonpath={.spec.replicas}', ...ns]),
      'get defaulted',
    );
    assert.equal(defaulted, '1', 'the schema default is stored');
  });

  it('deletes, and then get says NotFound', async () => {
    assert.match(ok(await s.run(['delete', 'configmap', 'cm-a', ...ns]), 'delete'), /configmap "cm-a" deleted/);
    const gone = await s.run(['get', 'configmap', 'cm-a', ...ns]);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /Error from server \(NotFound\): configmaps "cm-a" not found/);
  });
});
