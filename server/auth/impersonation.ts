// User impersonation (`kubectl --as`, `--as-group`, `--as-uid`): the Impersonate-* headers, each allowed only when
// the authenticated user may `impersonate` that user, group, UID or extra value; the request then runs as that user.
import type { IncomingMessage } from 'node:http';
import { anonymousUser, authorize, type AuthOptions, type RequestAttributes, type UserInfo } from './authenticate.js';
import { internalError } from '../http/status.js';

const serviceAccountPrefix = 'system:serviceaccount:';

function headerValues(req: IncomingMessage, name: string): string[] {
  const v = req.headers[name];
  return v === undefined
    ? []
    : Array.isArray(v)
      ? v
      : v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
}

/** The user the request acts as: the authenticated one, or whom it impersonates (after checking it may). */
export function impersonate(req: IncomingMessage, user: UserInfo, auth: AuthOptions | undefined): UserInfo {
  const username = req.headers['impersonate-user'];
  const groups = headerValues(req, 'impersonate-group');
  const uid = req.headers['impersonate-uid'];
  const extra: Record<string, string[]> = {};
  for (const name of Object.keys(req.headers)) {
    if (name.startsWith('impersonate-extra-'))
      extra[decodeURIComponent(name.slice('impersonate-extra-'.length)).toLowerCase()] = headerValues(req, name);
  }
  if (typeof username !== 'string' || username === '') {
    if (groups.length > 0 || Object.keys(extra).length > 0 || typeof uid === 'string') {
      throw internalError('requested impersonation of groups, extra or uid without impersonating a user');
    }
    return user;
  }
  const check = (resource: NonNullable<RequestAttributes['resource']>) =>
    authorize({ user, verb: 'impersonate', resource }, auth);
  const sa = username.startsWith(serviceAccountPrefix)
    ? username.slice(serviceAccountPrefix.length).split(':')
    : undefined;
  if (sa && sa.length === 2)
    check({ group: '', version: '', resource: 'serviceaccounts', namespace: sa[0], name: sa[1] });
  else check({ group: '', version: '', resource: 'users', name: username });
  for (const g of groups) check({ group: '', version: '', resource: 'groups', name: g });
  if (typeof uid === 'string') check({ group: 'authentication.k8s.io', version: '', resource: 'uids', name: uid });
  for (const [key, values] of Object.entries(extra)) {
    for (const v of values)
      check({ group: 'authentication.k8s.io', version: '', resource: 'userextras', subresource: key, name: v });
  }
  const acting = [...groups];
  if (acting.length === 0 && sa && sa.length === 2)
    acting.push('system:serviceaccounts', `system:serviceaccounts:${sa[0]}`);
  const implied = username === anonymousUser.username ? 'system:unauthenticated' : 'system:authenticated';
  if (!acting.includes(implied)) acting.push(implied);
  const result: UserInfo = { username, groups: acting };
  if (typeof uid === 'string') result.uid = uid;
  if (Object.keys(extra).length > 0) result.extra = extra;
  return result;
}
