// Reads a Kubernetes API path the way kube-apiserver lays them out:
//   /api/v1[/watch][/namespaces/{namespace}]/<plural>[/{name}[/<subresource>[/{path}]]]
//   /apis/<group>/<version>[/watch][/namespaces/{namespace}]/<plural>[/{name}[/<subresource>[/{path}]]]
// Anything else (discovery, /version, /logs, /.well-known, /openid…) is a non-resource endpoint.
import type { NonResourceKind } from './types.js';

export interface ResourcePath {
  type: 'resource';
  /** As the wire spells it: `''` for core. */
  apiGroup: string;
  version: string;
  plural: string;
  /** Under `/namespaces/{namespace}/`. */
  inNamespace: boolean;
  /** Names one object (`/{name}`). */
  named: boolean;
  subresource?: string;
  /** Under the deprecated `/watch/` prefix. */
  legacyWatch: boolean;
}

export interface NonResourcePath {
  type: 'nonResource';
  kind: NonResourceKind;
  reason: string;
}

const isParam = (s: string | undefined): boolean =>
  s !== undefined && s.length > 2 && s.charCodeAt(0) === 0x7b && s.indexOf('}') === s.length - 1;

export function parsePath(path: string): ResourcePath | NonResourcePath {
  const segs = path.split('/').filter((s) => s !== '');
  const [root] = segs;
  if (root === 'api' && segs.length > 2) return resourcePath('', segs[1]!, segs.slice(2), path);
  if (root === 'apis' && segs.length > 3) return resourcePath(segs[1]!, segs[2]!, segs.slice(3), path);
  if (root === 'api' || root === 'apis')
    return { type: 'nonResource', kind: 'discovery', reason: discoveryReason(segs) };
  if (root === 'version')
    return { type: 'nonResource', kind: 'version', reason: 'non-resource endpoint: the server version' };
  if (root === 'logs')
    return { type: 'nonResource', kind: 'logs', reason: "non-resource endpoint: the node's log files" };
  if (root === '.well-known')
    return {
      type: 'nonResource',
      kind: 'well-known',
      reason: 'non-resource endpoint: service account issuer discovery',
    };
  if (root === 'openid')
    return { type: 'nonResource', kind: 'openid', reason: 'non-resource endpoint: service account issuer keys' };
  return { type: 'nonResource', kind: 'other', reason: `non-resource endpoint: ${path} is outside /api and /apis` };
}

function discoveryReason(segs: string[]): string {
  const [root, a, b] = segs;
  const what =
    root === 'api'
      ? a === undefined
        ? 'the core API versions'
        : `the resources of core/${a}`
      : a === undefined
        ? 'the API groups'
        : b === undefined
          ? `the versions of ${a}`
          : `the resources of ${a}/${b}`;
  return `non-resource endpoint: discovery of ${what}`;
}

function resourcePath(apiGroup: string, version: string, rest: string[], path: string): ResourcePath | NonResourcePath {
  const legacyWatch = rest[0] === 'watch';
  if (legacyWatch) rest = rest.slice(1);
  const inNamespace = rest[0] === 'namespaces' && rest[1] === '{namespace}' && rest.length > 2;
  if (inNamespace) rest = rest.slice(2);
  // Read by index: a destructuring with a rest element walks an iterator, slow in code that runs once per path.
  const plural = rest[0];
  const name = rest[1];
  const subresource = rest[2];
  const fits =
    plural !== undefined &&
    !isParam(plural) &&
    (name === undefined || isParam(name)) &&
    (subresource === undefined || !isParam(subresource)) &&
    rest.length <= 4 &&
    (rest.length < 4 || isParam(rest[3]));
  if (!fits)
    return {
      type: 'nonResource',
      kind: 'other',
      reason: `non-resource endpoint: ${path} does not follow the resource path layout`,
    };
  const out: ResourcePath = {
    type: 'resource',
    apiGroup,
    version,
    plural,
    inNamespace,
    named: name !== undefined,
    legacyWatch,
  };
  if (subresource !== undefined) out.subresource = subresource;
  return out;
}
