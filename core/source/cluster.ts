// Reads what a live cluster serves: GET /openapi/v3, then every group-version document it lists (a few at a
// time, through the index's `?hash=` URLs, which the server lets clients cache), falling back to /openapi/v2
// when the cluster has no v3 endpoint; and /version. The index is checked against discovery (/api, /apis): a
// group-version served without a v3 document (an aggregated API publishing none) would silently be missing from
// the output, so each is reported. Requests go through the runtime's Transport, so the connection, auth and TLS
// are exactly those of generated clients.
import type { Transport } from '@kubegen/runtime';
import type { CustomResourceDefinition } from './crd/manifests.js';
import { compareStrings } from '../spec/values.js';
import { mapBounded } from './bounded.js';

export interface ClusterVersion {
  major?: string;
  minor?: string;
  gitVersion?: string;
  platform?: string;
  [key: string]: unknown;
}

/** One v3 document, placed as the server lists it: `api/v1`, `apis/apps/v1`. */
export interface ClusterDocument {
  path: string;
  document: Record<string, unknown>;
}

export interface ClusterSpecs {
  format: 'v2' | 'v3';
  /** v3: one per group-version, sorted by path; v2: a single document with path `openapi/v2`. */
  documents: ClusterDocument[];
  version: ClusterVersion;
  /** The server as reached (no credentials). */
  server: string;
  /** The CRDs the cluster serves, when the user may list them: what OpenAPI does not say (storage, deprecation). */
  crds: CustomResourceDefinition[];
}

export interface FetchProgress {
  /** Called once the total is known, then after each document. */
  (done: number, total: number, path: string): void;
}

export interface FetchOptions {
  /** How many group-version documents are fetched at once. */
  concurrency?: number;
  onProgress?: FetchProgress;
  /** Base URL to show in errors and records. */
  server?: string;
  signal?: AbortSignal;
  /** Told, one line at a time, what the cluster serves that its OpenAPI leaves out (nothing here prints). */
  onWarning?: (message: string) => void;
}

interface OpenApiV3Index {
  paths: Record<string, { serverRelativeURL?: string }>;
}

/** What a cluster says before its documents are fetched: its version and its /openapi/v3 index (absent: v2 only). */
export interface ClusterIndex {
  version: ClusterVersion;
  /** Group-version path → the URL to fetch it from (with the server's `?hash=`), sorted by path; undefined without /openapi/v3. */
  entries?: Array<[path: string, url: string]>;
  server: string;
  crds: CustomResourceDefinition[];
}

/** Reads the cluster's OpenAPI and version through a transport. Errors name the request that failed. */
export async function fetchClusterSpecs(transport: Transport, options: FetchOptions = {}): Promise<ClusterSpecs> {
  return fetchClusterDocuments(transport, await fetchClusterIndex(transport, options), options);
}

/**
 * `/version` and the `/openapi/v3` index. The index's `?hash=` URLs change whenever a document changes, so the
 * index alone tells whether a v3 cluster serves what it served last time.
 */
export async function fetchClusterIndex(transport: Transport, options: FetchOptions = {}): Promise<ClusterIndex> {
  const server = options.server ?? '';
  // Three independent requests at once: a no-op build waits for the slowest, not for their sum. A failure is
  // reported in this order, whichever came back first, so the same cluster always gives the same error.
  const settled = await Promise.allSettled([
    get<ClusterVersion>(transport, '/version', options.signal),
    getOrMissing<OpenApiV3Index>(transport, '/openapi/v3', options.signal),
    fetchCrds(transport, options.signal),
    discoveredGroupVersions(transport, options.signal),
  ]);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  const [version, index, crds, discovered] = settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    ClusterVersion,
    OpenApiV3Index | undefined,
    CustomResourceDefinition[],
    string[],
  ];
  if (!index) return { version, server, crds };
  if (!index.paths || typeof index.paths !== 'object')
    throw new Error(`GET ${server}/openapi/v3: not an OpenAPI v3 index (no "paths")`);
  const entries = Object.entries(index.paths)
    .filter(([path]) => isGroupVersionPath(path))
    .sort(([x], [y]) => compareStrings(x, y))
    .map(([path, entry]): [string, string] => [path, entry.serverRelativeURL ?? `/openapi/v3/${path}`]);
  warnMissing(server, discovered, new Set(entries.map(([path]) => path)), options.onWarning);
  return { version, entries, server, crds };
}

