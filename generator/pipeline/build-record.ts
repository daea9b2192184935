// What a whole build of spec files and CRD manifests records beside its files in the build cache, so that a later
// build whose inputs differ only in some CRD files can rebuild just the API groups those files touch (incremental.ts):
// each input's hash, which CRDs each manifest defines, what the spec documents provide, every schema and operation
// of the model by content hash and owner, and what the render named (facts.ts). record-store.ts keeps it in parts.
import type { SourceItems } from '../../core/model/build.js';
import { goKinds } from '../../core/model/deprecations.js';
import type { ApiModel, Deprecation, Schema } from '../../core/model/types.js';
import { relativePath } from '../../core/source/inputs/hash.js';
import { metaSchemasOf } from '../../core/source/inputs/files.js';
import type { InputCrd } from '../../core/source/inputs/index.js';
import type { LoadedDocument } from '../../core/spec/document.js';
import { isObject } from '../../core/spec/values.js';
import type { RenderFacts } from '../emit/facts.js';

export interface BuildRecord {
  /** Everything but the inputs that shapes the output (buildKey's options, kubegen, and the cache key's extras). */
  options: string;
  /** Each input file (relative to the working folder) and its sha256, in the order hashed. */
  inputs: [string, string][];
  specDocuments: number;
  /** Each CRD manifest → the CRDs it defines: name and group. */
  crdFiles: Record<string, [string, string][]>;
  /** Groups the spec documents serve or name a kind of: never rebuilt alone. */
  specGroups: string[];
  /** Schema names the spec documents define. */
  specSchemas: string[];
  /** The meta schemas CRD documents take from the spec documents. */
  metaSchemas?: Record<string, Schema>;
  /**
   * By the group that owns them (a schema's module's, `''` for shared ones; an operation's path's): schema name →
   * sha256 of its normalized JSON, operation (`<path>\0<method>`) → the same, and operationIds (without a
   * `@group/version` qualifier).
   */
  schemas: Record<string, Record<string, string>>;
  operations: Record<string, Record<string, string>>;
  ids: Record<string, string[]>;
  /** Go's names of the model's kinds (`certmanagerv1.Certificate`) → the kind, as deprecation notes resolve them. */
  goKinds: Record<string, string>;
  /** Replacements deprecation notes name that may be kinds (they hold a `.` or a space) → the groups of the notes. */
  replacements: Record<string, string[]>;
  render: RenderFacts;
}

/** The group a module key (`core/v1`, `cert-manager.io/v1`, `meta`) belongs to; `''` for meta and support. */
export function moduleGroup(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? '' : key.slice(0, slash);
}

/** The group a request path belongs to (`core` for /api); `''` for other endpoints. */
export function pathGroup(path: string): string {
  if (path === '/api' || path.startsWith('/api/')) return 'core';
  return /^\/apis\/([^/]+)/.exec(path)?.[1] ?? '';
}

/** The group of an apiVersion as goKinds writes it (`cert-manager.io/v1 Certificate`, `v1 Pod`). */
export function kindGroup(value: string): string {
  const apiVersion = value.split(' ')[0]!;
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : 'core';
}

export interface RecordInputs {
  options: string;
  inputs: Record<string, { sha256: string }>;
  /** What each document of the inputs held, in order: spec documents, then those of the CRDs. */
  documents: DocumentFacts[];
  crds: InputCrd[];
  /** Every CRD of every manifest, before later definitions replace earlier ones. */
  defined: InputCrd[];
  model: ApiModel;
  items: SourceItems;
  render: RenderFacts;
}

export function recordBuild(r: RecordInputs): BuildRecord {
  const crdDocuments = new Set(
    r.crds.flatMap(({ crd }) => crd.spec.versions.filter((v) => v.served).map((v) => `${crd.spec.group}/${v.name}`)),
  ).size;
  const specDocs = r.documents.slice(0, r.documents.length - crdDocuments);
  const crdFiles: BuildRecord['crdFiles'] = {};
  for (const { crd, file } of r.defined)
    (crdFiles[relativePath(process.cwd(), file)] ??= []).push([crd.metadata.name, crd.spec.group]);
  const { groups, schemas, metaSchemas } = specContents(specDocs);
  return {
    options: r.options,
    inputs: Object.entries(r.inputs).map(([name, record]) => [name, record.sha256]),
    specDocuments: specDocs.length,
    crdFiles,
    specGroups: [...groups],
    specSchemas: [...schemas],
    ...(metaSchemas ? { metaSchemas } : {}),
    schemas: byGroup(r.items.schemas, (name) => moduleGroup(r.render.homes[name]?.key ?? '')),
    operations: byGroup(r.items.operations, operationGroup),
    ids: operationIds(r.model),
    goKinds: Object.fromEntries(goKinds(r.model)),
    replacements: kindReplacements(r.model, (name) => moduleGroup(r.render.homes[name]?.key ?? '')),
    render: r.render,
  };
}

