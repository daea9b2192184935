// A live cluster as a build input: its /version, /openapi/v3 index and CRDs are the key; the group-version
// documents are fetched only when the build reads them.
import type { CustomResourceDefinition } from '../crd/manifests.js';
import type { Schema } from '../../spec/schema.js';
import {
  fetchClusterDocuments,
  fetchClusterIndex,
  fetchClusterSpecs,
  type ClusterSpecs,
  type FetchOptions,
} from '../cluster.js';
import { sha256 } from './hash.js';
import type { ConnectionFlags, OpenedInputs } from './types.js';
import type { LoadedDocument } from '../../spec/document.js';

export async function openCluster(flags: ConnectionFlags, fetch: FetchOptions): Promise<OpenedInputs> {
  // Loaded on demand: the connection code brings the whole runtime, which file inputs never need.
  const { connectCluster } = await import('./connect.js');
  const { transport, server, close } = await connectCluster(flags);
  try {
    const index = await fetchClusterIndex(transport, { ...fetch, server });
    // Without /openapi/v3 there is no index to hash: the v2 document itself is the key.
    const v2 = index.entries ? undefined : await fetchClusterDocuments(transport, index, { ...fetch, server });
    const key = sha256(
      JSON.stringify({
        version: index.version,
        entries: index.entries ?? v2!.documents,
        crds: index.crds.map(crdNotes),
      }),
    );
    return {
      key,
      async read(more: FetchOptions = {}) {
        const specs =
          v2 ??
          (await fetchClusterDocuments(transport, index, { ...fetch, ...more, server }).catch((err: unknown) => {
            throw clusterError(server, err);
          }));
        if (specs.documents.length === 0) throw new Error(`${server}/openapi/v3 lists no group-version document`);
        const gitVersion = specs.version.gitVersion;
        return {
          documents: await clusterDocuments(specs),
          crds: specs.crds.map((crd) => ({
            crd,
            file: `${specs.server}/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
          })),
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
  return new Error(`cannot read the cluster at ${server}: ${problemOf(server, err)}`, { cause: err });
}

/** The failure in one line: OpenSSL's report of a TLS handshake answered in plain HTTP spans two and says little. */
function problemOf(server: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (!hasCode(err, 'ERR_SSL_WRONG_VERSION_NUMBER')) return message;
  const site = /^\S+ [A-Z]+ \S+: /.exec(message)?.[0] ?? '';
  return `${site}the server answers plain HTTP, not TLS: its URL is ${server.replace(/^https:/, 'http:')}`;
}

function hasCode(err: unknown, code: string): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++)
    if ((e as { code?: unknown }).code === code) return true;
  return false;
}

/** What of a CRD object shapes generated code (not its status or resourceVersion). */
function crdNotes(crd: CustomResourceDefinition): unknown {
  return {
    name: crd.metadata.name,
    names: crd.spec.names,
    versions: crd.spec.versions.map((v) => [v.name, v.served, v.storage, v.deprecated, v.deprecationWarning]),
  };
}

export async function readCluster(flags: ConnectionFlags, fetch: FetchOptions = {}): Promise<ClusterSpecs> {
  const { connectCluster } = await import('./connect.js');
  const { transport, server, close } = await connectCluster(flags);
  try {
    return await fetchClusterSpecs(transport, { ...fetch, server }).catch((err: unknown) => {
      throw clusterError(server, err);
    });
  } finally {
    await close();
  }
}

/** The cluster's documents, with its CRDs' storage and deprecation noted on their kind schemas as CRD files note them. */
async function clusterDocuments(specs: ClusterSpecs): Promise<LoadedDocument[]> {
  const { crdSchemaName, noteCrdVersion } = await import('../crd/openapi.js');
  for (const crd of specs.crds) {
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      const name = crdSchemaName(crd.spec.group, version.name, crd.spec.names.kind);
      const path = `apis/${crd.spec.group}/${version.name}`;
      for (const d of specs.documents) {
        if (specs.format === 'v3' && d.path !== path) continue;
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
