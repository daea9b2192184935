// The `serviceaccounts/token` subresource (`kubectl create token`): a TokenRequest in, the same TokenRequest
// out with a signed token and its expiry, optionally bound to a Pod, Secret or Node. Nothing is stored.
import { sendJson, type Call } from '../http/context.js';
import { now } from '../storage/objects.js';
import { decodeObject } from '../http/request.js';
import { badRequest, conflict, invalid, notFound } from '../http/status.js';
import type { KubeObject } from '../storage/store.js';
import { apiAudience, boundBuckets, type BoundObject } from './tokens.js';
import { requireNamespace } from '../verbs/write.js';

const defaultSeconds = 3600;
const minSeconds = 600;
const maxSeconds = 2 ** 32;

/** Answers a create of `serviceaccounts/NAME/token`; false when the request is for anything else. */
export function serveTokenRequest(call: Call, body: Buffer): boolean {
  const { resource: r, info } = call;
  if (r.group !== '' || r.plural !== 'serviceaccounts' || info.subresource !== 'token' || info.verb !== 'create')
    return false;
  const request = decodeObject(body, call.req.headers['content-type'] ?? '') as KubeObject;
  if (request.kind !== undefined && request.kind !== 'TokenRequest')
    throw badRequest(`the kind in the data (${String(request.kind)}) does not match the expected kind (TokenRequest)`);
  const spec = { ...((request.spec as Record<string, unknown> | undefined) ?? {}) };
  const seconds =
    typeof spec.expirationSeconds === 'number' && spec.expirationSeconds !== 0
      ? spec.expirationSeconds
      : defaultSeconds;
  if (seconds < minSeconds)
    throw tooShortOrLong(info.name!, seconds, 'may not specify a duration less than 10 minutes');
  if (seconds > maxSeconds)
    throw tooShortOrLong(info.name!, seconds, 'may not specify a duration larger than 2^32 seconds');
  requireNamespace(call, info.namespace!, info.name);
  const serviceAccount = call.state.store.get('/serviceaccounts', info.namespace ?? '', info.name!);
  if (!serviceAccount) throw notFound('', 'serviceaccounts', info.name!);
  const bound = spec.boundObjectRef
    ? boundObject(call, spec.boundObjectRef as Record<string, string | undefined>)
    : undefined;
  const audiences =
    Array.isArray(spec.audiences) && spec.audiences.length > 0 ? (spec.audiences as string[]) : [apiAudience];
  const issued = call.state.serviceAccountTokens.issue(serviceAccount, seconds, audiences, bound);
  sendJson(call.res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: info.name, namespace: info.namespace, creationTimestamp: now() },
    spec: { audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: issued,
  });
  return true;
}

/** The object a token is to be bound to: it must exist (in the ServiceAccount's namespace, but for a Node) with the UID given. */
function boundObject(call: Call, ref: Record<string, string | undefined>): BoundObject {
  const { kind = '', apiVersion = '', name = '', uid } = ref;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  const bucket =
    group === '' && Object.hasOwn(boundBuckets, kind) ? boundBuckets[kind as BoundObject['kind']] : undefined;
  if (!bucket)
    throw badRequest(
      `cannot bind token for serviceaccount "${call.info.name}" to object of type ${group}/${version}, Kind=${kind}`,
    );
  const object = call.state.store.get(bucket, kind === 'Node' ? '' : (call.info.namespace ?? ''), name);
  if (!object) throw notFound('', `${kind.toLowerCase()}s`, name);
  const actual = object.metadata!.uid!;
  if (uid && uid !== actual) {
    throw conflict(
      '',
      kind,
      name,
      `the UID in the bound object reference (${uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  return { kind: kind as BoundObject['kind'], name, uid: actual };
}

function tooShortOrLong(name: string, seconds: number, why: string) {
  return invalid('authentication.k8s.io', 'TokenRequest', name, [
    { reason: 'FieldValueInvalid', message: `Invalid value: ${seconds}: ${why}`, field: 'spec.expirationSeconds' },
  ]);
}
