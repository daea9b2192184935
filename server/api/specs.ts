// What the server serves from spec files: the model (built by the generator's own loader and builder, so the
// server routes exactly what clients are generated for) and the documents it publishes under /openapi.
import { stat } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import { buildModel } from '../../core/model/build.js';
import type { ApiModel, Schema } from '../../core/model/types.js';
import { loadSpecs, type LoadedDocument } from '../../core/source/load.js';
import type { ModelFromDocuments } from './crds.js';
import { splitByPath } from '../openapi/v3.js';

type Doc = Record<string, unknown>;

export interface ServedSpecs {
  model: ApiModel;
  v2?: Doc;
  /** v3 documents by path (`api/v1`, `apis/apps/v1`). */
  v3: Map<string, Doc>;
  modelFromDocuments: ModelFromDocuments;
  /** Schemas CRD documents reference (ObjectMeta, Status…), with `#/components/schemas/` references. */
  metaSchemas: Record<string, Schema>;
  /** `v1.35.0` when a spec's file name says which release it is. */
  kubernetesVersion: string;
}

/** CRD documents go through the same builder as spec files, named after the path they are served at. */
const modelFromDocuments: ModelFromDocuments = (docs) =>
  buildModel(docs.map((d) => ({ file: `/openapi/v3/${d.path}`, doc: d.document })));

export async function loadServedSpecs(paths: string[]): Promise<ServedSpecs> {
  if (paths.length === 0) throw new Error('the server needs at least one spec (a v2 JSON file or a v3 folder)');
  const folders: string[] = [];
  for (const p of paths) if ((await stat(p)).isDirectory()) folders.push(p);
  const docs = await loadSpecs(paths);
  let v2: Doc | undefined;
  const v3 = new Map<string, Doc>();
  const v3Docs: LoadedDocument[] = [];
  for (const d of docs) {
    const doc = d.doc as Doc;
    if (typeof doc.swagger === 'string') {
      v2 = doc;
      continue;
    }
    for (const [path, served] of v3PathsOf(d, folders)) v3.set(path, served);
    v3Docs.push(d);
  }
  // The v3 documents say everything the v2 one does and more (as on a real server); v2 alone when that is all there is.
  const model = buildModel(v3Docs.length > 0 ? v3Docs : docs);
  const metaSchemas: Record<string, Schema> = {};
  for (const [name, named] of Object.entries(model.schemas)) {
    if (
      name.startsWith('io.k8s.apimachinery.') ||
      name === 'io.k8s.api.autoscaling.v1.Scale' ||
      name.startsWith('io.k8s.api.autoscaling.v1.Scale')
    )
      metaSchemas[name] = named.schema;
  }
  const release = paths.map((p) => /(\d+)\.(\d+)(?:\.(\d+))?/.exec(basename(p))).find(Boolean);
  return {
    model,
    v2,
    v3,
    modelFromDocuments,
    metaSchemas,
    kubernetesVersion: release ? `v${release[1]}.${release[2]}.${release[3] ?? '0'}` : 'v1.35.0',
  };
}

/** Where a v3 document is served: its place under the folder it came from, else what its paths say (split by them). */
function v3PathsOf(d: LoadedDocument, folders: string[]): Map<string, Doc> {
  const doc = d.doc as Doc;
  const folder = folders.find((f) => !relative(f, d.file).startsWith('..'));
  if (folder) {
    const path = relative(folder, d.file)
      .split(sep)
      .join('/')
      .replace(/\.(json|ya?ml)$/, '');
    return new Map([[path, doc]]);
  }
  const served = splitByPath(doc);
  if (served.size === 0)
    throw new Error(`${d.file}: cannot tell which group-version this OpenAPI v3 document describes`);
  return served;
}
