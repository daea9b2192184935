// Authentication (bearer tokens, client certificates against a CA, anonymous) and authorization,
// answering 401 and 403 with the Status bodies kube-apiserver sends.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { qualifiedResource, StatusError, unauthorized } from '../http/status.js';
import type { ResourceRequest } from '../http/request.js';

export interface UserInfo {
  username: string;
  groups: string[];
  /** Set for service accounts (their UID) and impersonated users that name one. */
  uid?: string;
  /** Extra attributes an authenticator attaches (a service account token's credential id…). */
  extra?: Record<string, string[]>;
}

/** Finds the user a bearer token the configured list does not know belongs to (service account tokens). */
export type TokenAuthenticator = (token: string) => UserInfo | undefined;

/** What a request does, as an authorizer sees it. */
export interface RequestAttributes {
  user: UserInfo;
  verb: string;
  /** Set for resource requests. */
  resource?: {
    group: string;
    version: string;
    resource: string;
    subresource?: string;
    namespace?: string;
    name?: string;
  };
  /** Set for non-resource requests (`/version`, `/apis`…). */
  path?: string;
}

export interface AuthOptions {
  /** Accepted bearer tokens and who they are (a bare string names the user, in group `system:authenticated`). */
  tokens?: Record<string, string | { username: string; groups?: string[] }>;
  /**
   * Accepted HTTP basic credentials by user name (kube-apiserver dropped its password file in 1.19, but kubeconfig
   * files and clients still carry `username` / `password`, e.g. for an authenticating proxy in front).
   */
  basic?: Record<string, { password: string; groups?: string[] }>;
  /** Accept client certificates signed by the server's CA (CN is the user, O the groups). Needs `tls`. */
  clientCertificates?: boolean;
  /** PEM of the CA client certificates must be signed by (default: the server's own CA). */
  clientCA?: string;
  /** Let requests without credentials through as `system:anonymous` (then mostly 403); otherwise they get 401. */
  anonymous?: boolean;
  /** Decides what an authenticated user may do; by default anyone authenticated may do anything. */
  authorize?: (attrs: RequestAttributes) => boolean;
}

const admin: UserInfo = { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] };
export const anonymousUser: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Paths anyone may read (kube-apiserver's system:public-info-viewer role). */
const publicPaths = new Set(['/version', '/version/', '/healthz', '/livez', '/readyz']);

/** Who sent the request; throws 401 for bad or missing credentials. Without `auth` everyone is an administrator. */
export function authenticate(
  req: IncomingMessage,
  auth: AuthOptions | undefined,
  serviceAccounts?: TokenAuthenticator,
): UserInfo {
  if (!auth) return admin;
  const header = req.headers.authorization;
  if (header !== undefined) {
    const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
    if (basic) return basicUser(basic[1]!, auth);
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const user = m ? tokenUser(m[1]!, auth, serviceAccounts) : undefined;
    if (!user) throw unauthorized();
    return user;
  }
  const socket = req.socket as TLSSocket;
  if (auth.clientCertificates && typeof socket.getPeerCertificate === 'function') {
    const cert = socket.getPeerCertificate();
    if (cert && Object.keys(cert).length > 0) {
      if (!socket.authorized) throw unauthorized();
      const subject = cert.subject as unknown as Record<string, string | string[] | undefined>;
      const groups = subject.O === undefined ? [] : Array.isArray(subject.O) ? subject.O : [subject.O];
      return { username: String(subject.CN ?? ''), groups: [...groups, 'system:authenticated'] };
    }
  }
  if (auth.anonymous) return anonymousUser;
  throw unauthorized();
}

/** The user a bearer token stands for: a configured token, else a service account token; undefined if neither. */
export function tokenUser(
  token: string,
  auth: AuthOptions | undefined,
  serviceAccounts?: TokenAuthenticator,
): UserInfo | undefined {
  const user = auth?.tokens && Object.hasOwn(auth.tokens, token) ? auth.tokens[token] : undefined;
  if (user === undefined) return serviceAccounts?.(token);
  return typeof user === 'string'
    ? { username: user, groups: ['system:authenticated'] }
    : { username: user.username, groups: [...(user.groups ?? []), 'system:authenticated'] };
}

function basicUser(encoded: string, auth: AuthOptions): UserInfo {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = colon < 0 ? '' : decoded.slice(0, colon);
  const entry = auth.basic && Object.hasOwn(auth.basic, username) ? auth.basic[username] : undefined;
  if (!entry || entry.password !== decoded.slice(colon + 1)) throw unauthorized();
  return { username, groups: [...(entry.groups ?? []), 'system:authenticated'] };
}

/** Throws 403 Forbidden when the user may not do this. */
export function authorize(attrs: RequestAttributes, auth: AuthOptions | undefined): void {
  if (!isAllowed(attrs, auth)) throw forbidden(attrs);
}

/** The authorizer's decision: without auth everything is allowed; anonymous users may only read public paths. */
export function isAllowed(attrs: RequestAttributes, auth: AuthOptions | undefined): boolean {
  if (!auth) return true;
  if (attrs.user.username === anonymousUser.username) return attrs.path !== undefined && publicPaths.has(attrs.path);
  if (isSelfReview(attrs)) return true;
  return auth.authorize ? auth.authorize(attrs) : true;
}

/** Every authenticated user may ask who they are and what they may do (RBAC's system:basic-user role). */
export const selfReviews: Record<string, string[]> = {
  'authentication.k8s.io': ['selfsubjectreviews'],
  'authorization.k8s.io': ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
};

function isSelfReview(attrs: RequestAttributes): boolean {
  const r = attrs.resource;
  return (
    attrs.verb === 'create' && r !== undefined && !r.subresource && (selfReviews[r.group] ?? []).includes(r.resource)
  );
}

/** The paths anonymous users may read, for rules reviews. */
export function publicInfoPaths(): string[] {
  return [...publicPaths].sort();
}

export function forbidden(attrs: RequestAttributes): StatusError {
  const who = `User "${attrs.user.username}"`;
  const r = attrs.resource;
  if (!r) return new StatusError(403, 'Forbidden', `forbidden: ${who} cannot ${attrs.verb} path "${attrs.path}"`, {});
  const what = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  const target = r.name
    ? `${qualifiedResource(r.group, r.resource)} "${r.name}"`
    : qualifiedResource(r.group, r.resource);
  const scope = r.namespace ? `in the namespace "${r.namespace}"` : 'at the cluster scope';
  return new StatusError(
    403,
    'Forbidden',
    `${target} is forbidden: ${who} cannot ${attrs.verb} resource "${what}" in API group "${r.group}" ${scope}`,
    {
      name: r.name,
      group: r.group || undefined,
      kind: r.resource,
    },
  );
}

export function resourceAttributes(user: UserInfo, info: ResourceRequest): RequestAttributes {
  return {
    user,
    verb: info.verb,
    resource: {
      group: info.group,
      version: info.version,
      resource: info.resource,
      subresource: info.subresource,
      namespace: info.namespace,
      name: info.name,
    },
  };
}
