// The report `kubegen diff` makes, as `--json` prints it; docs/diff.schema.json describes the same shape.

export interface ApiDiff {
  from: DiffSide;
  to: DiffSide;
  /** How many entries of each sort the report lists; `--fail-on` reads it. */
  summary: DiffSummary;
  groupVersions: { added: string[]; removed: RemovedGroupVersion[] };
  /** Resources added or removed in group-versions both sides serve; `apps/v1 deployments`. */
  resources: { added: ResourceRef[]; removed: ResourceRef[] };
  /** Every resource no longer served at its group-version (in a removed group-version or not), and the group-versions of the newer side that serve the same group and plural. */
  replacements: Replacement[];
  /** Verbs and subresources added or removed on resources both sides serve. */
  verbs: VerbChange[];
  fields: SchemaFieldChanges[];
  /** What the newer side deprecates that the older did not. */
  deprecations: DeprecationChange[];
}

export interface DiffSide {
  label: string;
  /** The release when the source says it: a cluster's `/version`, a release's tag, a spec's `info.version` (`v1.35.0`). */
  version?: string;
  hash: string;
}

/**
 * `breaking`: removed group-versions, resources, verbs, subresources and fields, fields whose type changed, and
 * fields that became required (or were added required); `removed`: what the newer side no longer serves;
 * `changed`: fields whose type or required-ness changed.
 */
export interface DiffSummary {
  breaking: number;
  removed: number;
  deprecated: number;
  added: number;
  changed: number;
}

/**
 * When a change happened. `…In` is the release that made it: what the source's note says, or the newer side when the
 * sides are one minor release apart. `…By` is an upper bound: the newer side's release, when it is all that is known.
 */
export interface ReleaseOf {
  removedIn?: string;
  removedBy?: string;
}

export interface RemovedGroupVersion extends ReleaseOf {
  groupVersion: string;
}

export interface ResourceRef {
  groupVersion: string;
  resource: string;
  kind: string;
}

export interface Replacement extends ReleaseOf {
  resource: ResourceRef;
  servedIn: string[];
}

export interface VerbChange {
  resource: ResourceRef;
  added: string[];
  removed: string[];
  subresourcesAdded: string[];
  subresourcesRemoved: string[];
}

export interface FieldRef {
  /** `spec.replicas`, `spec.ports[].name`, `labels{}`. */
  field: string;
  /** `string`, `integer (int32)`, `io.k8s.api.core.v1.PodSpec`, `string[]`, `map of string`. */
  type: string;
  /** Set on an added field the newer side requires. */
  required?: true;
}

export interface SchemaFieldChanges {
  schema: string;
  /** The release that made these changes, as `removedIn` dates a removal. */
  changedIn?: string;
  /** The newer side's release, when that is all that is known: the changes were made in it or before. */
  changedBy?: string;
  /** `apps/v1 Deployment` when the schema is a kind. */
  kind?: string;
  added: FieldRef[];
  removed: FieldRef[];
  /** Fields whose type changed. */
  changed: Array<{ field: string; from: string; to: string }>;
  becameRequired: string[];
  becameOptional: string[];
}

export interface DeprecationChange {
  /** A whole group-version (every resource of it), a resource (its kind), an operation, or a field of a schema. */
  scope: 'group-version' | 'resource' | 'operation' | 'field';
  groupVersion?: string;
  resource?: string;
  kind?: string;
  operationId?: string;
  schema?: string;
  field?: string;
  /** The source's words (`This API is deprecated in v1.33+. Use discoveryv1.EndpointSlice.`). */
  message?: string;
  /** What to use instead (`discovery.k8s.io/v1 EndpointSlice`). */
  replacement?: string;
  /** The release that deprecated it: the note's (`v1.33`), or the newer side one minor release on. */
  deprecatedIn?: string;
  /** The newer side's release, when the note names none: deprecated in it or before. */
  deprecatedBy?: string;
  /** The release the note says removes it. */
  removedIn?: string;
}
