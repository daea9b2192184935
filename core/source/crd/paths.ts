// The paths and operations kube-apiserver publishes for one CRD version: list/create/deletecollection on the
// collection, read/replace/patch/delete on the item, the all-namespaces list of a namespaced resource, and
// read/replace/patch of the status and scale subresources when the CRD has them. No /watch/ paths: the server
// publishes none for CRDs; watching is the list operation's `watch` parameter.
import type { Action, Schema } from '../../spec/schema.js';
import { metaSchemaNames } from '../meta-schemas.js';
import { cloneTree } from './clone.js';

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  description: string;
  required?: boolean;
  schema: Schema;
}

export interface OperationObject {
  tags: string[];
  description: string;
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }>; required?: boolean };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  'x-kubernetes-action': Action;
  'x-kubernetes-group-version-kind': { group: string; version: string; kind: string };
}

export interface PathItem {
  parameters?: Parameter[];
  get?: OperationObject;
  put?: OperationObject;
  post?: OperationObject;
  patch?: OperationObject;
  delete?: OperationObject;
}

export interface CrdPathsInput {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  kindRef: string;
  listRef: string;
  status: boolean;
  scale: boolean;
}

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type OperationVerb = 'list' | 'create' | 'deletecollection' | 'read' | 'replace' | 'patch' | 'delete';

const ACTIONS: Record<OperationVerb, Action> = {
  list: 'list',
  create: 'post',
  deletecollection: 'deletecollection',
  read: 'get',
  replace: 'put',
  patch: 'patch',
  delete: 'delete',
};

const q = (name: string, type: string, description: string): Parameter => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
});

const P = {
  pretty: q('pretty', 'string', "If 'true', the response is indented."),
  allowWatchBookmarks: q(
    'allowWatchBookmarks',
    'boolean',
    'With watch: ask for BOOKMARK events carrying only a newer resourceVersion.',
  ),
  continue: q('continue', 'string', 'The continue token of the previous page of a limited list.'),
  fieldSelector: q(
    'fieldSelector',
    'string',
    'Only objects whose fields match this selector (metadata.name, metadata.namespace).',
  ),
  labelSelector: q('labelSelector', 'string', 'Only objects whose labels match this selector.'),
  limit: q(
    'limit',
    'integer',
    'At most this many items; the list metadata then carries a continue token for the rest.',
  ),
  resourceVersion: q(
    'resourceVersion',
    'string',
    'The resourceVersion the list or watch starts from; see resourceVersionMatch.',
  ),
  resourceVersionMatch: q(
    'resourceVersionMatch',
    'string',
    'How resourceVersion applies to a list: Exact or NotOlderThan.',
  ),
  sendInitialEvents: q(
    'sendInitialEvents',
    'boolean',
    'With watch: start with synthetic ADDED events for the current objects, then a bookmark.',
  ),
  timeoutSeconds: q('timeoutSeconds', 'integer', 'End the list or watch call after this many seconds.'),
  watch: q('watch', 'boolean', 'Stream changes (ADDED, MODIFIED, DELETED) instead of returning a list.'),
  dryRun: q('dryRun', 'string', '"All" runs every stage of the request without persisting the result.'),
  fieldManager: q('fieldManager', 'string', 'The name of the actor making the change, recorded in managedFields.'),
  fieldValidation: q(
    'fieldValidation',
    'string',
    'What to do with unknown or duplicate fields: Ignore, Warn or Strict.',
  ),
  force: q('force', 'boolean', 'Server-side apply only: take ownership of fields other managers own.'),
  gracePeriodSeconds: q(
    'gracePeriodSeconds',
    'integer',
    'Seconds the object is given to terminate; 0 deletes at once.',
  ),
  ignoreStoreReadError: q(
    'ignoreStoreReadErrorWithClusterBreakingPotential',
    'boolean',
    'Delete an object that cannot be read from storage, skipping finalizers and preconditions. Dangerous.',
  ),
  orphanDependents: q(
    'orphanDependents',
    'boolean',
    'Deprecated: use propagationPolicy. When true, dependents are orphaned.',
  ),
  propagationPolicy: q(
    'propagationPolicy',
    'string',
    'How dependents are garbage-collected: Orphan, Background or Foreground.',
  ),
};

