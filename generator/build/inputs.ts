// Where a model comes from in a build step: spec files, CRD manifests, a live cluster, or spec files plus CRDs.
// Everything becomes in-memory OpenAPI documents, which the model builder takes as it takes files.
import { existsSync } from 'node:fs';
import type { Schema } from '../model/types.js';
import { loadSpecs, type LoadedDocument } from '../source/load.js';
import { crdsToOpenApiDocuments, dedupeCrds, readCrdFiles, resolveCrdPaths, type CustomResourceDefinition, type LoadedCrd } from '../source/crd.js';
import { crdSchemaName, noteCrdVersion } from '../source/crd-openapi.js';
import { fetchClusterDocuments, fetchClusterIndex, fetchClusterSpecs, type ClusterSpecs, type FetchOptions } from '../source/cluster.js';
import { hashInputs, sha256, type InputRecord } from './stamp.js';

export interface ConnectionFlags {
  kubeconfig?: string;
  context?: string;
  server?: string;
}

export interface InputFlags extends ConnectionFlags {
  spec?: string[];
  crd?: string[];
}

export interface CollectedInputs {
  documents: LoadedDocument[];
  /** The cluster's `/version` gitVersion, when read from a cluster. */
  serverVersion?: string;
  /** One line saying what was read. */
  summary: string;
}

/** True when the inputs name no spec and no CRD: the cluster is the source. */
export function readsCluster(flags: InputFlags): boolean {
  return !flags.spec?.length && !flags.crd?.length;
}

/** The inputs of one build, opened: what they hash to (cheap), and how to read them (not cheap). */
export interface OpenedInputs {
  /** sha256 over everything read from outside: the files' bytes, or the cluster's version, index hashes and CRDs. */
  key: string;
  /** The input files' sizes, times and hashes, to record in the stamp. */
  records?: Record<string, InputRecord>;
  read(fetch?: FetchOptions): Promise<CollectedInputs>;
  close(): Promise<void>;
}

/**
 * Opens the inputs: spec files and CRD manifests (globs resolved, so a glob matching nothing fails here), or the
 * cluster when neither is given (its /version and /openapi/v3 index are read; the documents wait for `read`).
 */
export async function openInputs(flags: InputFlags, fetch: FetchOptions = {}, previous?: Record<string, InputRecord>): Promise<OpenedInputs> {
  if (readsCluster(flags)) return openCluster(flags, fetch);
  const cluster = (['server', 'kubeconfig', 'context'] as const).find((k) => flags[k]);
  if (cluster) throw new Error(`--${cluster} reads a cluster, and --spec/--crd read files: give one source or the other`);
  const specs = flags.spec ?? [];
  const crdFiles = flags.crd?.length ? await resolveCrdPaths(flags.crd) : [];
  for (const s of specs) if (!existsSync(s)) throw new Error(`--spec ${s}: no such file or folder`);
  const { key, inputs } = await hashInputs([...specs, ...crdFiles], { specs: specs.length, crds: crdFiles.length }, previous);
  return {
    key,
    records: inputs,
    read: async () => {
      const specDocs = specs.length ? await loadSpecs(specs) : [];
      const crds = dedupeCrds(await readCrdFiles(crdFiles));
      return {
        documents: [...specDocs, ...crdDocuments(crds, metaSchemasOf(specDocs))],
        summary: `read ${specDocs.length} spec document(s) and ${crds.length} CRD(s)`,
      };
    },
    close: async () => {},
  };
}

async function openCluster(flags: ConnectionFlags, fetch: FetchOptions): Promise<OpenedInputs> {
  // Loaded on demand: the connection code brings the whole runtime, which file inputs never need.
  const { connectCluster } = await import('./connect.js');
  const { transport, server, close } = await connectCluster(flags);
  try {
    const index = await fetchClusterIndex(transport, { ...fetch, server });
    // Without /openapi/v3 there is no index to hash: the v2 document itself is the key.
    const v2 = index.entries ? undefined : await fetchClusterDocuments(transport, index, { ...fetch, server });
    const key = sha256(JSON.stringify({ version: index.version, entries: index.entries ?? v2!.documents, crds: index.crds.map(crdNotes) }));
    return {
      key,
      async read(more: FetchOptions = {}) {
        const specs = v2 ?? (await fetchClusterDocuments(transport, index, { ...fetch, ...more, server }).catch((err: unknown) => {
          throw clusterError(server, err);
        }));
        if (specs.documents.length === 0) throw new Error(`${server}/openapi/v3 lists no group-version document`);
        const gitVersion = specs.version.gitVersion;
        return {
          documents: clusterDocuments(specs),
          ...(gitVersion ? { serverVersion: gitVersion } : {}),
          summary: `read ${specs.documents.length} OpenAPI ${specs.format} document(s) from ${specs.server}${gitVersion ? ` (Kubernetes ${gitVersion})` : ''}`,
        };
      },
      close,
    };
  } catch (err) {
    await close();
    throw clusterError(server, err);
  }
}

