// The undici dispatchers of one cluster. Ordinary calls share a keep-alive pool of at most `connections` sockets;
// watches and followed streams, which hold a socket for minutes, have their own pool without a cap, so they never
// starve the calls behind them. With HTTP/2 offered both go over one multiplexed session. A `proxy-url` is reached
// with CONNECT for an https server and with plain absolute-form requests for an http one, as kubectl does. A client
// certificate handed out at run time (an exec plugin may return one) means new dispatchers: TLS settings are fixed
// for a connection's life.
import { checkServerIdentity, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { buildConnector, Dispatcher } from 'undici';
import type { Pem, TlsSettings } from '../connection.js';
import { Http2Origin, Http2Session } from './http2.js';
import * as undici from './undici.js';

export interface AgentSettings {
  origin: string;
  tls: TlsSettings;
  /** `proxy-url`. */
  proxyUrl?: string;
  /** Offer HTTP/2 through ALPN; the server may still pick HTTP/1.1. */
  http2: boolean;
  /** Idle keep-alive sockets close after this long. */
  keepAliveTimeoutMs: number;
  /** Most sockets for ordinary calls at once (HTTP/1.1). */
  connections: number;
  /** Time to establish a connection, TLS included. */
  connectTimeoutMs: number;
}

export interface ClientCertificate {
  cert: Pem;
  key: Pem;
}

/** The dispatchers of one client certificate: ordinary calls, long-running streams, WebSocket upgrades (HTTP/1.1). */
export interface Dispatchers {
  requests: Dispatcher;
  streams: Dispatcher;
  upgrades(): Dispatcher;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

const pem = (value: Pem | undefined): string | Buffer | undefined =>
  value === undefined || typeof value === 'string' ? value : bytes(value);

/**
 * The TLS options of every connection to the server. A `tls-server-name` that is an IP address is what the
 * certificate is checked against, but, as in Go, it is not sent as SNI (which RFC 6066 reserves for host names).
 */
export function tlsOptions(tls: TlsSettings, dynamic?: ClientCertificate): ConnectionOptions {
  const options: ConnectionOptions = { rejectUnauthorized: tls.insecureSkipTlsVerify !== true };
  if (tls.ca !== undefined) options.ca = pem(tls.ca);
  const cert =
    dynamic ?? (tls.cert !== undefined && tls.key !== undefined ? { cert: tls.cert, key: tls.key } : undefined);
  if (cert) {
    options.cert = pem(cert.cert);
    options.key = pem(cert.key);
  }
  const name = tls.serverName;
  if (name && isIP(name))
    options.checkServerIdentity = (_host: string, peer: PeerCertificate) => checkServerIdentity(name, peer);
  else if (name) options.servername = name;
  return options;
}

/** undici's connector, told to derive no SNI from the URL's host when the server name to check is an IP address. */
function connector(
  settings: AgentSettings,
  dynamic: ClientCertificate | undefined,
  allowH2: boolean,
): buildConnector.connector {
  const connect = undici.buildConnector({
    ...tlsOptions(settings.tls, dynamic),
    timeout: settings.connectTimeoutMs,
    allowH2,
  } as buildConnector.BuildOptions);
  const ipName = settings.tls.serverName && isIP(settings.tls.serverName) ? settings.tls.serverName : undefined;
  if (!ipName) return connect;
  return (options, callback) => connect({ ...options, host: ipName, servername: undefined }, callback);
}

export function createDispatchers(settings: AgentSettings, dynamic?: ClientCertificate): Dispatchers {
  const common = {
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    keepAliveMaxTimeout: Math.max(settings.keepAliveTimeoutMs, 600_000),
    // Watches and followed logs stay quiet for minutes: only the caller's timeout ends them.
    bodyTimeout: 0,
    headersTimeout: 0,
  };
  let upgrades: Dispatcher | undefined;
  const all: Dispatcher[] = [];
  const made = <D extends Dispatcher>(d: D): D => (all.push(d), d);
  const h1 = (connections: number | undefined) =>
    made(
      new undici.Pool(settings.origin, {
        ...common,
        connect: connector(settings, dynamic, false),
        ...(connections ? { connections } : {}),
      }),
    );
  let requests: Dispatcher;
  let streams: Dispatcher;
  if (settings.proxyUrl) {
    const secure = settings.origin.startsWith('https:');
    const ProxyAgent = undici.proxyAgent();
    const proxy = (connections?: number) =>
      made(
        new ProxyAgent({
          ...common,
          ...(connections ? { connections } : {}),
          uri: settings.proxyUrl!,
          requestTls: { ...tlsOptions(settings.tls, dynamic), timeout: settings.connectTimeoutMs },
          // CONNECT to an https server; a plain-HTTP one gets absolute-form requests, as Go's transport sends them.
          proxyTunnel: secure,
        }),
      );
    requests = proxy(settings.connections);
    streams = proxy();
  } else if (settings.http2 && settings.origin.startsWith('https:')) {
    const session = new Http2Session(settings.origin, common, connector(settings, dynamic, true));
    requests = made(new Http2Origin(session, () => h1(settings.connections)));
    streams = made(new Http2Origin(session, () => h1(undefined)));
  } else {
    requests = h1(settings.connections);
    streams = h1(undefined);
  }
  return {
    requests,
    streams,
    // Upgrades need HTTP/1.1: over HTTP/2 they get an agent of their own; otherwise they go where streams go.
    upgrades: () =>
      (upgrades ??=
        settings.http2 && !settings.proxyUrl
          ? made(new undici.Agent({ ...common, connect: connector(settings, dynamic, false) }))
          : streams),
    close: async () => void (await Promise.all(unique(all).map((d) => d.close()))),
    destroy: async () => void (await Promise.all(unique(all).map((d) => d.destroy()))),
  };
}

const unique = (ds: Dispatcher[]) => [...new Set(ds)];

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
