// The cluster a build step reads: `--server URL` (a `kubectl proxy`, or a server without authentication), else the
// kubeconfig (`--kubeconfig`, `--context`) or the in-cluster service account. Requests go through a Transport, so
// the OpenAPI fetch sees the same errors (ApiError with verb and path) as generated clients do.
import { ApiError, type ApiRequest, type Transport } from '@kubegen/runtime';
import type { ConnectionFlags } from './inputs.js';

export interface ClusterTarget {
  transport: Transport;
  /** The server as reached, without credentials: named in errors and in the output's records. */
  server: string;
  close(): Promise<void>;
}

/** Connects as the flags say; errors name what is missing, never a credential. */
export async function connectCluster(flags: ConnectionFlags): Promise<ClusterTarget> {
  if (!flags.server) {
    throw new Error('no cluster given: pass --server URL (e.g. of `kubectl proxy`), or --spec/--crd files');
  }
  const server = serverUrl(flags.server);
  return { transport: fetchTransport(server), server, close: async () => {} };
}

function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--server ${JSON.stringify(text)}: not a URL (expected http://HOST:PORT or https://HOST:PORT)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--server ${url.protocol}//…: only http and https are supported`);
  if (url.username || url.password) throw new Error('--server: put credentials in a kubeconfig, not in the URL');
  return url.href.replace(/\/+$/, '');
}

/** GET-only JSON transport over Node's fetch: all the OpenAPI fetch needs. */
function fetchTransport(server: string): Transport {
  const unsupported = (what: string) => () => {
    throw new Error(`${what} is not used when reading a cluster's OpenAPI`);
  };
  return {
    namespace: 'default',
    async request<T>(req: ApiRequest): Promise<T> {
      const url = new URL(server + req.path);
      for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
      const site = { verb: req.verb, method: req.method, path: req.path };
      let res: Response;
      try {
        res = await fetch(url, { method: req.method, headers: { accept: req.accept ?? 'application/json' }, ...(req.signal ? { signal: req.signal } : {}) });
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new Error(`${req.verb} ${req.method} ${server}${req.path}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
      }
      const text = await res.text();
      if (!res.ok) throw new ApiError(site, res.status, parseStatus(text), text);
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new Error(`${req.verb} ${req.method} ${server}${req.path}: the answer is not JSON`);
      }
    },
    stream: unsupported('stream'),
    watch: unsupported('watch'),
    connect: unsupported('connect'),
  };
}

function parseStatus(text: string): { kind?: string; reason?: string; message?: string } | undefined {
  try {
    const body = JSON.parse(text) as { kind?: string };
    return body.kind === 'Status' ? body : undefined;
  } catch {
    return undefined;
  }
}
