// What the server serves from spec files: the model (built by the generator's own loader and builder, so the
// server routes exactly what clients are generated for) and the raw documents it publishes under /openapi.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { ApiModel, Schema } from '../generator/model/types.js';
import type { ModelFromDocuments } from './crds.js';
import { buildFromFiles, modelFromDocuments as buildFromDocuments } from './model-source.js';

const modelFromDocuments: ModelFromDocuments = buildFromDocuments;

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

export async function loadServedSpecs(paths: string[]): Promise<ServedSpecs> {
  if (paths.length === 0) throw new Error('the server needs at least one spec (a v2 JSON file or a v3 folder)');
  let v2: Doc | undefined;
  const v3 = new Map<string, Doc>();
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      for (const file of await jsonFiles(path)) {
        const rel = relative(path, file).split(sep).join('/').replace(/\.json$/, '');
        v3.set(rel, JSON.parse(await readFile(file, 'utf8')) as Doc);
      }
    } else {
      const doc = JSON.parse(await readFile(path, 'utf8')) as Doc;
      if (typeof doc.swagger === 'string') v2 = doc;
      else if (typeof doc.openapi === 'string') v3.set(v3PathOf(doc, path), doc);
      else throw new Error(`${path}: neither an OpenAPI v2 (swagger) nor a v3 document`);
    }
  }
  const model = await buildFromFiles(v3.size > 0 ? paths.filter((p) => !isV2(p, v2)) : paths);
  const metaSchemas: Record<string, Schema> = {};
  for (const [name, named] of Object.entries(model.schemas)) if (name.startsWith('io.k8s.apimachinery.') || name.startsWith('io.k8s.api.autoscaling.v1.Scale')) metaSchemas[name] = named.schema;
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

function isV2(path: string, v2: Doc | undefined): boolean {
  return v2 !== undefined && path.endsWith('.json') && !path.includes(`${sep}apis${sep}`) && !path.includes(`${sep}api${sep}`);
}

/** Where a lone v3 document belongs: from its paths (`/apis/apps/v1/...` → `apis/apps/v1`). */
function v3PathOf(doc: Doc, file: string): string {
  const first = Object.keys((doc.paths as Doc | undefined) ?? {})[0] ?? '';
  const m = /^\/(api\/[^/]+|apis\/[^/]+\/[^/]+)/.exec(first);
  if (!m) throw new Error(`${file}: cannot tell which group-version this v3 document describes`);
  return m[1]!;
}

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonFiles(full)));
    else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}
