// Turns CRDs into the OpenAPI v3 documents kube-apiserver publishes for them at /openapi/v3/apis/<group>/<version>:
// the same paths, operationIds, actions, parameters and schema names, so that a client generated from CRD files
// equals one generated from a cluster serving those CRDs. What the OpenAPI cannot say (storage version,
// deprecation, short names, categories) travels in `x-kubegen-crd` on the kind schema.
import type { Schema } from '../../spec/schema.js';
import { CRD_DOCUMENT_TITLE } from '../../spec/document.js';
import type { CustomResourceDefinition, CrdVersion } from './manifests.js';
import { builtinMetaSchemas, metaSchemaNames, refTo, typeMetaProperties } from '../meta-schemas.js';
import { crdOperations, type PathItem } from './paths.js';
import { compareStrings } from '../../spec/values.js';
import { cloneTree } from './clone.js';

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema>; [key: string]: unknown };
  [extension: `x-${string}`]: unknown;
}

/** One group-version document, with its place in `/openapi/v3` (`apis/cert-manager.io/v1`). */
export interface CrdDocument {
  path: string;
  group: string;
  version: string;
  document: OpenApiDocument;
}

export interface CrdOpenApiOptions {
  /**
   * Meta schemas (ObjectMeta, ListMeta, Status, DeleteOptions, Patch, Scale…) from a full spec, keyed by definition
   * name, with `#/components/schemas/` references. Names missing here come from kubegen's own minimal set.
   */
  metaSchemas?: Record<string, Schema>;
}

/** What kubegen records about a CRD version in `x-kubegen-crd` on its kind schema. */
export interface CrdVersionInfo {
  /** The CRD's name, `certificates.cert-manager.io`. */
  crd: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  storage: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
}

/** The documents of one CRD: one per served version. */
export function crdToOpenApiDocuments(crd: CustomResourceDefinition, options: CrdOpenApiOptions = {}): CrdDocument[] {
  return crdsToOpenApiDocuments([crd], options);
}

/** The documents of many CRDs, merged per group-version as the server merges them; sorted by path. */
export function crdsToOpenApiDocuments(
  crds: CustomResourceDefinition[],
  options: CrdOpenApiOptions = {},
): CrdDocument[] {
  const meta = { ...builtinMetaSchemas(), ...(options.metaSchemas ? cloneTree(options.metaSchemas) : {}) };
  const byPath = new Map<string, CrdDocument>();
  for (const crd of crds) {
    for (const version of crd.spec.versions) {
      if (!version.served) continue;
      const path = `apis/${crd.spec.group}/${version.name}`;
      let doc = byPath.get(path);
      if (!doc) {
        doc = { path, group: crd.spec.group, version: version.name, document: emptyDocument() };
        byPath.set(path, doc);
      }
      addVersion(doc.document, crd, version);
    }
  }
  const docs = [...byPath.values()].sort((a, b) => compareStrings(a.path, b.path));
  for (const doc of docs) addReferencedSchemas(doc.document, meta, doc.path);
  return docs.map((d) => ({ ...d, document: sortDocument(d.document) }));
}

/** The definition name the server gives a CRD kind: the group reversed, then version and kind (`io.cert-manager.v1.Certificate`). */
export function crdSchemaName(group: string, version: string, kind: string): string {
  const reversed = group.includes('.') ? group.split('.').reverse().join('.') : group;
  return `${reversed}.${version}.${kind}`;
}

function emptyDocument(): OpenApiDocument {
  return {
    openapi: '3.0.0',
    info: { title: CRD_DOCUMENT_TITLE, version: 'v0.1.0' },
    paths: {},
    components: { schemas: {} },
  };
}

function addVersion(doc: OpenApiDocument, crd: CustomResourceDefinition, version: CrdVersion): void {
  const { group, names } = crd.spec;
  const kindName = crdSchemaName(group, version.name, names.kind);
  const listName = crdSchemaName(group, version.name, names.listKind);
  doc.components.schemas[kindName] = kindSchema(crd, version);
  doc.components.schemas[listName] = listSchema(crd, version.name, kindName);
  const paths = crdOperations({
    group,
    version: version.name,
    kind: names.kind,
    plural: names.plural,
    namespaced: crd.spec.scope === 'Namespaced',
    kindRef: `#/components/schemas/${kindName}`,
    listRef: `#/components/schemas/${listName}`,
    status: version.subresources?.status !== undefined,
    scale: version.subresources?.scale !== undefined,
  });
  Object.assign(doc.paths, paths);
}

function kindSchema(crd: CustomResourceDefinition, version: CrdVersion): Schema {
  const { group, names } = crd.spec;
  const schema = cloneTree(version.schema?.openAPIV3Schema ?? { type: 'object' });
  schema.properties = {
    ...(schema.properties ?? {}),
    ...typeMetaProperties(),
    metadata: refTo(metaSchemaNames.objectMeta, 'Standard object metadata.'),
  };
  addEmbeddedResourceProperties(schema);
  schema['x-kubernetes-group-version-kind'] = [{ group, kind: names.kind, version: version.name }];
  noteCrdVersion(schema, crd, version);
  return schema;
}

