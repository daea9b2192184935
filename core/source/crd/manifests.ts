// Reads CustomResourceDefinition manifests (apiextensions.k8s.io/v1): YAML with any number of documents, JSON,
// or a `List` of CRDs as `kubectl get crd -o yaml` prints it. Every document must be a valid CRD: anything else
// is an error naming the file, the document and the JSON pointer.
import { readFileSync } from 'node:fs';
import { SpecError, oneLine } from '../../spec/errors.js';
import type { Schema } from '../../spec/schema.js';
import { cachedDocuments } from '../parse/cache.js';
import { parseTextDocuments } from '../parse/index.js';
import { checkCrdSchema } from './schema.js';
import { isObject } from '../../spec/values.js';

export interface CrdNames {
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CrdSubresources {
  status?: Record<string, never>;
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema?: { openAPIV3Schema?: Schema };
  subresources?: CrdSubresources;
  additionalPrinterColumns?: unknown[];
}

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; [key: string]: unknown };
  spec: {
    group: string;
    names: CrdNames;
    scope: 'Namespaced' | 'Cluster';
    versions: CrdVersion[];
    preserveUnknownFields?: boolean;
    [key: string]: unknown;
  };
}

/** A CRD and where it was read from. */
export interface LoadedCrd {
  crd: CustomResourceDefinition;
  file: string;
  /** Where in the file: empty for a single document, `3` for the third document, `/items/1` for an item of a List. */
  location: string;
}

/** An error about one CRD document, naming the file (and line and column, when known), the document and the pointer. */
export class CrdError extends Error {
  constructor(
    readonly file: string,
    readonly location: string,
    readonly pointer: string,
    detail: string,
    at?: { line: number; column: number },
  ) {
    const where = at ? `${file}:${at.line}:${at.column}` : file;
    super(oneLine(`${where}${location ? ` (document ${location})` : ''} at ${pointer || '/'}: ${detail}`));
    this.name = 'CrdError';
  }
}

/** A manifest's bytes as already read, with their sha256 when it is known. */
export interface ReadManifest {
  bytes: Buffer;
  sha256?: string;
}

/**
 * Parses every CRD in a manifest's text; throws a `CrdError` for anything that is not a valid v1 CRD. With `cache`, a
 * large text's documents are kept parsed in kubegen's cache (KUBEGEN_CACHE=0 turns it off); `sha256`, the hash of
 * the text's bytes when known, spares hashing them again.
 */
export function parseCrdManifest(text: string | Buffer, file: string, cache = false, sha256?: string): LoadedCrd[] {
  const values = parseDocuments(text, file, cache, sha256);
  const out: LoadedCrd[] = [];
  values.forEach((value, index) => {
    const location = values.length > 1 ? String(index + 1) : '';
    if (value === null || value === undefined) return; // an empty document between `---` separators
    if (isObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item, i) => out.push(checkCrd(item, file, location, `/items/${i}`)));
    } else {
      out.push(checkCrd(value, file, location, ''));
    }
  });
  if (out.length === 0) throw new CrdError(file, '', '', 'no CustomResourceDefinition in this file');
  return out;
}

/**
 * Reads and parses CRD manifest files in the order given, one at a time: only one file's text and syntax tree are
 * held at once. Large texts are kept parsed in kubegen's cache unless `cache` is false. A file in `read` (by path) is
 * not read again, and leaves it once parsed.
 */
export async function readCrdFiles(
  files: string[],
  options: { cache?: boolean; read?: Map<string, ReadManifest> } = {},
): Promise<LoadedCrd[]> {
  const out: LoadedCrd[] = [];
  for (const file of files) {
    const known = options.read?.get(file);
    options.read?.delete(file);
    // As bytes: a text the cache holds parsed is looked up by its bytes' hash, and never decoded. Read at once: an
    // asynchronous read costs four round trips to the thread pool.
    const bytes = known?.bytes ?? readFileSync(file);
    out.push(...parseCrdManifest(bytes, file, options.cache ?? true, known?.sha256));
  }
  return out;
}

/**
 * Keeps the last definition of each CRD name, as applying the files in order to a cluster would, and refuses two
 * different CRDs that claim the same group, version and kind or plural.
 */
export function dedupeCrds(crds: LoadedCrd[]): LoadedCrd[] {
  const byName = new Map<string, LoadedCrd>();
  for (const c of crds) {
    byName.delete(c.crd.metadata.name);
    byName.set(c.crd.metadata.name, c);
  }
  const claimed = new Map<string, LoadedCrd>();
  for (const c of byName.values()) {
    const { group, names } = c.crd.spec;
    for (const key of [`${group}/kind/${names.kind}`, `${group}/plural/${names.plural}`]) {
      const other = claimed.get(key);
      if (other) {
        throw new CrdError(
          c.file,
          c.location,
          '/spec/names',
          `${c.crd.metadata.name} and ${other.crd.metadata.name} (${other.file}) both define ${key.replace('/kind/', ' kind ').replace('/plural/', ' plural ')}`,
        );
      }
      claimed.set(key, c);
    }
  }
  return [...byName.values()];
}

