// Server and proxy URLs, checked before anything dials them.
import { KubeConfigError } from '../errors.js';
import type { Where } from './pem.js';

/**
 * An http(s) URL without credentials or query; a trailing slash is dropped (`https://h:6443/prefix`). A bare
 * `host:port` gets https when `tls`, else http.
 */
export function checkServer(server: string, where: Where, field = 'server', tls = true): string {
  if (!server.includes('://')) server = `${tls ? 'https' : 'http'}://${server}`;
  const url = parseUrl(server, where, field);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new KubeConfigError(`${field} must be an http or https URL`, where);
  // User info in a URL is a credential: refuse it rather than carry it around.
  if (url.username || url.password) throw new KubeConfigError(`${field} must not carry a user name or password`, where);
  return server.replace(/\/+$/, '');
}

export function checkProxyUrl(proxy: string, where: Where): string {
  const url = parseUrl(proxy, where, 'proxy-url');
  if (!['http:', 'https:', 'socks5:'].includes(url.protocol))
    throw new KubeConfigError('proxy-url must be an http, https or socks5 URL', where);
  return proxy;
}

function parseUrl(text: string, where: Where, field: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new KubeConfigError(`${field} is not a URL`, where);
  }
}
