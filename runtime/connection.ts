// The contract between where a connection comes from (kubeconfig, in-cluster files, explicit options, a
// `kubectl proxy` URL) and the HTTP client that uses it. `runtime/config/` produces a ClusterConnection;
// `runtime/client.ts` consumes it. Neither looks inside the other.

/** PEM text or raw bytes. */
export type Pem = string | Uint8Array;

/** How the client proves who it is. Called for every request, so a rotated token file or an expired exec credential is picked up. */
export interface Credentials {
  /** What kind of credential this is, for `describe()` output and error messages (`token`, `token-file`, `exec`, `basic`, `client-certificate`, `none`). */
  readonly kind: string;
  /** Headers to add to a request (usually `Authorization`). */
  headers(): Promise<Record<string, string>>;
  /**
   * A client certificate that can change at run time (an exec plugin may return one). Static certificates live in
   * `ClusterConnection.tls`; this returns `undefined` when there is none. When the returned pair changes, the
   * client builds a new TLS agent.
   */
  clientCertificate?(): Promise<{ cert: Pem; key: Pem } | undefined>;
  /**
   * Called after a 401: drop anything cached (an exec credential, a token read from a file). Resolves `true` when a
   * fresh credential may succeed, so the client retries the request once.
   */
  refresh?(): Promise<boolean>;
  /** Every secret this credential has handed out so far (tokens, passwords, keys): never to appear in a message. */
  secrets(): string[];
}

export interface TlsSettings {
  /** CA bundle to trust instead of the system's. */
  ca?: Pem;
  /** A static client certificate and key. */
  cert?: Pem;
  key?: Pem;
  insecureSkipTlsVerify?: boolean;
  /** `tls-server-name`: the name checked against the server's certificate (and sent as SNI). */
  serverName?: string;
}

export interface Impersonation {
  user: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** Everything needed to reach one cluster as one user. */
export interface ClusterConnection {
  /** `https://host:port`, possibly with a path prefix (`http://127.0.0.1:8001` for a `kubectl proxy`). */
  server: string;
  /** Default namespace for namespaced calls that name none. */
  namespace: string;
  tls: TlsSettings;
  /** `proxy-url`: an HTTP(S) proxy (CONNECT for an https server, absolute-form requests for an http one). */
  proxyUrl?: string;
  /** `disable-compression`: ask for no compressed answers (no `Accept-Encoding`). */
  disableCompression?: boolean;
  credentials: Credentials;
  impersonate?: Impersonation;
  /** Where this connection came from, for `connect()`'s answer to "which did you choose?". */
  origin: ConnectionOrigin;
}

export type ConnectionOrigin =
  | { kind: 'in-cluster'; tokenFile: string; caFile: string }
  | { kind: 'kubeconfig'; files: string[]; context: string; cluster: string; user: string }
  | { kind: 'explicit' }
  | { kind: 'proxy'; url: string };

/** Credentials that add nothing (a `kubectl proxy` URL, or a cluster without authentication). */
export const noCredentials: Credentials = {
  kind: 'none',
  headers: async () => ({}),
  secrets: () => [],
};

/** Says in words which connection was chosen: `kubeconfig context "dev" (cluster "c", user "u") from /home/me/.kube/config`. */
export function describeOrigin(origin: ConnectionOrigin): string {
  switch (origin.kind) {
    case 'in-cluster':
      return `in-cluster service account (${origin.tokenFile})`;
    case 'kubeconfig':
      return `kubeconfig context "${origin.context}" (cluster "${origin.cluster}", user "${origin.user}") from ${origin.files.join(', ')}`;
    case 'explicit':
      return 'explicit options';
    case 'proxy':
      return `kubectl proxy at ${origin.url}`;
  }
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * A copy of `connection` that prints and serializes without its secrets (the client key, the proxy's user and
 * password, anything the credentials hold): `util.inspect`, `console.log` and `JSON.stringify` show what it is.
 */
export function sealConnection(connection: ClusterConnection): ClusterConnection {
  const tls = seal({ ...connection.tls }, () => safeTls(connection.tls));
  return seal({ ...connection, tls }, () => safeConnection(connection));
}

function seal<T extends object>(target: T, view: () => object): T {
  const describe = { value: view, enumerable: false };
  Object.defineProperty(target, 'toJSON', describe);
  Object.defineProperty(target, inspectCustom, {
    value: (_depth: number, options: object, inspect: (v: unknown, o: object) => string) => inspect(view(), options),
    enumerable: false,
  });
  return target;
}

function safeTls(tls: TlsSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (tls.ca !== undefined) out.ca = '(a CA bundle)';
  if (tls.cert !== undefined) out.cert = '(a client certificate)';
  if (tls.key !== undefined) out.key = '[redacted]';
  if (tls.insecureSkipTlsVerify) out.insecureSkipTlsVerify = true;
  if (tls.serverName) out.serverName = tls.serverName;
  return out;
}

function safeConnection(c: ClusterConnection): Record<string, unknown> {
  const out: Record<string, unknown> = {
    server: c.server,
    namespace: c.namespace,
    tls: safeTls(c.tls),
    credentials: c.credentials.kind,
    origin: c.origin,
  };
  if (c.proxyUrl) out.proxyUrl = proxyOrigin(c.proxyUrl);
  if (c.disableCompression) out.disableCompression = true;
  if (c.impersonate) out.impersonate = c.impersonate;
  return out;
}

/** A proxy URL's origin, without its user and password. */
export function proxyOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(unreadable proxy URL)';
  }
}