/** What a record needs of one document, taken as it passes so that the document itself can be let go. */
export interface DocumentFacts {
  /** The groups it serves (by path) or names a kind of. */
  groups: string[];
  /** The schema names it defines. */
  schemas: string[];
  metaSchemas?: Record<string, Schema>;
}

export function documentFacts(loaded: LoadedDocument): DocumentFacts {
  const d = loaded.doc as {
    paths?: Record<string, unknown>;
    components?: { schemas?: Record<string, Schema> };
    definitions?: Record<string, Schema>;
  };
  const groups = new Set<string>();
  for (const path of Object.keys(d.paths ?? {})) groups.add(pathGroup(path));
  const defined = Object.entries(d.components?.schemas ?? d.definitions ?? {});
  for (const [, schema] of defined) {
    const gvks = schema['x-kubernetes-group-version-kind'];
    for (const g of Array.isArray(gvks) ? gvks : [gvks])
      if (isObject(g) && typeof g.group === 'string') groups.add(g.group || 'core');
  }
  const metaSchemas = metaSchemasOf([loaded]);
  return { groups: [...groups], schemas: defined.map(([name]) => name), ...(metaSchemas ? { metaSchemas } : {}) };
}

/** The groups spec documents serve or name a kind of, the schema names they define, and their meta schemas. */
function specContents(docs: DocumentFacts[]): {
  groups: Set<string>;
  schemas: Set<string>;
  metaSchemas?: Record<string, Schema>;
} {
  const groups = new Set(docs.flatMap((d) => d.groups));
  const schemas = new Set(docs.flatMap((d) => d.schemas));
  // The first document to define a meta schema gives it, as when they are read together.
  const metaSchemas: Record<string, Schema> = {};
  for (const d of docs) for (const [name, schema] of Object.entries(d.metaSchemas ?? {})) metaSchemas[name] ??= schema;
  return { groups, schemas, ...(Object.keys(metaSchemas).length ? { metaSchemas } : {}) };
}

/** The operationIds of the model's operations and endpoints, without their qualifier, by the group of their path. */
export function operationIds(model: ApiModel): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const op of [...model.operations, ...model.nonResource])
    if (op.operationId !== undefined) (out[pathGroup(op.path)] ??= new Set()).add(op.operationId.split('@')[0]!);
  return Object.fromEntries(Object.entries(out).map(([group, ids]) => [group, [...ids]]));
}

/** Items by the group `groupOf` gives each key. */
export function byGroup(
  items: ReadonlyMap<string, string>,
  groupOf: (key: string) => string,
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [key, hash] of items) (out[groupOf(key)] ??= {})[key] = hash;
  return out;
}

/** The group of an operation's key (`<path>\0<method>`). */
export const operationGroup = (key: string): string => pathGroup(key.slice(0, key.indexOf('\0')));

/**
 * The replacements deprecation notes of the model name that may be a kind, and the groups of the notes: a schema's
 * as `groupOf` says (undefined: left out), an operation's by its path.
 */
export function kindReplacements(
  model: ApiModel,
  groupOf: (schema: string) => string | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (note: Deprecation | undefined, group: string | undefined) => {
    if (group === undefined || !note?.replacement || !/[. ]/.test(note.replacement)) return;
    const groups = (out[note.replacement] ??= []);
    if (!groups.includes(group)) groups.push(group);
  };
  for (const named of Object.values(model.schemas)) {
    const group = groupOf(named.name);
    add(named.deprecated, group);
    for (const note of Object.values(named.deprecatedFields ?? {})) add(note, group);
  }
  for (const op of model.operations) add(op.deprecated, pathGroup(op.path));
  return out;
}
