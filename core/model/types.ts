// The intermediate model: the only thing emitters, templates and the test API server see.
// Built from an OpenAPI document (v2, or a set of v3 group-version documents); plain JSON, no classes,
// so that `kubegen model --json` can print it as it is.

export type { Action, HttpMethod, Origin, Schema } from '../spec/schema.js';
import type { Action, HttpMethod, Origin, Schema } from '../spec/schema.js';

/** Kubernetes' verbs, as discovery and RBAC name them. */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'connect';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface ApiModel {
  /** What the model was built from; `hash` is a sha256 over the normalized input, stable across runs. */
  source: ModelSource;
  /** Sorted: `core` first, then by group name. */
  groups: ApiGroup[];
  /** Every named schema, keyed by its definition name (`io.k8s.api.apps.v1.Deployment`). `$ref`s read `#/components/schemas/<name>`. */
  schemas: Record<string, NamedSchema>;
  /** Every resource operation of the spec, sorted by path then method. */
  operations: Operation[];
  /** Endpoints outside any resource: discovery, /version, /logs, /.well-known, /openid… */
  nonResource: NonResourceEndpoint[];
  /** (method, path) pairs left out of `operations`, with why; only non-resource endpoints may be here. */
  skipped: Skipped[];
}

export interface ModelSource {
  format: 'v2' | 'v3';
  files: string[];
  hash: string;
  /** `info.version` of the document when it names a release (v2 documents do). */
  infoVersion?: string;
}

export interface NamedSchema {
  name: string;
  schema: Schema;
  origin: Origin;
  /** Set when the schema is a top-level kind (`x-kubernetes-group-version-kind`); several when shared (DeleteOptions, WatchEvent). */
  gvks: GroupVersionKind[];
  /** Set when the schema itself is deprecated (for a kind: a CRD version's `deprecated`, or its description). */
  deprecated?: Deprecation;
  /** Its deprecated fields, by path (`spec.serviceAccount`, `spec.ports[].name`, `labels{}`), not through `$ref`s. */
  deprecatedFields?: Record<string, Deprecation>;
}

/**
 * What a spec says of something deprecated: OpenAPI's `deprecated: true`, a CRD version's `deprecated` and
 * `deprecationWarning`, or a description that says so as kube-apiserver's do (`Deprecated: This API is deprecated in
 * v1.33+. Use discoveryv1.EndpointSlice.`). Each part only when the source says it.
 */
export interface Deprecation {
  /** The words of the source, on one line: the sentence or paragraph that says it, or the CRD's warning. */
  message?: string;
  /** What to use instead: a kind (`discovery.k8s.io/v1 EndpointSlice`, resolved from Go's `discoveryv1.EndpointSlice`), a field (`serviceAccountName`), or the source's words. */
  replacement?: string;
  /** The release that deprecated it (`v1.33`). */
  since?: string;
  /** The release that removes it (`v1.36`). */
  removedIn?: string;
}

export interface ApiGroup {
  /** `core` for the legacy group. */
  name: string;
  /** The group as the wire spells it: `''` for core. */
  apiGroup: string;
  /** Sorted by Kubernetes version priority (v1 > v1beta2 > v1beta1 > v1alpha1). */
  versions: GroupVersion[];
  preferredVersion: string;
}

export interface GroupVersion {
  group: string;
  apiGroup: string;
  version: string;
  /** `v1` for core, `apps/v1` otherwise. */
  apiVersion: string;
  /** `/api/v1` or `/apis/apps/v1`. */
  pathPrefix: string;
  /** Sorted by plural. */
  resources: Resource[];
  /** Set when every resource it serves is deprecated (a CRD's deprecated version). */
  deprecated?: Deprecation;
}

export interface Resource {
  group: string;
  apiGroup: string;
  version: string;
  /** The plural, as in the path: `deployments`. */
  plural: string;
  singular: string;
  kind: string;
  listKind?: string;
  namespaced: boolean;
  /** Sorted, unique. */
  verbs: Verb[];
  /** Schema names of the kind and its list, when the spec has them. */
  schema?: string;
  listSchema?: string;
  shortNames: string[];
  categories: string[];
  subresources: Subresource[];
  /** operationIds of this resource's own operations (not its subresources'). */
  operations: string[];
  /** Set when its kind is deprecated. */
  deprecated?: Deprecation;
}

export interface Subresource {
  /** `status`, `scale`, `log`, `exec`… */
  name: string;
  /** The kind the subresource speaks (`Scale` for scale, the parent's kind for status). */
  kind?: string;
  group?: string;
  version?: string;
  schema?: string;
  verbs: Verb[];
  operations: string[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
  description?: string;
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  path: string;
  action: Action;
  verb: Verb;
  group: string;
  apiGroup: string;
  version: string;
  resource: string;
  subresource?: string;
  namespaced: boolean;
  /** The cluster-wide list or watch of a namespaced resource. */
  allNamespaces: boolean;
  /** A path under the deprecated `/watch/` prefix. */
  legacyWatch: boolean;
  kind?: GroupVersionKind;
  pathParams: Parameter[];
  queryParams: Parameter[];
  requestBody?: { schema: Schema; required: boolean; contentTypes: string[] };
  /** Keyed by status code (`200`, `201`…). */
  responses: Record<string, { schema?: Schema; description?: string }>;
  /** Patch content types the operation accepts (for `patch`). */
  patchTypes: string[];
  produces: string[];
  description?: string;
  /** Set when the spec says `deprecated: true` or its description says so (every `/watch/` path does). */
  deprecated?: Deprecation;
  origin: Origin;
}

export type NonResourceKind = 'discovery' | 'version' | 'logs' | 'well-known' | 'openid' | 'other';

export interface NonResourceEndpoint {
  method: HttpMethod;
  path: string;
  operationId?: string;
  kind: NonResourceKind;
  origin: Origin;
}

export interface Skipped {
  method: HttpMethod;
  path: string;
  reason: string;
}
