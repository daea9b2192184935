// The `serviceaccounts/token` subresource (`kubectl create token`): a TokenRequest in, the same TokenRequest
// out with a signed token and its expiry. Nothing is stored.
import { sendJson, type Call } from './context.js';
import { now } from './objects.js';
import { decodeObject } from './request.js';
import { badRequest, invalid, notFound } from './status.js';
import type { KubeObject } from './store.js';
import { apiAudience } from './tokens.js';

const defaultSeconds = 3600;
const minSeconds = 600;
const maxSeconds = 2 ** 32;

/** Answers a create of `serviceaccounts/NAME/token`; false when the request is for anything else. */
export function serveTokenRequest(call: Call, body: Buffer): boolean {
  const { resource: r, info } = call;
  if (r.group !== '' || r.plural !== 'serviceaccounts' || info.subresource !== 'token' || info.verb !== 'create') return false;
  const request = decodeObject(body, call.req.headers['content-type'] ?? '') as KubeObject;
  if (request.kind !== undefined && request.kind !== 'TokenRequest') throw badRequest(`the kind in the data (${String(request.kind)}) does not match the expected kind (TokenRequest)`);
  const spec = { ...((request.spec as Record<string, unknown> | undefined) ?? {}) };
  const seconds = typeof spec.expirationSeconds === 'number' && spec.expirationSeconds !== 0 ? spec.expirationSeconds : defaultSeconds;
  if (seconds < minSeconds) throw tooShortOrLong(info.name!, seconds, 'may not specify a duration less than 10 minutes');
  if (seconds > maxSeconds) throw tooShortOrLong(info.name!, seconds, 'may not specify a duration larger than 2^32 seconds');
  const serviceAccount = call.state.store.get('/serviceaccounts', info.namespace ?? '', info.name!);
  if (!serviceAccount) throw notFound('', 'serviceaccounts', info.name!);
  const audiences = Array.isArray(spec.audiences) && spec.audiences.length > 0 ? (spec.audiences as string[]) : [apiAudience];
  const issued = call.state.serviceAccountTokens.issue(serviceAccount, seconds, audiences);
  sendJson(call.res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: info.name, namespace: info.namespace, creationTimestamp: now() },
    spec: { audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: issued,
  });
  return true;
}

function tooShortOrLong(name: string, seconds: number, why: string) {
  return invalid('authentication.k8s.io', 'TokenRequest', name, [{ reason: 'FieldValueInvalid', message: `Invalid value: ${seconds}: ${why}`, field: 'spec.expirationSeconds' }]);
}
