// The two sides of `kubegen diff`: each a Kubernetes release (`kubernetes:1.35`, its published documents as
// `--kubernetes` reads them), a cluster (a `kubectl proxy` URL, or `context:NAME` of the kubeconfig), a spec (a
// Swagger/OpenAPI file or a folder shaped like /openapi/v3), or CRD manifests (a file, a folder of manifests, or a
// glob). Each side becomes one model.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiModel, Schema } from '../../core/model/types.js';
import { buildModel } from '../../core/model/build.js';
import { loadSpecs, type LoadedDocument } from '../../core/source/load.js';
import { crdSchemaName, noteCrdVersion } from '../../core/source/crd/openapi.js';
import type { ClusterSpecs } from '../../core/source/cluster.js';
import { crdDocuments, readCrds } from '../../core/source/inputs/files.js';
import { readCluster } from '../../core/source/inputs/cluster.js';

export type SideKind = 'release' | 'cluster' | 'spec' | 'crd';

export interface DiffSourceOptions {
  /** The kubeconfig file `context:NAME` sides read (default: $KUBECONFIG, ~/.kube/config). */
  kubeconfig?: string;
  /** The base URL `kubernetes:` sides are fetched under (a mirror); $KUBEGEN_KUBERNETES_SPECS takes precedence. */
  kubernetesSpecs?: string;
}

const CONTEXT = /^context:(.*)$/;
const RELEASE = /^kubernetes:(.*)$/;

export interface DiffSource {
  model: ApiModel;
  kind: SideKind;
  /** The release, when the source says it: a cluster's `/version`, a v2 spec's `info.version`. */
  version?: string;
}

/** Loads one side of a diff into a model. */
export async function loadDiffSource(arg: string, options: DiffSourceOptions = {}): Promise<DiffSource> {
  const kind = await sideKind(arg);
  if (kind === 'release') return readRelease(RELEASE.exec(arg)![1]!, options);
  if (kind === 'cluster') {
    const context = CONTEXT.exec(arg);
    const flags = context
      ? {
          ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
          ...(context[1] ? { context: context[1] } : {}),
        }
      : { server: arg };
    const specs = await readCluster(flags);
    const model = buildModel(clusterDocuments(specs));
    const version = specs.version.gitVersion ?? model.source.infoVersion;
    return { model, kind, ...(version ? { version } : {}) };
  }
  if (kind === 'spec') {
    const model = buildModel(await loadSpecs([arg]));
    return { model, kind, ...(model.source.infoVersion ? { version: model.source.infoVersion } : {}) };
  }
  return { model: buildModel(await crdDocuments(await readCrds([arg], ''))), kind };
}

/**
 * A release's documents, verified against the lock when it names the release (kubegen.lock.json in the working
 * folder) and kept in the user's cache as `kubegen generate --kubernetes` keeps them; a diff records nothing in the lock.
 */
async function readRelease(release: string, options: DiffSourceOptions): Promise<DiffSource> {
  const { openRelease } = await import('../../core/source/inputs/release.js');
  const flags = {
    kubernetes: release,
    ...(options.kubernetesSpecs ? { kubernetesSpecs: options.kubernetesSpecs } : {}),
  };
  const inputs = await openRelease(flags, {});
  try {
    const read = await inputs.read();
    return { model: buildModel(read.documents), kind: 'release', ...(read.release ? { version: read.release } : {}) };
  } finally {
    await inputs.close();
  }
}

/**
 * Tells the kinds of argument apart without parsing a whole file twice: `kubernetes:` is a release; a URL or `context:` is a cluster; a folder with
 * `api/` or `apis/` is an /openapi/v3 tree; a file whose top level says `swagger` or `openapi` is a spec; anything
 * else (another file, another folder, a glob) is read as CRD manifests, whose reader says clearly what is wrong.
 */
export async function sideKind(arg: string): Promise<SideKind> {
  if (RELEASE.test(arg)) return 'release';
  if (/^https?:\/\//i.test(arg) || CONTEXT.test(arg)) return 'cluster';
  const info = await stat(arg).catch(() => undefined);
  if (!info) return 'crd';
  if (info.isDirectory()) {
    const tree = await Promise.all(
      ['api', 'apis'].map((d) =>
        stat(join(arg, d)).then(
          (s) => s.isDirectory(),
          () => false,
        ),
      ),
    );
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

/**
 * A cluster's documents, with what its CRD objects say and its OpenAPI does not (storage version, deprecation)
 * noted on their kind schemas as CRD manifests note them, so that both kinds of side report the same deprecations.
 */
function clusterDocuments(specs: ClusterSpecs): LoadedDocument[] {
  for (const crd of specs.crds) {
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      const name = crdSchemaName(crd.spec.group, version.name, crd.spec.names.kind);
      for (const d of specs.documents) {
        if (specs.format === 'v3' && d.path !== `apis/${crd.spec.group}/${version.name}`) continue;
        const doc = d.document as {
          components?: { schemas?: Record<string, Schema> };
          definitions?: Record<string, Schema>;
        };
        const schema = doc.components?.schemas?.[name] ?? doc.definitions?.[name];
        if (schema) noteCrdVersion(schema, crd, version);
      }
    }
  }
  return specs.documents.map((d) => ({
    file: `${specs.server}/openapi/${specs.format === 'v3' ? `v3/${d.path}` : 'v2'}`,
    doc: d.document,
  }));
}