/** The manifest's documents, read as every input is; a problem of the text becomes a CrdError of its document. */
function parseDocuments(source: string | Buffer, file: string, cache: boolean, sha256?: string): unknown[] {
  // Decoded at once when needed: with an encoding, Node 20 decodes a large file chunk by chunk into a rope of strings.
  const text = () => (typeof source === 'string' ? source : source.toString('utf8'));
  const format = /^\s*[{[]/.test(head(source)) ? 'json' : 'yaml';
  try {
    if (format === 'json') return parseTextDocuments(file, text(), { format });
    return cachedDocuments(source, { format }, cache, () => parseTextDocuments(file, text(), { format }), sha256);
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    const at = err.line === undefined ? undefined : { line: err.line, column: err.column ?? 1 };
    throw new CrdError(file, err.document ? String(err.document) : '', err.pointer, err.detail, at);
  }
}

/** The start of the text, up to its first character that is not white space. */
function head(source: string | Buffer): string {
  if (typeof source === 'string') return source;
  const start = source.toString('utf8', 0, 1024);
  return /\S/.test(start) || source.length <= 1024 ? start : source.toString('utf8');
}

function checkCrd(value: unknown, file: string, location: string, base: string): LoadedCrd {
  const fail = (pointer: string, detail: string): never => {
    throw new CrdError(file, location, base + pointer, detail);
  };
  if (!isObject(value)) return fail('', 'not a Kubernetes object (expected a mapping with apiVersion and kind)');
  if (value.kind !== 'CustomResourceDefinition') {
    return fail('/kind', `not a CustomResourceDefinition (kind is ${JSON.stringify(value.kind ?? null)})`);
  }
  if (value.apiVersion !== 'apiextensions.k8s.io/v1') {
    return fail(
      '/apiVersion',
      `only apiextensions.k8s.io/v1 CustomResourceDefinitions are supported, not ${JSON.stringify(value.apiVersion ?? null)}`,
    );
  }
  const metadata = value.metadata;
  if (!isObject(metadata) || typeof metadata.name !== 'string' || !metadata.name)
    return fail('/metadata/name', 'missing');
  const spec = value.spec;
  if (!isObject(spec)) return fail('/spec', 'missing');
  if (
    typeof spec.group !== 'string' ||
    !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(spec.group)
  ) {
    return fail(
      '/spec/group',
      `must be a DNS subdomain with at least one dot, got ${JSON.stringify(spec.group ?? null)}`,
    );
  }
  checkNames(spec.names, fail);
  const names = spec.names as CrdNames;
  if (metadata.name !== `${names.plural}.${spec.group}`) {
    return fail(
      '/metadata/name',
      `must be "${names.plural}.${spec.group}" (spec.names.plural + "." + spec.group), got "${metadata.name}"`,
    );
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
    return fail('/spec/scope', `must be "Namespaced" or "Cluster", got ${JSON.stringify(spec.scope ?? null)}`);
  checkVersions(spec.versions, fail);
  return { crd: value as unknown as CustomResourceDefinition, file, location: `${location}${base}` };
}

type Fail = (pointer: string, detail: string) => never;

function checkNames(names: unknown, fail: Fail): void {
  if (!isObject(names)) fail('/spec/names', 'missing');
  const n = names as Record<string, unknown>;
  for (const key of ['plural', 'kind'] as const) {
    if (typeof n[key] !== 'string' || !n[key]) fail(`/spec/names/${key}`, 'missing');
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n.plural as string))
    fail('/spec/names/plural', `"${String(n.plural)}" is not a lower-case DNS label`);
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(n.kind as string))
    fail('/spec/names/kind', `"${String(n.kind)}" is not a valid kind`);
  // The API server defaults these two; so do we, so that every later step can rely on them.
  if (n.singular === undefined || n.singular === '') n.singular = (n.kind as string).toLowerCase();
  if (n.listKind === undefined || n.listKind === '') n.listKind = `${n.kind as string}List`;
  for (const key of ['shortNames', 'categories'] as const) {
    const list = n[key];
    if (list !== undefined && !(Array.isArray(list) && list.every((s) => typeof s === 'string')))
      fail(`/spec/names/${key}`, 'must be a list of strings');
  }
}

function checkVersions(versions: unknown, fail: Fail): void {
  if (!Array.isArray(versions) || versions.length === 0) fail('/spec/versions', 'must list at least one version');
  const list = versions as unknown[];
  let storage = 0;
  const seen = new Set<string>();
  list.forEach((v, i) => {
    const at = `/spec/versions/${i}`;
    if (!isObject(v)) fail(at, 'must be a mapping');
    const version = v as Record<string, unknown>;
    if (typeof version.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(version.name))
      fail(`${at}/name`, 'must be a DNS label such as v1 or v1beta1');
    if (seen.has(version.name as string)) fail(`${at}/name`, `version ${String(version.name)} is listed twice`);
    seen.add(version.name as string);
    if (typeof version.served !== 'boolean') fail(`${at}/served`, 'must be true or false');
    if (typeof version.storage !== 'boolean') fail(`${at}/storage`, 'must be true or false');
    if (version.storage) storage++;
    if (version.deprecationWarning !== undefined && typeof version.deprecationWarning !== 'string')
      fail(`${at}/deprecationWarning`, 'must be a string');
    const schema = isObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
    if (schema === undefined)
      fail(`${at}/schema/openAPIV3Schema`, 'missing: apiextensions.k8s.io/v1 requires a schema for every version');
    checkCrdSchema(schema, `${at}/schema/openAPIV3Schema`, fail);
    const sub = version.subresources;
    if (sub !== undefined && !isObject(sub)) fail(`${at}/subresources`, 'must be a mapping');
    if (isObject(sub) && sub.scale !== undefined) {
      const scale = sub.scale;
      if (
        !isObject(scale) ||
        typeof scale.specReplicasPath !== 'string' ||
        typeof scale.statusReplicasPath !== 'string'
      ) {
        fail(`${at}/subresources/scale`, 'must give specReplicasPath and statusReplicasPath');
      }
    }
  });
  if (storage !== 1) fail('/spec/versions', `exactly one version must be the storage version, found ${storage}`);
}