const OPTION_PARAMS: Record<Action, Parameter[]> = {
  get: [],
  list: [
    P.allowWatchBookmarks,
    P.continue,
    P.fieldSelector,
    P.labelSelector,
    P.limit,
    P.resourceVersion,
    P.resourceVersionMatch,
    P.sendInitialEvents,
    P.timeoutSeconds,
    P.watch,
  ],
  deletecollection: [
    P.allowWatchBookmarks,
    P.continue,
    P.fieldSelector,
    P.labelSelector,
    P.limit,
    P.resourceVersion,
    P.resourceVersionMatch,
    P.sendInitialEvents,
    P.timeoutSeconds,
    P.watch,
  ],
  put: [P.dryRun, P.fieldManager, P.fieldValidation],
  post: [P.dryRun, P.fieldManager, P.fieldValidation],
  patch: [P.dryRun, P.fieldManager, P.fieldValidation, P.force],
  delete: [P.dryRun, P.gracePeriodSeconds, P.ignoreStoreReadError, P.orphanDependents, P.propagationPolicy],
  watch: [],
  watchlist: [],
  connect: [],
};

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
const BODY_TYPES = ['application/json', 'application/yaml'];

/** Every path of one CRD version, keyed by path. */
export function crdOperations(input: CrdPathsInput): Record<string, PathItem> {
  const { group, version, plural, namespaced } = input;
  const paths: Record<string, PathItem> = {};
  const add = (path: string, method: Method, op: OperationObject) => {
    const item = (paths[path] ??= { parameters: pathParameters(path, input.kind) });
    item[method] = op;
  };
  const ref = (r: string): Schema => ({ $ref: r });
  const status = ref(`#/components/schemas/${metaSchemaNames.status}`);
  const patch = ref(`#/components/schemas/${metaSchemaNames.patch}`);
  const scale = ref(`#/components/schemas/${metaSchemaNames.scale}`);
  const kind = ref(input.kindRef);
  const list = ref(input.listRef);

  const cluster = `/apis/${group}/${version}/${plural}`;
  const root = namespaced ? `/apis/${group}/${version}/namespaces/{namespace}/${plural}` : cluster;
  const op = (path: string, verb: OperationVerb, sub: string, response: Schema, body?: Schema, idOverride?: string) =>
    operation(input, path, verb, sub, response, body, idOverride);
  if (namespaced) add(cluster, 'get', op(cluster, 'list', '', list, undefined, `list${input.kind}ForAllNamespaces`));
  add(root, 'get', op(root, 'list', '', list));
  add(root, 'post', op(root, 'create', '', kind, kind));
  add(root, 'delete', op(root, 'deletecollection', '', status));
  const item = `${root}/{name}`;
  add(item, 'get', op(item, 'read', '', kind));
  add(item, 'put', op(item, 'replace', '', kind, kind));
  add(item, 'delete', op(item, 'delete', '', status, ref(`#/components/schemas/${metaSchemaNames.deleteOptions}`)));
  add(item, 'patch', op(item, 'patch', '', kind, patch));
  for (const [sub, enabled, schema] of [
    ['status', input.status, kind],
    ['scale', input.scale, scale],
  ] as const) {
    if (!enabled) continue;
    const path = `${item}/${sub}`;
    add(path, 'get', op(path, 'read', sub, schema));
    add(path, 'put', op(path, 'replace', sub, schema, schema));
    add(path, 'patch', op(path, 'patch', sub, schema, patch));
  }
  return paths;
}

