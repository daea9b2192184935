// ClusterConnections built by hand for the HTTP client's tests: the test server's URL, CA and token, without
// going through a kubeconfig.
import type { ClusterConnection, Credentials, TlsSettings } from '@kubegen/runtime';
import type { ApiServer } from '../../../server/index.ts';

/** A bearer token that may be replaced mid-run; counts refreshes. */
export class TestToken implements Credentials {
  readonly kind = 'token';
  refreshes = 0;
  private readonly handedOut = new Set<string>();

  constructor(
    public token: string,
    private readonly next?: () => string | undefined,
  ) {}

  async headers(): Promise<Record<string, string>> {
    this.handedOut.add(this.token);
    return { authorization: `Bearer ${this.token}` };
  }

  async refresh(): Promise<boolean> {
    this.refreshes++;
    const fresh = this.next?.();
    if (fresh === undefined) return false;
    this.token = fresh;
    return true;
  }

  secrets(): string[] {
    return [...this.handedOut, this.token];
  }
}

/** A connection to a test server (the API server or a wire server): its URL and CA, a token if given, else none. */
export function connectionTo(
  server: Pick<ApiServer, 'url'> & { ca?: string | undefined },
  options: { token?: string; credentials?: Credentials; tls?: TlsSettings; namespace?: string; proxyUrl?: string } = {},
): ClusterConnection {
  const credentials: Credentials =
    options.credentials ??
    (options.token !== undefined
      ? new TestToken(options.token)
      : { kind: 'none', headers: async () => ({}), secrets: () => [] });
  const conn: ClusterConnection = {
    server: server.url,
    namespace: options.namespace ?? 'default',
    tls: options.tls ?? (server.ca ? { ca: server.ca } : {}),
    credentials,
    origin: { kind: 'explicit' },
  };
  if (options.proxyUrl) conn.proxyUrl = options.proxyUrl;
  return conn;
}
