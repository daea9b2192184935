// Strategic merge patch on the wire: list merging by the schema's patch merge key, the replace and
// retainKeys strategies, and every directive, against the shared 1.35 specs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixtureSpecPaths, fixtures, suiteApiServer } from '../helpers/server.ts';
import { call } from '../helpers/server-http.ts';

const deployments = '/apis/apps/v1/namespaces/default/deployments';
const smp = 'application/strategic-merge-patch+json';

type Container = {
  name: string;
  image: string;
  ports?: { containerPort: number; protocol?: string }[];
  args?: string[];
};
type Deployment = {
  metadata: { finalizers?: string[]; labels?: Record<string, string>; resourceVersion: string };
  spec: {
    strategy: Record<string, unknown>;
    template: { spec: { containers: Container[]; volumes?: Record<string, unknown>[] } };
  };
};

function deployment(name: string): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, finalizers: ['example.com/a', 'example.com/b'] },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }], args: ['--one', '--two'] },
            { name: 'sidecar', image: 'busybox:1.36' },
            { name: 'logger', image: 'fluent:1' },
          ],
          volumes: [{ name: 'data', emptyDir: {} }],
        },
      },
    },
  };
}

describe('strategic merge patch', () => {
  const api = suiteApiServer({ specs: fixtureSpecPaths() });

  const patch = async (name: string, body: unknown, status = 200): Promise<Deployment> => {
    const r = await call(api.base, 'PATCH', `${deployments}/${name}`, body, smp);
    assert.equal(r.status, status, JSON.stringify(r.body));
    return r.body as unknown as Deployment;
  };
  const names = (d: Deployment) => d.spec.template.spec.containers.map((c) => c.name);

  it('merges containers by name, keeping the others, and ports by containerPort', async () => {
    assert.equal((await call(api.base, 'POST', deployments, deployment('merge'))).status, 201);
    const d = await patch('merge', {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'sidecar', image: 'busybox:1.37' },
              { name: 'new', image: 'redis:7' },
            ],
          },
        },
      },
    });
    assert.deepEqual(
      d.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`),
      ['app=nginx:1.27', 'sidecar=busybox:1.37', 'logger=fluent:1', 'new=redis:7'],
    );
    const ports = await patch('merge', {
      spec: { template: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 443 }] }] } } },
    });
    assert.deepEqual(
      ports.spec.template.spec.containers[0]!.ports!.map((p) => p.containerPort),
      [80, 443],
    );
    // args has no patch strategy: the list is replaced.
    const args = await patch('merge', {
      spec: { template: { spec: { containers: [{ name: 'app', args: ['--three'] }] } } },
    });
    assert.deepEqual(args.spec.template.spec.containers[0]!.args, ['--three']);
    // finalizers merge as a set.
    const fin = await patch('merge', { metadata: { finalizers: ['example.com/b', 'example.com/c'] } });
    assert.deepEqual(fin.metadata.finalizers, ['example.com/a', 'example.com/b', 'example.com/c']);
  });

  it('honours $patch delete and replace, $deleteFromPrimitiveList and $setElementOrder', async () => {
    assert.equal((await call(api.base, 'POST', deployments, deployment('directives'))).status, 201);
    const deleted = await patch('directives', {
      spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } },
    });
    assert.deepEqual(names(deleted), ['app', 'logger']);
    const fin = await patch('directives', { metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/a'] } });
    assert.deepEqual(fin.metadata.finalizers, ['example.com/b']);
    const ordered = await patch('directives', {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'logger' }, { name: 'app' }],
            containers: [{ name: 'app', image: 'nginx:1.28' }],
          },
        },
      },
    });
    assert.deepEqual(
      ordered.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`),
      ['logger=fluent:1', 'app=nginx:1.28'],
    );
    const replaced = await patch('directives', {
      spec: { template: { spec: { containers: [{ name: 'only', image: 'alpine' }, { $patch: 'replace' }] } } },
    });
    assert.deepEqual(names(replaced), ['only']);
    const mapReplaced = await patch('directives', { metadata: { labels: { $patch: 'replace', fresh: 'yes' } } });
    assert.deepEqual(mapReplaced.metadata.labels, { fresh: 'yes' });
  });

  it('applies retainKeys: switching a Deployment to Recreate drops rollingUpdate', async () => {
    assert.equal((await call(api.base, 'POST', deployments, deployment('retain'))).status, 201);
    const before = await call(api.base, 'GET', `${deployments}/retain`);
    assert.ok((before.body.spec as Deployment['spec']).strategy.rollingUpdate);
    const d = await patch('retain', { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    assert.deepEqual(d.spec.strategy, { type: 'Recreate' });
    const vol = await patch('retain', {
      spec: {
        template: {
          spec: { volumes: [{ name: 'data', $retainKeys: ['name', 'configMap'], configMap: { name: 'cfg' } }] },
        },
      },
    });
    assert.deepEqual(vol.spec.template.spec.volumes, [{ name: 'data', configMap: { name: 'cfg', defaultMode: 420 } }]);
  });

  it('refuses a bad patch without changing anything, and strategic patches of custom resources with 415', async () => {
    assert.equal((await call(api.base, 'POST', deployments, deployment('bad'))).status, 201);
    const rv = api.server.resourceVersion;
    const noKey = await call(
      api.base,
      'PATCH',
      `${deployments}/bad`,
      { spec: { template: { spec: { containers: [{ image: 'x' }] } } } },
      smp,
    );
    assert.equal(noKey.status, 500);
    assert.equal(noKey.body.reason, undefined);
    assert.match(String(noKey.body.message), /does not contain declared merge key: name/);
    const notJson = await call(api.base, 'PATCH', `${deployments}/bad`, '{"spec":', smp);
    assert.equal(notJson.status, 400);
    assert.equal(api.server.resourceVersion, rv);
    const crd = readFileSync(join(fixtures, 'widget-crd.yaml'), 'utf8');
    assert.equal(
      (await call(api.base, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd, 'application/yaml'))
        .status,
      201,
    );
    const widgets = '/apis/example.com/v1/namespaces/default/widgets';
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(
      (
        await call(api.base, 'POST', widgets, {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w' },
          spec: { size: 'small' },
        })
      ).status,
      201,
    );
    const refused = await call(api.base, 'PATCH', `${widgets}/w`, { spec: { size: 'large' } }, smp);
    assert.equal(refused.status, 415);
    assert.equal(refused.body.reason, 'UnsupportedMediaType');
    assert.match(String(refused.body.message), /application\/merge-patch\+json/);
    assert.doesNotMatch(String(refused.body.message), /strategic/);
  });
});
