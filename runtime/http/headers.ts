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

/**
 * The `Impersonate-*` headers kube-apiserver reads; extra keys are percent-encoded, which the server decodes. Values
 * go out as their UTF-8 bytes, as kubectl sends them.
 */
export function impersonationHeaders(as: Impersonation): BaseHeaders {
  if (!as.user) throw new TypeError('impersonation needs a user name');
  const headers: BaseHeaders = { 'impersonate-user': utf8Value(as.user) };
  if (as.uid) headers['impersonate-uid'] = utf8Value(as.uid);
  if (as.groups && as.groups.length > 0) headers['impersonate-group'] = as.groups.map(utf8Value);
  for (const [key, values] of Object.entries(as.extra ?? {})) {
    if (values.length > 0) headers[`impersonate-extra-${escapeExtraKey(key)}`] = values.map(utf8Value);
  }
  return headers;
}

/**
 * A header value whose bytes on the wire are the UTF-8 of `text`. Node writes header strings as Latin-1 (one byte
 * per character, and none beyond U+00FF), so the UTF-8 bytes are handed over as that many Latin-1 characters.
 */
export function utf8Value(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/** Header names cannot hold every character of an extra key (`/`, `%`, spaces): all but RFC 3986 unreserved ones are percent-encoded. */
function escapeExtraKey(key: string): string {
  return key
    .replace(/[^A-Za-z0-9\-._~]/g, (c) =>
      Array.from(Buffer.from(c, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    )
    .toLowerCase();
}
