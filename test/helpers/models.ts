// Models built in-process: from the project's CRD fixtures as `--crd` reads them, or by hand for given/want tables.
import { buildModel } from '../../core/model/build.ts';
import type { ApiModel, GroupVersionKind, Schema } from '../../core/model/types.ts';
import { crdDocuments, readCrds } from '../../core/source/inputs/files.ts';

/** The model `kubegen generate --crd FILE…` builds: the CRDs' documents over kubegen's own meta schemas. */
export async function modelFromCrds(files: string[]): Promise<ApiModel> {
  return buildModel(await crdDocuments(await readCrds(files)));
}

/**
 * A model holding only named schemas, for the emitter's tables. `kinds` pins a schema to a group-version kind
 * (`{ 'io.x.v1.Foo': 'x.io/v1' }`): its group-version then has a module, as a spec's paths would give it.
 */
export function schemaModel(schemas: Record<string, Schema>, kinds: Record<string, string> = {}): ApiModel {
  const gvks = (name: string): GroupVersionKind[] => {
    const gv = kinds[name];
    if (!gv) return [];
    const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
    return [{ group: group!, version: version!, kind: name.slice(name.lastIndexOf('.') + 1) }];
  };
  const groups = new Map<string, ApiModel['groups'][number]>();
  for (const gv of new Set(Object.values(kinds)).values()) {
    const [apiGroup, version] = gv.includes('/') ? gv.split('/') : ['', gv];
    const name = apiGroup || 'core';
    const group = groups.get(name) ?? { name, apiGroup: apiGroup!, versions: [], preferredVersion: version! };
    const pathPrefix = apiGroup ? `/apis/${gv}` : `/api/${version}`;
    group.versions.push({
      group: name,
      apiGroup: apiGroup!,
      version: version!,
      apiVersion: gv,
      pathPrefix,
      resources: [],
    });
    groups.set(name, group);
  }
  return {
    source: { format: 'v3', files: ['given.json'], hash: '0'.repeat(64) },
    groups: [...groups.values()],
    schemas: Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [
        name,
        { name, schema, origin: { file: 'given.json', pointer: `/components/schemas/${name}` }, gvks: gvks(name) },
      ]),
    ),
    operations: [],
    nonResource: [],
    skipped: [],
  };
}