function clusterError(server: string, err: unknown): Error {
  return new Error(`cannot read the cluster at ${server}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/** What of a CRD object shapes generated code (not its status or resourceVersion). */
function crdNotes(crd: CustomResourceDefinition): unknown {
  return { name: crd.metadata.name, names: crd.spec.names, versions: crd.spec.versions.map((v) => [v.name, v.served, v.storage, v.deprecated, v.deprecationWarning]) };
}

export async function readCrds(patterns: string[]): Promise<LoadedCrd[]> {
  return dedupeCrds(await readCrdFiles(await resolveCrdPaths(patterns)));
}

/** CRD documents, named after the manifest file that defines each group-version's first kind. */
export function crdDocuments(crds: LoadedCrd[], metaSchemas?: Record<string, Schema>): LoadedDocument[] {
  const docs = crdsToOpenApiDocuments(crds.map((c) => c.crd), metaSchemas ? { metaSchemas } : {});
  return docs.map((d) => {
    const from = crds.find((c) => c.crd.spec.group === d.group && c.crd.spec.versions.some((v) => v.name === d.version));
    return { file: `${from?.file ?? 'crd'}#openapi/v3/${d.path}`, doc: d.document };
  });
}

export async function readCluster(flags: ConnectionFlags, fetch: FetchOptions = {}): Promise<ClusterSpecs> {
  const { connectCluster } = await import('./connect.js');
  const { transport, server, close } = await connectCluster(flags);
  try {
    return await fetchClusterSpecs(transport, { ...fetch, server });
  } finally {
    await close();
  }
}

/** The cluster's documents, with its CRDs' storage and deprecation noted on their kind schemas as CRD files note them. */
function clusterDocuments(specs: ClusterSpecs): LoadedDocument[] {
  for (const crd of specs.crds) {
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      const name = crdSchemaName(crd.spec.group, version.name, crd.spec.names.kind);
      const path = `apis/${crd.spec.group}/${version.name}`;
      for (const d of specs.documents) {
        if (specs.format === 'v3' && d.path !== path) continue;
        const doc = d.document as { components?: { schemas?: Record<string, Schema> }; definitions?: Record<string, Schema> };
        const schema = doc.components?.schemas?.[name] ?? doc.definitions?.[name];
        if (schema) noteCrdVersion(schema, crd, version);
      }
    }
  }
  return specs.documents.map((d) => ({ file: `${specs.server}/openapi/${specs.format === 'v3' ? `v3/${d.path}` : 'v2'}`, doc: d.document }));
}

/** The meta schemas of loaded spec documents (v3 components, or v2 definitions with their references rewritten). */
export function metaSchemasOf(docs: LoadedDocument[]): Record<string, Schema> | undefined {
  const out: Record<string, Schema> = {};
  for (const { doc } of docs) {
    const d = doc as { components?: { schemas?: Record<string, Schema> }; definitions?: Record<string, Schema> };
    const v3 = d.components?.schemas;
    const v2 = d.definitions;
    for (const [name, schema] of Object.entries(v3 ?? {})) if (isMeta(name)) out[name] ??= schema;
    for (const [name, schema] of Object.entries(v2 ?? {})) if (isMeta(name)) out[name] ??= rewriteRefs(schema);
  }
  return Object.keys(out).length ? out : undefined;
}

function isMeta(name: string): boolean {
  return name.startsWith('io.k8s.apimachinery.') || name.startsWith('io.k8s.api.autoscaling.v1.Scale');
}

function rewriteRefs(value: Schema): Schema {
  return JSON.parse(JSON.stringify(value).replace(/"#\/definitions\//g, '"#/components/schemas/')) as Schema;
}