function operation(
  input: CrdPathsInput,
  path: string,
  verb: OperationVerb,
  sub: string,
  response: Schema,
  body: Schema | undefined,
  idOverride: string | undefined,
): OperationObject {
  const action = ACTIONS[verb];
  const namespaced = input.namespaced ? 'Namespaced' : '';
  const name = idOverride ?? `${verb}${namespaced}${input.kind}${sub ? sub[0]!.toUpperCase() + sub.slice(1) : ''}`;
  const { id, tag } = operationIdAndTag(name, path);
  const op: OperationObject = {
    tags: [tag],
    description: describe(verb, sub, input.kind),
    operationId: id,
    responses: responses(action, response),
    'x-kubernetes-action': action,
    // The server tags every route of a CRD, subresources included, with the CRD's own kind.
    'x-kubernetes-group-version-kind': { group: input.group, version: input.version, kind: input.kind },
  };
  const params = OPTION_PARAMS[action];
  if (params.length > 0) op.parameters = params.map((p) => cloneTree(p));
  if (body) {
    const types = action === 'patch' ? PATCH_TYPES : BODY_TYPES;
    op.requestBody = { content: Object.fromEntries(types.map((t) => [t, { schema: { ...body } }])) };
    if (action !== 'delete') op.requestBody.required = true;
  }
  return op;
}

function responses(action: Action, schema: Schema): OperationObject['responses'] {
  const content = () => Object.fromEntries(BODY_TYPES.map((t) => [t, { schema: { ...schema } }]));
  const out: OperationObject['responses'] = { '200': { description: 'OK', content: content() } };
  if (action === 'post' || action === 'put') out['201'] = { description: 'Created', content: content() };
  if (action === 'post' || action === 'delete') out['202'] = { description: 'Accepted', content: content() };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

function pathParameters(path: string, kind: string): Parameter[] {
  const params: Parameter[] = [];
  if (path.includes('{name}'))
    params.push({
      name: 'name',
      in: 'path',
      description: `name of the ${kind}`,
      required: true,
      schema: { type: 'string', uniqueItems: true },
    });
  if (path.includes('{namespace}'))
    params.push({
      name: 'namespace',
      in: 'path',
      description: 'object name and auth scope, such as for teams and projects',
      required: true,
      schema: { type: 'string', uniqueItems: true },
    });
  params.push(cloneTree(P.pretty));
  return params;
}

function describe(verb: OperationVerb, sub: string, kind: string): string {
  const of = sub ? ` ${sub} of` : '';
  switch (verb) {
    case 'list':
      return `list objects of kind ${kind}`;
    case 'create':
      return `create ${article(kind)} ${kind}`;
    case 'delete':
      return `delete ${article(kind)} ${kind}`;
    case 'deletecollection':
      return `delete collection of ${kind}`;
    case 'patch':
      return `partially update${of} the specified ${kind}`;
    default:
      return `${verb}${of} the specified ${kind}`;
  }
}

function article(noun: string): string {
  return /^[AEIOU]/.test(noun) ? 'an' : 'a';
}

const VERB_PREFIXES = [
  'get',
  'log',
  'read',
  'replace',
  'patch',
  'delete',
  'deletecollection',
  'watch',
  'connect',
  'proxy',
  'list',
  'create',
];

/**
 * The operationId and tag the server derives from a route: the shortest verb prefix, then the group (without
 * `.k8s.io`) and version in camel case, then the rest (`deletecollectionNamespacedX` → `deleteGroupV1CollectionNamespacedX`).
 */
export function operationIdAndTag(name: string, path: string): { id: string; tag: string } {
  const prefix = VERB_PREFIXES.filter((p) => name.startsWith(p)).sort((a, b) => a.length - b.length)[0] ?? '';
  const rest = name.slice(prefix.length);
  const parts = path.replace(/^\/+|\/+$/g, '').split('/');
  const group = parts[1]!.replace(/\.k8s\.io$/, '');
  const version = parts[2]!;
  return {
    id: prefix + camel(group, true) + camel(version, true) + camel(rest, true),
    tag: `${camel(group, false)}_${camel(version, false)}`,
  };
}

/** Letters, digits (not first) and `_` kept; any other character drops out and capitalizes the next letter. */
function camel(s: string, capitalizeFirst: boolean): string {
  let out = '';
  let capitalize = capitalizeFirst;
  [...s].forEach((ch, i) => {
    if (/\p{L}/u.test(ch) || ch === '_' || (i !== 0 && /\p{Nd}/u.test(ch))) {
      out += capitalize ? ch.toUpperCase() : ch;
      capitalize = false;
    } else {
      capitalize = true;
    }
  });
  return out;
}
