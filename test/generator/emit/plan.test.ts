// Given/want tables for the plan: which module each schema lives in, the identifier it gets there, the names
// of nested objects, and how one module names another's types.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Schema } from '../../../core/model/types.ts';
import { ModuleRefs, planModules, relativeImport } from '../../../generator/emit/plan.ts';
import { prepareSchemas } from '../../../generator/emit/types.ts';
import { schemaModel } from '../../helpers/models.ts';

const obj = (properties: Record<string, Schema> = {}): Schema => ({ type: 'object', properties });
const str: Schema = { type: 'string' };

/** `schema name → module file: identifier` for every schema and nested object. */
function placed(schemas: Record<string, Schema>, kinds: Record<string, string> = {}): Record<string, string> {
  const model = schemaModel(schemas, kinds);
  const plan = planModules(model, 'js', prepareSchemas(model).nested);
  return Object.fromEntries([...plan.home].map(([name, mod]) => [name, `${mod.file}: ${mod.local.get(name)}`]));
}

describe('the plan', () => {
  it('puts a package with the kinds of one group-version in its module, everything else in meta', () => {
    assert.deepEqual(
      placed(
        {
          'io.k8s.api.apps.v1.Deployment': obj(),
          'io.k8s.api.apps.v1.DeploymentSpec': obj(),
          'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': obj(),
          'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': obj(),
        },
        {
          'io.k8s.api.apps.v1.Deployment': 'apps/v1',
          'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': 'v1',
        },
      ),
      {
        'io.k8s.api.apps.v1.Deployment': 'apps/v1.ts: Deployment',
        'io.k8s.api.apps.v1.DeploymentSpec': 'apps/v1.ts: DeploymentSpec',
        'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': 'core/v1.ts: DeleteOptions',
        'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': 'core/v1.ts: ObjectMeta',
      },
    );
  });

  it('numbers a name taken in the same module, in the order of the full names', () => {
    assert.deepEqual(placed({ 'a.v1.Thing': obj(), 'b.v1.Thing': obj(), 'c.v1.Record': obj() }), {
      'a.v1.Thing': 'meta.ts: Thing',
      'b.v1.Thing': 'meta.ts: Thing2',
      'c.v1.Record': 'meta.ts: Record_',
    });
  });

  it('names nested objects after their root and path, after every schema has its name', () => {
    const vault = obj({
      list: obj({ items: str }),
      spec: obj({ keystores: obj({ jks: obj({ a: str }) }), keystoresJks: obj({ b: str }) }),
      status: obj({ conditions: { type: 'array', items: obj({ type: str }) } }),
    });
    assert.deepEqual(
      placed(
        {
          'dev.x.v1.Vault': vault,
          'dev.x.v1.VaultList': obj({ items: { type: 'array', items: str } }),
          'dev.x.v1.VaultStatus': obj(),
        },
        { 'dev.x.v1.Vault': 'x.dev/v1', 'dev.x.v1.VaultList': 'x.dev/v1' },
      ),
      {
        'dev.x.v1.Vault': 'x.dev/v1.ts: Vault',
        'dev.x.v1.VaultList': 'x.dev/v1.ts: VaultList',
        'dev.x.v1.VaultStatus': 'x.dev/v1.ts: VaultStatus',
        // `list` meets the list kind, `status` a schema of that name: schema names win, nested ones are numbered.
        'dev.x.v1.Vault#/properties/list': 'x.dev/v1.ts: VaultList2',
        'dev.x.v1.Vault#/properties/spec': 'x.dev/v1.ts: VaultSpec',
        'dev.x.v1.Vault#/properties/spec/properties/keystores': 'x.dev/v1.ts: VaultSpecKeystores',
        'dev.x.v1.Vault#/properties/spec/properties/keystores/properties/jks': 'x.dev/v1.ts: VaultSpecKeystoresJks',
        'dev.x.v1.Vault#/properties/spec/properties/keystoresJks': 'x.dev/v1.ts: VaultSpecKeystoresJks2',
        'dev.x.v1.Vault#/properties/status': 'x.dev/v1.ts: VaultStatus2',
        // Named by the path, not by the numbered name of the object holding it.
        'dev.x.v1.Vault#/properties/status/properties/conditions/items': 'x.dev/v1.ts: VaultStatusConditions',
      },
    );
  });

  it('imports another module’s type under its name, or a prefixed alias when the name is taken here', () => {
    const model = schemaModel(
      {
        'io.a.v1.Pod': obj(),
        'io.a.v1.Spec': obj(),
        'io.b.v1.Spec': obj(),
        'io.b.v1.Job': obj(),
        'io.m.Time': str,
      },
      { 'io.a.v1.Pod': 'a.io/v1', 'io.b.v1.Job': 'b.io/v1' },
    );
    const plan = planModules(model, 'js');
    const b = plan.groupVersions.find((m) => m.key === 'b.io/v1')!;
    const refs = new ModuleRefs(plan, b);
    assert.deepEqual(
      ['io.a.v1.Spec', 'io.a.v1.Pod', 'io.m.Time', 'io.b.v1.Spec', 'io.a.v1.Spec'].map((n) => refs.schema(n)),
      ['AIoV1Spec', 'Pod', 'Time', 'Spec', 'AIoV1Spec'],
    );
    assert.deepEqual(refs.importLines(), [
      "import type { Pod, Spec as AIoV1Spec } from '../a.io/v1.js';",
      "import type { Time } from '../meta.js';",
    ]);
    assert.equal(relativeImport(b, plan.meta, 'ts'), '../meta.ts');
    assert.equal(relativeImport(plan.meta, b, 'js'), './b.io/v1.js');
    assert.throws(() => refs.schema('io.none.Missing'), /no schema named "io\.none\.Missing"/);
  });
});
