// The apimachinery meta/v1 and autoscaling/v1 schemas that a CRD's OpenAPI document refers to, so that CRD
// manifests can be turned into documents without a cluster. Deliberately minimal: the fields a client reads
// or writes, with short descriptions of our own. A caller holding a full spec (a cluster, a release's
// /openapi/v3) passes its own schemas instead, and those win.
import type { Schema } from '../spec/schema.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const AUTOSCALING = 'io.k8s.api.autoscaling.v1';

export const metaSchemaNames = {
  objectMeta: `${META}.ObjectMeta`,
  listMeta: `${META}.ListMeta`,
  status: `${META}.Status`,
  deleteOptions: `${META}.DeleteOptions`,
  patch: `${META}.Patch`,
  watchEvent: `${META}.WatchEvent`,
  time: `${META}.Time`,
  scale: `${AUTOSCALING}.Scale`,
} as const;

/** `#/components/schemas/<name>` wrapped in allOf, as the API server writes a reference that carries a description. */
export function refTo(name: string, description?: string): Schema {
  const ref: Schema = { allOf: [{ $ref: `#/components/schemas/${name}` }] };
  if (description) ref.description = description;
  return ref;
}

const str = (description: string): Schema => ({ type: 'string', description });
const int64 = (description: string): Schema => ({ type: 'integer', format: 'int64', description });
const int32 = (description: string): Schema => ({ type: 'integer', format: 'int32', description });
const bool = (description: string): Schema => ({ type: 'boolean', description });
const stringMap = (description: string): Schema => ({
  type: 'object',
  additionalProperties: { type: 'string', default: '' },
  description,
});
const time = (description: string): Schema => refTo(`${META}.Time`, description);

const apiVersionProperty = str(
  'The versioned schema this object is written in, as "group/version" ("v1" for the core group).',
);
const kindProperty = str('The kind of this object, in CamelCase.');

