// One normalized operation on a resource path → the model's Operation: its action and verb, its place
// (group, version, resource, subresource, scope) and its typed parameters, body and responses.
import { SpecError } from '../spec/errors.js';
import { deprecationIn } from './deprecation-text.js';
import type { ResourcePath } from './paths.js';
import type { SourceOperation, SourceParameter } from './source-types.js';
import type { Action, Operation, Parameter, Verb } from './types.js';
import { compareStrings, statusRecord } from '../spec/values.js';

/** `x-kubernetes-action` → the verb discovery and RBAC use. */
export const actionVerbs: Record<Action, Verb> = {
  get: 'get',
  list: 'list',
  put: 'update',
  patch: 'patch',
  post: 'create',
  delete: 'delete',
  deletecollection: 'deletecollection',
  watch: 'watch',
  watchlist: 'watch',
  connect: 'connect',
};

const isAction = (value: string): value is Action => Object.hasOwn(actionVerbs, value);

/** The core group's model name; its wire name is `''`. */
export const coreGroupName = 'core';

export function groupName(apiGroup: string): string {
  return apiGroup === '' ? coreGroupName : apiGroup;
}

export function toOperation(op: SourceOperation, at: ResourcePath, namespaced: boolean): Operation {
  const action = actionOf(op, at);
  const out: Operation = {
    operationId: op.operationId ?? syntheticOperationId(op),
    method: op.method,
    path: op.path,
    action,
    verb: actionVerbs[action],
    group: groupName(at.apiGroup),
    apiGroup: at.apiGroup,
    version: at.version,
    resource: at.plural,
    namespaced,
    allNamespaces: namespaced && !at.inNamespace,
    legacyWatch: at.legacyWatch,
    pathParams: pathParams(op),
    queryParams: queryParams(op),
    responses: responsesOf(op),
    patchTypes: action === 'patch' && op.requestBody ? [...op.requestBody.contentTypes] : [],
    produces: op.produces,
    origin: op.origin,
  };
  if (at.subresource !== undefined) out.subresource = at.subresource;
  if (op.gvk) out.kind = op.gvk;
  if (op.requestBody) {
    const { schema, required, contentTypes } = op.requestBody;
    out.requestBody = { schema, required, contentTypes };
  }
  if (op.description !== undefined) out.description = op.description;
  const deprecated = deprecationIn(op.description, op.deprecated);
  if (deprecated) out.deprecated = deprecated;
  return out;
}

/** The declared action, or the one kube-apiserver would declare for this method on this path. */
function actionOf(op: SourceOperation, at: ResourcePath): Action {
  if (op.action !== undefined) {
    if (isAction(op.action)) return op.action;
    throw new SpecError(
      op.origin.file,
      `${op.origin.pointer}/x-kubernetes-action`,
      `unknown x-kubernetes-action "${op.action}"`,
    );
  }
  const single = at.named || at.subresource !== undefined;
  if (at.legacyWatch) return at.named ? 'watch' : 'watchlist';
  switch (op.method) {
    case 'GET':
      return single ? 'get' : 'list';
    case 'PUT':
      return 'put';
    case 'POST':
      return 'post';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return single ? 'delete' : 'deletecollection';
    default:
      return 'connect';
  }
}

/** Query parameters by name. */
function queryParams(op: SourceOperation): Parameter[] {
  const out: Parameter[] = [];
  for (const p of op.parameters) if (p.in === 'query') out.push(toParameter(p));
  return out.sort(byName);
}

const byName = (a: Parameter, b: Parameter): number => compareStrings(a.name, b.name);

/** Path parameters in the order the path names them. */
function pathParams(op: SourceOperation): Parameter[] {
  // A few parameters each: looked up in place; the last declaration of a name wins, as a map by name would keep it.
  return pathParamNames(op.path).map((name) => {
    const p = op.parameters.findLast((q) => q.in === 'path' && q.name === name);
    if (!p)
      throw new SpecError(op.origin.file, op.origin.pointer, `path parameter {${name}} of ${op.path} is not declared`);
    return toParameter(p);
  });
}

/** `{namespace}` and `{name}` of `/api/v1/namespaces/{namespace}/pods/{name}`, in order. */
function pathParamNames(path: string): string[] {
  const names: string[] = [];
  for (let open = path.indexOf('{'); open !== -1; ) {
    const close = path.indexOf('}', open + 1);
    if (close === -1) break;
    if (close > open + 1) names.push(path.slice(open + 1, close));
    open = path.indexOf('{', close > open + 1 ? close + 1 : open + 1);
  }
  return names;
}

function toParameter(p: SourceParameter): Parameter {
  const out: Parameter = { name: p.name, in: p.in as 'path' | 'query', required: p.required, schema: p.schema };
  if (p.description !== undefined) out.description = p.description;
  return out;
}

function responsesOf(op: SourceOperation): Operation['responses'] {
  const out: Operation['responses'] = statusRecord();
  for (const code in op.responses) {
    const r = op.responses[code]!;
    const response: Operation['responses'][string] = {};
    if (r.schema) response.schema = r.schema;
    if (r.description !== undefined) response.description = r.description;
    out[code] = response;
  }
  return out;
}

/** For specs without operationIds: the method and the path's words, `getApisExampleComV1Widgets`. */
function syntheticOperationId(op: SourceOperation): string {
  const words = op.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return op.method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
