// Where a request goes: the cluster's origin, its path prefix (a `kubectl proxy` or a gateway may serve the API
// below `/k8s`), the request path and its query. The query is built here and nowhere else is it kept: errors
// name only the path, since a query may carry selectors or tokens the caller considers private.
import type { QueryValue } from '../types.js';

export interface ServerAddress {
  /** `https://host:port`, what undici's dispatcher is keyed on. */
  origin: string;
  /** The server URL's path without its trailing slash (`''` usually). */
  prefix: string;
  secure: boolean;
  host: string;
}

export function parseServer(server: string): ServerAddress {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new TypeError(`the cluster's server "${server}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`the cluster's server "${url.origin}" must be an http or https URL`);
  if (url.username || url.password) throw new TypeError(`the cluster's server URL must not carry a user or password`);
  return {
    origin: url.origin,
    prefix: url.pathname.replace(/\/+$/, ''),
    secure: url.protocol === 'https:',
    host: url.hostname,
  };
}

/** The request target: prefix, path and encoded query. */
export function requestTarget(prefix: string, path: string, query: Record<string, QueryValue> | undefined): string {
  const target = prefix === '' ? path : prefix + path;
  if (query === undefined) return target;
  let qs = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    const k = encodeURIComponent(key);
    if (typeof value === 'object') {
      for (const item of value) qs += `${qs === '' ? '' : '&'}${k}=${encodeURIComponent(item)}`;
    } else {
      qs += `${qs === '' ? '' : '&'}${k}=${encodeURIComponent(String(value))}`;
    }
  }
  return qs === '' ? target : `${target}?${qs}`;
}
