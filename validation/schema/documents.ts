// The kinds of a set of inputs: /openapi/v2 and /openapi/v3 documents (kinds from
// x-kubernetes-group-version-kind, scope from their paths) and CustomResourceDefinitions.
import { type NameRule, nameRuleFor } from '../metadata.js';
import { type Dialect, type RefResolver, SchemaNode } from './node.js';
import type { GroupVersionKind, Schema } from './types.js';

export interface KindEntry {
  readonly gvk: GroupVersionKind;
  readonly dialect: Dialect;
  readonly nameRule: NameRule;
  /** undefined when the input does not say. */
  readonly namespaced: boolean | undefined;
  /** Where the schema came from, for messages. */
  readonly source: string;
  /** The schema, resolved on first use. */
  root(): SchemaNode;
}

export interface OpenAPIDocument {
  swagger?: string;
  openapi?: string;
  definitions?: Record<string, Schema>;
  components?: { schemas?: Record<string, Schema> };
  paths?: Record<string, Record<string, unknown>>;
}

export const gvkKey = (g: GroupVersionKind) => `${g.group}/${g.version}/${g.kind}`;

/** Every kind defined by the documents (v3 documents of one cluster share one schema namespace). */
export function kindsOfOpenAPI(docs: readonly OpenAPIDocument[], source: string): KindEntry[] {
  const schemas = new Map<string, Schema>();
  for (const d of docs) {
    for (const [name, s] of Object.entries(d.definitions ?? {})) schemas.set(name, s);
    for (const [name, s] of Object.entries(d.components?.schemas ?? {})) schemas.set(name, s);
  }
  const resolve: RefResolver = (ref) => {
    const name = ref.replace(/^#\/(definitions|components\/schemas)\//, '');
    const schema = schemas.get(name);
    return schema ? { schema, name } : undefined;
  };
  const scope = scopes(docs);
  const entries: KindEntry[] = [];
  for (const [name, schema] of schemas) {
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      let node: SchemaNode | undefined;
      entries.push({
        gvk,
        dialect: 'builtin',
        nameRule: nameRuleFor(gvk.group, gvk.kind),
        namespaced: scope.get(gvkKey(gvk)),
        source: `${source}#/${docs[0]?.swagger ? 'definitions' : 'components/schemas'}/${name}`,
        root: () => (node ??= new SchemaNode(schema, 'builtin', resolve, name)),
      });
    }
  }
  return entries;
}

/** namespaced per kind, from the paths its operations are served at. */
function scopes(docs: readonly OpenAPIDocument[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const d of docs) {
    for (const [path, item] of Object.entries(d.paths ?? {})) {
      for (const op of Object.values(item ?? {})) {
        const gvk = (op as { 'x-kubernetes-group-version-kind'?: GroupVersionKind })?.[
          'x-kubernetes-group-version-kind'
        ];
        if (!gvk || typeof gvk !== 'object') continue;
        const namespaced = path.includes('/namespaces/{namespace}/');
        const k = gvkKey(gvk);
        out.set(k, (out.get(k) ?? false) || namespaced);
      }
    }
  }
  return out;
}

interface CRDVersion {
  name: string;
  schema?: { openAPIV3Schema?: Schema };
}

interface CRD {
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    group?: string;
    scope?: string;
    names?: { kind?: string };
    versions?: CRDVersion[];
    validation?: { openAPIV3Schema?: Schema };
    version?: string;
  };
}

const noRefs: RefResolver = () => undefined;

/** The kinds a CustomResourceDefinition serves, one per version. */
export function kindsOfCRD(crd: unknown, source: string): KindEntry[] {
  const c = crd as CRD;
  if (c?.kind !== 'CustomResourceDefinition' || !c.spec?.group || !c.spec.names?.kind) {
    throw new Error(`${source}: not a CustomResourceDefinition with spec.group and spec.names.kind`);
  }
  const { group, names, scope } = c.spec;
  const versions = c.spec.versions ?? (c.spec.version ? [{ name: c.spec.version, schema: c.spec.validation }] : []);
  return versions.map((v, i) => {
    const schema = v.schema?.openAPIV3Schema ??
      c.spec!.validation?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    let node: SchemaNode | undefined;
    return {
      gvk: { group, version: v.name, kind: names.kind! },
      dialect: 'crd' as const,
      nameRule: 'dns-subdomain' as const,
      namespaced: scope === undefined ? undefined : scope === 'Namespaced',
      source: `${source}#/spec/versions/${i}/schema/openAPIV3Schema`,
      root: () => (node ??= new SchemaNode(schema, 'crd', noRefs, `${c.metadata?.name ?? names.kind}/${v.name}`)),
    };
  });
}

/** One kind as generated code carries it: its schema and the definitions its `$ref`s name, each read on first use. */
export interface KindDefinition {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** A CRD's kind: defaults applied, unknown fields pruned (else a built-in kind's rules). */
  readonly crd?: boolean;
  readonly namespaced?: boolean;
  readonly schema: Schema;
  /** Definitions by name, as `#/components/schemas/<name>` or `#/definitions/<name>` refer to them. */
  readonly definitions?: Readonly<Record<string, () => Schema>>;
}

/** The entry of a kind described by a `KindDefinition`. */
export function kindOfDefinition(def: KindDefinition, source: string): KindEntry {
  const gvk = { group: def.group, version: def.version, kind: def.kind };
  const read = new Map<string, Schema>();
  const resolve: RefResolver = (ref) => {
    const name = ref.replace(/^#\/(definitions|components\/schemas)\//, '');
    const thunk = def.definitions?.[name];
    if (!thunk) return undefined;
    let schema = read.get(name);
    if (!schema) read.set(name, (schema = thunk()));
    return { schema, name };
  };
  const dialect: Dialect = def.crd ? 'crd' : 'builtin';
  let node: SchemaNode | undefined;
  return {
    gvk,
    dialect,
    nameRule: def.crd ? 'dns-subdomain' : nameRuleFor(gvk.group, gvk.kind),
    namespaced: def.namespaced,
    source,
    root: () => (node ??= new SchemaNode(def.schema, dialect, resolve, `${gvkKey(gvk)}`)),
  };
}
