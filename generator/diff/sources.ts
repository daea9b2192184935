// The two sides of `kubegen diff`: each a cluster URL, a spec (a Swagger/OpenAPI file or a folder shaped like
// /openapi/v3), or CRD manifests (a file, a folder of manifests, or a glob). Each side becomes one model.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiModel } from '../model/types.js';
import { buildModel } from '../model/build.js';
import { loadSpecs } from '../source/load.js';
import { crdDocuments, readCluster, readCrds, type ConnectionFlags } from '../build/inputs.js';

export type SideKind = 'cluster' | 'spec' | 'crd';

export interface DiffSource {
  model: ApiModel;
  kind: SideKind;
  /** The release, when the source says it: a cluster's `/version`, a v2 spec's `info.version`. */
  version?: string;
}

/** Loads one side of a diff into a model. */
export async function loadDiffSource(arg: string, flags: ConnectionFlags = {}): Promise<DiffSource> {
  const kind = await sideKind(arg);
  if (kind === 'cluster') {
    const specs = await readCluster({ ...flags, server: arg });
    const docs = specs.documents.map((d) => ({ file: `${specs.server}/openapi/${specs.format === 'v3' ? `v3/${d.path}` : 'v2'}`, doc: d.document }));
    const model = buildModel(docs);
    const version = specs.version.gitVersion ?? model.source.infoVersion;
    return { model, kind, ...(version ? { version } : {}) };
  }
  if (kind === 'spec') {
    const model = buildModel(await loadSpecs([arg]));
    return { model, kind, ...(model.source.infoVersion ? { version: model.source.infoVersion } : {}) };
  }
  return { model: buildModel(crdDocuments(await readCrds([arg]))), kind };
}

/**
 * Tells the three kinds of argument apart without parsing a whole file twice: a URL is a cluster; a folder with
 * `api/` or `apis/` is an /openapi/v3 tree; a file whose top level says `swagger` or `openapi` is a spec; anything
 * else (another file, another folder, a glob) is read as CRD manifests, whose reader says clearly what is wrong.
 */
export async function sideKind(arg: string): Promise<SideKind> {
  if (/^https?:\/\//i.test(arg)) return 'cluster';
  const info = await stat(arg).catch(() => undefined);
  if (!info) return 'crd';
  if (info.isDirectory()) {
    const tree = await Promise.all(['api', 'apis'].map((d) => stat(join(arg, d)).then((s) => s.isDirectory(), () => false)));
    return tree.some(Boolean) ? 'spec' : 'crd';
  }
  return isSpecText(await readFile(arg, 'utf8')) ? 'spec' : 'crd';
}

/** True for a Swagger 2.0 or OpenAPI 3 document, in JSON (any key order, any layout) or YAML. */
export function isSpecText(text: string): boolean {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(body)) {
    try {
      const doc = JSON.parse(body) as unknown;
      return typeof doc === 'object' && doc !== null && ('swagger' in doc || 'openapi' in doc);
    } catch {
      return false; // not JSON after all: the CRD reader reports the parse error with its location
    }
  }
  // A YAML document's top-level keys start at column 0.
  return /^["']?(swagger|openapi)["']?\s*:/m.test(body);
}