/**
 * Records on a kind schema what OpenAPI cannot say (`x-kubegen-crd`), and says in its description — which becomes
 * the type's JSDoc — whether this is the storage version and, for a deprecated version, the server's warning.
 * Idempotent, so documents a cluster served can be noted from its CRD objects the same way.
 */
export function noteCrdVersion(schema: Schema, crd: CustomResourceDefinition, version: CrdVersion): void {
  const { group, names } = crd.spec;
  const info: CrdVersionInfo = {
    crd: crd.metadata.name,
    plural: names.plural,
    singular: names.singular,
    namespaced: crd.spec.scope === 'Namespaced',
    shortNames: [...(names.shortNames ?? [])],
    categories: [...(names.categories ?? [])],
    storage: version.storage,
    deprecated: version.deprecated === true,
  };
  if (version.deprecated) {
    info.deprecationWarning = version.deprecationWarning ?? `${group}/${version.name} ${names.kind} is deprecated`;
  }
  const text = typeof schema.description === 'string' ? schema.description.trim() : '';
  const notes = [
    ...(info.storage ? [`${version.name} is the storage version of ${info.crd}.`] : []),
    ...(info.deprecationWarning ? [`@deprecated ${info.deprecationWarning}`] : []),
  ].filter((note) => !text.includes(note));
  // The type's JSDoc opens with the description; a note must not be its first line, or `@deprecated` is no tag.
  const lead = text || `${names.kind} is served by ${info.crd} as ${group}/${version.name}.`;
  if (notes.length) schema.description = [lead, ...notes].join('\n\n');
  schema['x-kubegen-crd'] = info;
}

function listSchema(crd: CustomResourceDefinition, version: string, kindName: string): Schema {
  const { group, names } = crd.spec;
  return {
    type: 'object',
    description: `${names.listKind} is a list of ${names.kind}.`,
    required: ['items'],
    properties: {
      ...typeMetaProperties(),
      items: {
        type: 'array',
        items: { $ref: `#/components/schemas/${kindName}` },
        description: `The ${names.plural}.`,
      },
      metadata: refTo(metaSchemaNames.listMeta, 'Standard list metadata.'),
    },
    'x-kubernetes-group-version-kind': [{ group, kind: names.listKind, version }],
  };
}

/** Objects marked x-kubernetes-embedded-resource get apiVersion, kind and metadata, as the server adds them. */
function addEmbeddedResourceProperties(schema: Schema): void {
  // Walked without a list per node, by index: a large CRD has thousands of fields (and see collectRefs).
  const properties = schema.properties;
  if (properties) {
    const keys = Object.keys(properties);
    for (let i = 0; i < keys.length; i++) addEmbeddedResourceProperties(properties[keys[i]!]!);
  }
  if (schema.items) addEmbeddedResourceProperties(schema.items);
  if (typeof schema.additionalProperties === 'object') addEmbeddedResourceProperties(schema.additionalProperties);
  if (schema['x-kubernetes-embedded-resource'] !== true) return;
  schema.properties = {
    ...(schema.properties ?? {}),
    ...typeMetaProperties(),
    metadata: refTo(metaSchemaNames.objectMeta, 'Standard object metadata.'),
  };
  const required = new Set(schema.required ?? []);
  schema.required = [...(schema.required ?? []), ...['kind', 'apiVersion'].filter((k) => !required.has(k))];
}

/** Copies in every schema the document references, transitively, from the meta schemas. */
function addReferencedSchemas(doc: OpenApiDocument, meta: Record<string, Schema>, where: string): void {
  const pending = collectRefs(doc.paths).concat(collectRefs(doc.components.schemas));
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (doc.components.schemas[name]) continue;
    const schema = meta[name];
    if (!schema) throw new Error(`${where}: no definition for ${name} (referenced by the CRD document)`);
    doc.components.schemas[name] = cloneTree(schema);
    pending.push(...collectRefs(schema));
  }
}

const PREFIX = '#/components/schemas/';

/** Every `#/components/schemas/` reference in `value`; indexed loops, as in clone.ts. */
function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collectRefs(value[i], out);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const v = record[key];
      if (key === '$ref' && typeof v === 'string' && v.startsWith(PREFIX)) out.push(v.slice(PREFIX.length));
      else if (typeof v === 'object') collectRefs(v, out);
    }
  }
  return out;
}

/** Stable key order for paths and schemas, so the same CRDs always give the same bytes. */
function sortDocument(doc: OpenApiDocument): OpenApiDocument {
  const sortKeys = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, record[k]!]),
    );
  return {
    ...doc,
    paths: sortKeys(doc.paths),
    components: { ...doc.components, schemas: sortKeys(doc.components.schemas) },
  };
}
