// One undici dispatcher per cluster: a keep-alive Agent with the cluster's TLS settings, or a ProxyAgent that
// tunnels through the `proxy-url` with HTTP CONNECT. A client certificate handed out at run time (an exec plugin
// may return one) means a new dispatcher: TLS settings are fixed for a connection's life.
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { ConnectionOptions } from 'node:tls';
import type { Pem, TlsSettings } from '../connection.js';

export interface AgentSettings {
  tls: TlsSettings;
  /** `proxy-url`: every connection is tunnelled through it with CONNECT. */
  proxyUrl?: string;
  /** Offer HTTP/2 through ALPN; the server may still pick HTTP/1.1. */
  http2: boolean;
  /** Idle keep-alive sockets close after this long (default 30 s). */
  keepAliveTimeoutMs: number;
  /** Most sockets to the server at once (default: no limit). */
  connections?: number;
  /** Time to establish a connection, TLS included (default 30 s). */
  connectTimeoutMs: number;
}

export interface ClientCertificate {
  cert: Pem;
  key: Pem;
}

const pem = (value: Pem | undefined): string | Buffer | undefined =>
  value === undefined || typeof value === 'string' ? value : bytes(value);

/** The TLS options of every connection to the server. */
export function tlsOptions(tls: TlsSettings, dynamic?: ClientCertificate): ConnectionOptions {
  const options: ConnectionOptions = { rejectUnauthorized: tls.insecureSkipTlsVerify !== true };
  if (tls.ca !== undefined) options.ca = pem(tls.ca);
  const cert =
    dynamic ?? (tls.cert !== undefined && tls.key !== undefined ? { cert: tls.cert, key: tls.key } : undefined);
  if (cert) {
    options.cert = pem(cert.cert);
    options.key = pem(cert.key);
  }
  if (tls.serverName) options.servername = tls.serverName;
  return options;
}

export function createDispatcher(settings: AgentSettings, dynamic?: ClientCertificate): Dispatcher {
  const connect = { ...tlsOptions(settings.tls, dynamic), timeout: settings.connectTimeoutMs };
  const common = {
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    keepAliveMaxTimeout: Math.max(settings.keepAliveTimeoutMs, 600_000),
    allowH2: settings.http2,
    ...(settings.connections !== undefined ? { connections: settings.connections } : {}),
    // Watches and followed logs stay quiet for minutes: only the caller's timeout ends them.
    bodyTimeout: 0,
    headersTimeout: 0,
  };
  if (settings.proxyUrl) {
    // CONNECT even to a plain-HTTP server, as kubectl does, so the proxy sees no request it could log.
    return new ProxyAgent({ ...common, uri: settings.proxyUrl, requestTls: connect, proxyTunnel: true });
  }
  return new Agent({ ...common, connect });
}

/** True when two certificates are the same pair (an exec plugin's cached credential handed out again). */
export function sameCertificate(a: ClientCertificate | undefined, b: ClientCertificate | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return pemEquals(a.cert, b.cert) && pemEquals(a.key, b.key);
}

function pemEquals(a: Pem, b: Pem): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return bytes(a).equals(bytes(b));
}

const bytes = (p: Pem): Buffer =>
  typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p.buffer, p.byteOffset, p.byteLength);