/** One line per group-version discovery lists and the v3 index does not, then what that means for the output. */
function warnMissing(server: string, discovered: string[], listed: Set<string>, warn: FetchOptions['onWarning']): void {
  const missing = discovered.filter((path) => !listed.has(path));
  if (missing.length === 0 || !warn) return;
  for (const path of missing)
    warn(
      `${path}: served (discovery lists it) but ${server}/openapi/v3 has no document for it; its resources are left out`,
    );
  warn(
    `${missing.length} of the ${discovered.length} group-versions ${server || 'the cluster'} serves have no /openapi/v3 document and are left out of the output`,
  );
}

/**
 * The group-versions discovery lists (`api/v1`, `apis/apps/v1`), sorted; none when the cluster will not say
 * (404, or 403 to a user who may not read discovery).
 */
async function discoveredGroupVersions(transport: Transport, signal: AbortSignal | undefined): Promise<string[]> {
  try {
    const [core, groups] = await Promise.all([
      getOrMissing<{ versions?: unknown }>(transport, '/api', signal),
      getOrMissing<{ groups?: unknown }>(transport, '/apis', signal),
    ]);
    const paths = new Set<string>();
    for (const v of Array.isArray(core?.versions) ? core.versions : [])
      if (typeof v === 'string') paths.add(`api/${v}`);
    for (const g of Array.isArray(groups?.groups) ? (groups.groups as { versions?: unknown }[]) : []) {
      for (const v of Array.isArray(g?.versions) ? (g.versions as { groupVersion?: unknown }[]) : [])
        if (typeof v?.groupVersion === 'string') paths.add(`apis/${v.groupVersion}`);
    }
    return [...paths].sort(compareStrings);
  } catch (err) {
    if (statusOf(err) === 403) return [];
    throw err;
  }
}

/** Every group-version document the index lists, a few at a time; or the single /openapi/v2 document. */
export async function fetchClusterDocuments(
  transport: Transport,
  index: ClusterIndex,
  options: FetchOptions = {},
): Promise<ClusterSpecs> {
  const { version, server, entries, crds } = index;
  if (!entries) {
    options.onProgress?.(0, 1, 'openapi/v2');
    const document = await get<Record<string, unknown>>(transport, '/openapi/v2', options.signal);
    options.onProgress?.(1, 1, 'openapi/v2');
    return { format: 'v2', documents: [{ path: 'openapi/v2', document }], version, server, crds };
  }
  const documents = await mapBounded(entries, options.concurrency ?? 8, async ([path, url], done) => {
    const document = await get<Record<string, unknown>>(transport, url, options.signal);
    options.onProgress?.(done(), entries.length, path);
    return { path, document };
  });
  return { format: 'v3', documents, version, server, crds };
}

/** The served CRD objects, sorted by name; none when listing them is forbidden or the group is not served. */
async function fetchCrds(transport: Transport, signal: AbortSignal | undefined): Promise<CustomResourceDefinition[]> {
  let list: { items?: unknown } | undefined;
  try {
    list = await getOrMissing<{ items?: unknown }>(
      transport,
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      signal,
    );
  } catch (err) {
    if (statusOf(err) === 403) return [];
    throw err;
  }
  const items = Array.isArray(list?.items) ? (list.items as CustomResourceDefinition[]) : [];
  return items
    .filter((c) => typeof c?.metadata?.name === 'string' && Array.isArray(c.spec?.versions))
    .sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
}

/** Only resource group-versions: `api/v1`, `apis/<group>/<version>`; not `version`, `.well-known/…`, `openid/…`, `logs`. */
function isGroupVersionPath(path: string): boolean {
  return path === 'api/v1' || /^apis\/[^/]+\/[^/]+$/.test(path);
}

async function get<T>(transport: Transport, url: string, signal: AbortSignal | undefined): Promise<T> {
  const [path, query] = splitUrl(url);
  const req = {
    verb: 'get',
    method: 'GET' as const,
    path,
    query,
    accept: 'application/json',
    ...(signal ? { signal } : {}),
  };
  return transport.request<T>(req);
}

async function getOrMissing<T>(
  transport: Transport,
  url: string,
  signal: AbortSignal | undefined,
): Promise<T | undefined> {
  try {
    return await get<T>(transport, url, signal);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; code?: unknown; statusCode?: unknown };
  for (const v of [e.status, e.code, e.statusCode]) if (typeof v === 'number') return v;
  return undefined;
}

function splitUrl(url: string): [string, Record<string, string>] {
  const u = new URL(url, 'http://cluster.invalid');
  return [u.pathname, Object.fromEntries(u.searchParams)];
}
