// The headers every request carries besides its credentials: the user agent, content negotiation and
// impersonation (`kubectl --as`, `--as-group`, `--as-uid`, and extra fields), computed once per client.
import type { Impersonation } from '../connection.js';

export interface BaseHeaders {
  [name: string]: string | string[];
}

export function baseHeaders(
  userAgent: string,
  compression: boolean,
  impersonate: Impersonation | undefined,
): BaseHeaders {
  const headers: BaseHeaders = { 'user-agent': userAgent };
  if (compression) headers['accept-encoding'] = 'gzip';
  if (impersonate) Object.assign(headers, impersonationHeaders(impersonate));
  return headers;
}

/** The `Impersonate-*` headers kube-apiserver reads; extra keys are percent-encoded, which the server decodes. */
export function impersonationHeaders(as: Impersonation): BaseHeaders {
  if (!as.user) throw new TypeError('impersonation needs a user name');
  const headers: BaseHeaders = { 'impersonate-user': as.user };
  if (as.uid) headers['impersonate-uid'] = as.uid;
  if (as.groups && as.groups.length > 0) headers['impersonate-group'] = [...as.groups];
  for (const [key, values] of Object.entries(as.extra ?? {})) {
    if (values.length > 0) headers[`impersonate-extra-${escapeExtraKey(key)}`] = [...values];
  }
  return headers;
}

/** Header names cannot hold every character of an extra key (`/`, `%`, spaces): all but RFC 3986 unreserved ones are percent-encoded. */
function escapeExtraKey(key: string): string {
  return key
    .replace(/[^A-Za-z0-9\-._~]/g, (c) =>
      Array.from(Buffer.from(c, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    )
    .toLowerCase();
}