const schemas: Record<string, Schema> = {
  [`${META}.Time`]: {
    type: 'string',
    format: 'date-time',
    description: 'A timestamp in RFC 3339 form, to the second.',
  },
  [`${META}.FieldsV1`]: {
    type: 'object',
    description:
      'A set of fields as a trie of "f:<name>", "k:<key>", "v:<value>" and "i:<index>" entries (server-side apply ownership).',
  },
  [`${META}.ManagedFieldsEntry`]: {
    type: 'object',
    description: 'The fields one manager owns on an object, and how it came to own them.',
    properties: {
      apiVersion: str('The version of the object the fields were recorded against.'),
      fieldsType: str('The format of fieldsV1; only "FieldsV1" exists.'),
      fieldsV1: refTo(`${META}.FieldsV1`, 'The owned fields.'),
      manager: str('The name of the manager (the field manager of the requests that wrote these fields).'),
      operation: str('"Apply" or "Update": the kind of request that wrote the fields.'),
      subresource: str('The subresource the fields were written through, empty for the main resource.'),
      time: time('When the fields last changed owner or value.'),
    },
  },
  [`${META}.OwnerReference`]: {
    type: 'object',
    description:
      'Points at an object that owns this one; the garbage collector deletes owned objects with their owner.',
    required: ['apiVersion', 'kind', 'name', 'uid'],
    properties: {
      apiVersion: str("The owner's API version."),
      blockOwnerDeletion: bool(
        'When true, the owner cannot be deleted in the foreground until this reference is removed.',
      ),
      controller: bool('When true, the owner is the managing controller of this object (at most one).'),
      kind: str("The owner's kind."),
      name: str("The owner's name."),
      uid: str("The owner's uid."),
    },
    'x-kubernetes-map-type': 'atomic',
  },
  [`${META}.ObjectMeta`]: {
    type: 'object',
    description: 'The metadata every persisted object has: identity, labels, annotations, ownership and lifecycle.',
    properties: {
      annotations: stringMap('Free-form key/value data for tools; not used for selection.'),
      creationTimestamp: time('When the server created the object. Read-only.'),
      deletionGracePeriodSeconds: int64('Seconds the object is given to terminate once deletion started. Read-only.'),
      deletionTimestamp: time(
        'When deletion was requested; set by the server, the object stays until its finalizers are gone. Read-only.',
      ),
      finalizers: {
        type: 'array',
        items: { type: 'string', default: '' },
        description: 'Names of the controllers that must clean up before the object is removed.',
        'x-kubernetes-list-type': 'set',
        'x-kubernetes-patch-strategy': 'merge',
      },
      generateName: str('A prefix from which the server makes a unique name when name is empty.'),
      generation: int64('A counter of changes to the desired state, set by the server. Read-only.'),
      labels: stringMap('Key/value pairs used to select and group objects.'),
      managedFields: {
        type: 'array',
        items: refTo(`${META}.ManagedFieldsEntry`),
        description: 'Which manager owns which fields (server-side apply).',
        'x-kubernetes-list-type': 'atomic',
      },
      name: str("The object's name, unique within its namespace (or the cluster for cluster-scoped kinds)."),
      namespace: str('The namespace the object lives in; empty for cluster-scoped kinds.'),
      ownerReferences: {
        type: 'array',
        items: refTo(`${META}.OwnerReference`),
        description: 'The objects this object depends on.',
        'x-kubernetes-list-map-keys': ['uid'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'uid',
        'x-kubernetes-patch-strategy': 'merge',
      },
      resourceVersion: str(
        'An opaque version of this object, changed on every write; used for optimistic concurrency and watches.',
      ),
      selfLink: str('Deprecated and no longer set.'),
      uid: str('A unique identifier the server assigns for the whole lifetime of the object. Read-only.'),
    },
  },
  [`${META}.ListMeta`]: {
    type: 'object',
    description: 'The metadata of a list response.',
    properties: {
      continue: str('Set when the list was cut by a limit: pass it back as `continue` to get the next page.'),
      remainingItemCount: int64('How many items the rest of the list holds, when the server can tell.'),
      resourceVersion: str('The version of the collection when it was read; start a watch from it.'),
      selfLink: str('Deprecated and no longer set.'),
    },
  },
  [`${META}.StatusCause`]: {
    type: 'object',
    description: 'One cause of an error, often naming the offending field.',
    properties: {
      field: str('The path of the field that caused the error, when there is one (e.g. "spec.replicas").'),
      message: str('A human-readable description of the cause.'),
      reason: str('A machine-readable cause; empty when unknown.'),
    },
  },
  [`${META}.StatusDetails`]: {
    type: 'object',
    description: 'More about the object an error or result concerns.',
    properties: {
      causes: {
        type: 'array',
        items: refTo(`${META}.StatusCause`),
        description: 'The individual causes, when there are several.',
        'x-kubernetes-list-type': 'atomic',
      },
      group: str('The group of the resource concerned.'),
      kind: str('The kind (or resource) concerned.'),
      name: str('The name of the object concerned.'),
      retryAfterSeconds: int32('Seconds to wait before retrying, when the server suggests a retry.'),
      uid: str('The uid of the object concerned.'),
    },
  },
  [`${META}.Status`]: {
    type: 'object',
    description: 'The result of a call that returns no object: errors, and some deletions.',
    properties: {
      apiVersion: apiVersionProperty,
      code: int32('The HTTP status code.'),
      details: refTo(`${META}.StatusDetails`, 'Extra data about the result; its shape depends on the reason.'),
      kind: kindProperty,
      message: str('A human-readable description.'),
      metadata: refTo(`${META}.ListMeta`, 'Standard list metadata.'),
      reason: str('A machine-readable reason ("NotFound", "AlreadyExists", "Conflict"…), empty when unknown.'),
      status: str('"Success" or "Failure".'),
    },
    'x-kubernetes-group-version-kind': [{ group: '', kind: 'Status', version: 'v1' }],
  },
  [`${META}.Preconditions`]: {
    type: 'object',
    description: 'Conditions the object must meet for a deletion to proceed.',
    properties: {
      resourceVersion: str('The resourceVersion the object must have.'),
      uid: str('The uid the object must have.'),
    },
  },
  [`${META}.DeleteOptions`]: {
    type: 'object',
    description: 'Options of a delete request.',
    properties: {
      apiVersion: apiVersionProperty,
      dryRun: {
        type: 'array',
        items: { type: 'string', default: '' },
        description: '["All"] to run every stage of the request without persisting anything.',
        'x-kubernetes-list-type': 'atomic',
      },
      gracePeriodSeconds: int64('Seconds the object is given to terminate; 0 deletes at once.'),
      ignoreStoreReadErrorWithClusterBreakingPotential: bool(
        'Delete an object that cannot be read from storage, skipping finalizers and preconditions. Dangerous.',
      ),
      kind: kindProperty,
      orphanDependents: bool('Deprecated: use propagationPolicy. When true, dependents are orphaned.'),
      preconditions: refTo(`${META}.Preconditions`, 'Must hold for the deletion to proceed.'),
      propagationPolicy: str('How dependents are garbage-collected: "Orphan", "Background" or "Foreground".'),
    },
  },
  [`${META}.Patch`]: {
    type: 'object',
    description: "A patch body; its format is given by the request's Content-Type.",
  },
  [`${META}.WatchEvent`]: {
    type: 'object',
    description: 'One event of a watch stream.',
    required: ['type', 'object'],
    properties: {
      object: { type: 'object', description: 'The object concerned (a Status for ERROR events).' },
      type: str('"ADDED", "MODIFIED", "DELETED", "BOOKMARK" or "ERROR".'),
    },
  },
  [`${AUTOSCALING}.ScaleSpec`]: {
    type: 'object',
    description: 'The desired scale.',
    properties: { replicas: int32('The desired number of instances.') },
  },
  [`${AUTOSCALING}.ScaleStatus`]: {
    type: 'object',
    description: 'The observed scale.',
    required: ['replicas'],
    properties: {
      replicas: int32('The observed number of instances.'),
      selector: str('The label selector of the instances, in string form.'),
    },
  },
  [`${AUTOSCALING}.Scale`]: {
    type: 'object',
    description: 'The scale subresource: desired and observed replicas of a scalable resource.',
    properties: {
      apiVersion: apiVersionProperty,
      kind: kindProperty,
      metadata: refTo(`${META}.ObjectMeta`, 'Standard object metadata.'),
      spec: refTo(`${AUTOSCALING}.ScaleSpec`, 'The desired scale.'),
      status: refTo(`${AUTOSCALING}.ScaleStatus`, 'The observed scale. Read-only.'),
    },
    'x-kubernetes-group-version-kind': [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }],
  },
};

/** The project's own meta schemas, keyed by definition name. Returns a fresh copy each time. */
export function builtinMetaSchemas(): Record<string, Schema> {
  return structuredClone(schemas);
}

/** TypeMeta's two properties, as the server adds them to every CRD kind and list. */
export function typeMetaProperties(): Record<string, Schema> {
  return { apiVersion: { ...apiVersionProperty }, kind: { ...kindProperty } };
}
