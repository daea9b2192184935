// Kubernetes' URL library: url(), isURL() and the accessors, with Go's net/url ParseRequestURI rules.
import type { Environment } from '@marcbachmann/cel-js';
import { celError, define } from './register.js';

export class KubeURL {
  constructor(
    readonly scheme: string,
    readonly host: string,
    readonly escapedPath: string,
    readonly query: Record<string, string[]>,
    readonly text: string,
  ) {}
}

/** Absolute URLs or absolute paths, as Go's url.ParseRequestURI accepts them. */
export function parseURL(s: string): KubeURL | undefined {
  if (s.startsWith('/')) {
    const [path, query = ''] = s.split('?', 2) as [string, string?];
    return new KubeURL('', '', path, parseQuery(query), s);
  }
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(s);
  if (!m) return undefined;
  try {
    const u = new URL(s);
    const rest = m[2]!;
    const host = rest.startsWith('//')
      ? rest
          .slice(2)
          .split(/[/?#]/, 1)[0]!
          .replace(/^[^@]*@/, '')
      : '';
    const path = rest.startsWith('//') ? (u.pathname === '/' && !/^\/\/[^/?#]*\//.test(rest) ? '' : u.pathname) : '';
    return new KubeURL(m[1]!.toLowerCase(), host, path, parseQuery(u.search.slice(1)), s);
  } catch {
    return undefined;
  }
}

function parseQuery(q: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!q) return out;
  for (const [k, v] of new URLSearchParams(q)) (out[k] ??= []).push(v);
  return out;
}

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

function port(host: string): string {
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : 0;
  const colon = host.indexOf(':', end);
  return colon >= 0 ? host.slice(colon + 1) : '';
}

export function registerURL(env: Environment): void {
  env.registerType('kubernetes.URL', KubeURL);
  define(env, 'url(string): kubernetes.URL', (s: string) => {
    const u = parseURL(s);
    if (!u)
      throw celError(
        `URL parse error during conversion from string: parse ${JSON.stringify(s)}: invalid URI for request`,
      );
    return u;
  });
  define(env, 'isURL(string): bool', (s: string) => parseURL(s) !== undefined);
  define(env, 'kubernetes.URL.getScheme(): string', (u: KubeURL) => u.scheme);
  define(env, 'kubernetes.URL.getHost(): string', (u: KubeURL) => u.host);
  define(env, 'kubernetes.URL.getHostname(): string', (u: KubeURL) => hostname(u.host));
  define(env, 'kubernetes.URL.getPort(): string', (u: KubeURL) => port(u.host));
  define(env, 'kubernetes.URL.getEscapedPath(): string', (u: KubeURL) => u.escapedPath);
  define(env, 'kubernetes.URL.getQuery(): map<string, list<string>>', (u: KubeURL) => u.query);
  define(env, 'string(kubernetes.URL): string', (u: KubeURL) => u.text);
}
