// The review APIs, answered from the server's own authenticator and authorizer and never stored (no
// resourceVersion, no watch events): SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview,
// SelfSubjectRulesReview (authorization.k8s.io), SelfSubjectReview and TokenReview (authentication.k8s.io).
import { isAllowed, tokenUser, type AuthOptions, type RequestAttributes, type UserInfo } from './authenticate.js';
import { sendJson, type Call } from '../http/context.js';
import { checkBody } from '../storage/objects.js';
import { decodeObject } from '../http/request.js';
import { enumerableRules } from './rules.js';
import { badRequest, invalid, type StatusCause } from '../http/status.js';
import type { KubeObject } from '../storage/store.js';
import { apiAudience } from './tokens.js';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface AccessSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: { path?: string; verb?: string };
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

type Review = (call: Call, review: KubeObject, auth: AuthOptions | undefined) => Record<string, unknown>;

const reviews: Record<string, Review> = {
  'authorization.k8s.io/selfsubjectaccessreviews': (call, review, auth) =>
    accessStatus(call, review, call.user, auth, false),
  'authorization.k8s.io/subjectaccessreviews': (call, review, auth) =>
    accessStatus(call, review, subjectOf(review), auth, true),
  'authorization.k8s.io/localsubjectaccessreviews': (call, review, auth) => {
    const spec = specOf<AccessSpec>(review);
    const namespace = review.metadata?.namespace;
    const causes: StatusCause[] = [];
    if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? '') !== namespace) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(spec.resourceAttributes.namespace ?? '')}: must match metadata.namespace`,
        field: 'spec.resourceAttributes.namespace',
      });
    }
    if (spec.nonResourceAttributes)
      causes.push({
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "object": disallowed on this kind of request',
        field: 'spec.nonResourceAttributes',
      });
    return accessStatus(call, review, subjectOf(review), auth, true, causes);
  },
  'authorization.k8s.io/selfsubjectrulesreviews': (call, review, auth) => {
    const namespace = specOf<{ namespace?: string }>(review).namespace;
    if (!namespace) throw badRequest('no namespace on request');
    return enumerableRules(call.user, auth);
  },
  'authentication.k8s.io/selfsubjectreviews': (call) => ({ userInfo: userInfoOf(call.user) }),
  'authentication.k8s.io/tokenreviews': (call, review, auth) => {
    const spec = specOf<{ token?: string; audiences?: string[] }>(review);
    if (!spec.token) throw badRequest('token is required for TokenReview in authentication');
    return tokenReviewStatus(call, spec.token, spec.audiences ?? [], auth);
  },
};

/** Answers a create of a review resource; false when the request is for anything else. */
export function serveReview(call: Call, body: Buffer, auth: AuthOptions | undefined): boolean {
  const { resource: r, info } = call;
  const review = info.verb === 'create' && !info.subresource ? reviews[`${r.group}/${r.plural}`] : undefined;
  if (!review) return false;
  const obj = decodeObject(body, call.req.headers['content-type'] ?? '') as KubeObject;
  checkBody(r, obj, { namespace: info.namespace });
  const status = review(call, obj, auth);
  sendJson(call.res, 201, { ...obj, status });
  return true;
}

function specOf<T>(review: KubeObject): T {
  return ((review.spec as T | undefined) ?? {}) as T;
}

function subjectOf(review: KubeObject): UserInfo {
  const spec = specOf<AccessSpec>(review);
  const user: UserInfo = { username: spec.user ?? '', groups: [...(spec.groups ?? [])] };
  if (spec.uid) user.uid = spec.uid;
  if (spec.extra) user.extra = spec.extra;
  return user;
}

/** Validates an access review's spec and asks the authorizer about it for `user`. */
function accessStatus(
  call: Call,
  review: KubeObject,
  user: UserInfo,
  auth: AuthOptions | undefined,
  needsSubject: boolean,
  extra: StatusCause[] = [],
): Record<string, unknown> {
  const spec = specOf<AccessSpec>(review);
  const causes: StatusCause[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: 'Invalid value: "object": cannot be specified in combination with resourceAttributes',
      field: 'spec.nonResourceAttributes',
    });
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: 'Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      field: 'spec.resourceAttributes',
    });
  }
  if (needsSubject && !spec.user && (spec.groups ?? []).length === 0) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(spec.user ?? '')}: at least one of user or group must be specified`,
      field: 'spec.user',
    });
  }
  causes.push(...extra);
  if (causes.length > 0) throw invalid(call.resource.group, call.resource.kind, '', causes);
  const attrs: RequestAttributes = { user, verb: '' };
  if (spec.resourceAttributes) {
    const a = spec.resourceAttributes;
    attrs.verb = a.verb ?? '';
    attrs.resource = {
      group: a.group ?? '',
      version: a.version ?? '',
      resource: a.resource ?? '',
      subresource: a.subresource || undefined,
      namespace: a.namespace || undefined,
      name: a.name || undefined,
    };
  } else {
    attrs.verb = spec.nonResourceAttributes!.verb ?? '';
    attrs.path = spec.nonResourceAttributes!.path ?? '';
  }
  return { allowed: isAllowed(attrs, auth) };
}

function userInfoOf(user: UserInfo): Record<string, unknown> {
  const info: Record<string, unknown> = { username: user.username };
  if (user.uid) info.uid = user.uid;
  info.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length > 0) info.extra = user.extra;
  return info;
}

/** A TokenReview's status: configured tokens count for the API audience only; service account tokens for theirs. */
function tokenReviewStatus(
  call: Call,
  token: string,
  requested: string[],
  auth: AuthOptions | undefined,
): Record<string, unknown> {
  const audiences = requested.length > 0 ? requested : [apiAudience];
  const configured = auth ? tokenUser(token, auth) : undefined;
  if (configured) {
    if (!audiences.includes(apiAudience))
      return {
        user: {},
        error: `token audiences ${JSON.stringify([apiAudience])} is invalid for the target audiences ${JSON.stringify(audiences)}`,
      };
    return { authenticated: true, user: userInfoOf(configured), audiences: [apiAudience] };
  }
  const checked = call.state.serviceAccountTokens.check(token, audiences);
  if ('error' in checked) return { user: {}, error: checked.error };
  return { authenticated: true, user: userInfoOf(checked.user), audiences: checked.audiences };
}
