// The HTTP client generated code runs on: one keep-alive undici dispatcher per cluster, credentials asked for on
// every request (rotated tokens and expiring exec credentials are picked up), typed errors that name the call
// and never a credential, `Warning` headers surfaced, and safe requests retried within a budget.
import type { Dispatcher } from 'undici';
import { ChannelHandshakeError, openChannelSession } from './channels.js';
import { describeOrigin, resolveConnection, type ResolveOptions } from './config/resolve.js';
import type { ClusterConnection } from './connection.js';
import { ApiError, NetworkError, redact, type CallSite, type Status } from './errors.js';
import { createDispatcher, sameCertificate, type AgentSettings, type ClientCertificate } from './http/agent.js';
import { bodyStream, encodeBody, readText } from './http/body.js';
import { baseHeaders, type BaseHeaders } from './http/headers.js';
import { CallScope } from './http/scope.js';
import { parseServer, requestTarget, type ServerAddress } from './http/url.js';
import { logOnce, parseWarnings, type WarningHandler } from './http/warnings.js';
import {
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
  retryPolicy,
  type RetryOptions,
  type RetryPolicy,
} from './retry.js';
import { sleep } from './signals.js';
import { decodeWatch, WatchDecodeError } from './stream-decode.js';
import type { ApiRequest, ChannelSession, Transport, WatchEvent } from './types.js';
import { defaultUserAgent } from './version.js';

export interface ClientOptions {
  /** Sent as `User-Agent` (default `kubegen/VERSION (os/arch) node/VERSION`). */
  userAgent?: string;
  /** Offer HTTP/2 (ALPN); the server may still answer in HTTP/1.1. Exec, attach and port-forward always use HTTP/1.1. */
  http2?: boolean;
  /** Ask for gzip-compressed responses (default true). */
  compression?: boolean;
  /** The timeout of `request` calls that set none (default: none, as client-go). Streams and watches only take their own. */
  timeoutMs?: number;
  /** Retries of safe requests (default: 5 retries within 30 s); `false` turns them off. */
  retry?: RetryOptions | false;
  /** Told of every `Warning` header; default: each distinct text printed once to standard error. `false`: ignored. */
  onWarning?: WarningHandler | false;
  /** Idle keep-alive sockets close after this long (default 30 s). */
  keepAliveTimeoutMs?: number;
  /** Time to open a connection, TLS included (default 30 s). */
  connectTimeoutMs?: number;
  /** Most sockets to the server at once (default: no limit). */
  connections?: number;
}

/** What `describe()` reports: which connection was chosen, without any secret. */
export interface ClientDescription {
  /** In words: `kubeconfig context "dev" (cluster "c", user "u") from …`, `in-cluster service account (…)`. */
  chosen: string;
  server: string;
  namespace: string;
  origin: ClusterConnection['origin'];
  credentials: string;
  /** The proxy's origin (user and password left out), when one is used. */
  proxy?: string;
  impersonating?: string;
  tlsVerify: boolean;
  http2: boolean;
}

type Response = Dispatcher.ResponseData;

/**
 * A client for the cluster the environment names, picked as client libraries do: explicit options or a kubectl
 * proxy when given, else in-cluster when running in a pod, else the kubeconfig files. `describe()` says which.
 */
export async function connect(options: ResolveOptions = {}, clientOptions: ClientOptions = {}): Promise<Client> {
  return new Client(await resolveConnection(options), clientOptions);
}

export class Client implements Transport {
  readonly namespace: string;
  private readonly address: ServerAddress;
  private readonly settings: AgentSettings;
  private readonly headers: BaseHeaders;
  private readonly retry: RetryPolicy;
  private readonly onWarning: WarningHandler | undefined;
  private readonly defaultTimeoutMs: number | undefined;
  private dispatcher: Dispatcher;
  private upgradeDispatcher: Dispatcher | undefined;
  private certificate: ClientCertificate | undefined;
  /** Credential refreshes after a 401 that promised a fresh credential, so far. */
  private refreshes = 0;

  constructor(
    readonly connection: ClusterConnection,
    options: ClientOptions = {},
  ) {
    this.namespace = connection.namespace || 'default';
    this.address = parseServer(connection.server);
    this.settings = {
      tls: connection.tls,
      proxyUrl: connection.proxyUrl,
      http2: options.http2 === true,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 30_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      connections: options.connections,
    };
    this.headers = baseHeaders(
      options.userAgent ?? defaultUserAgent,
      options.compression !== false,
      connection.impersonate,
    );
    this.retry = retryPolicy(options.retry);
    this.onWarning = options.onWarning === false ? undefined : (options.onWarning ?? logOnce());
    this.defaultTimeoutMs = options.timeoutMs;
    this.dispatcher = createDispatcher(this.settings);
  }

  async request<T>(req: ApiRequest): Promise<T> {
    const site: CallSite = { verb: req.verb, method: req.method, path: req.path };
    const scope = new CallScope(site, req.signal, req.timeoutMs ?? this.defaultTimeoutMs);
    try {
      // Reading the body is part of the attempt: a read cut short by a reset is retried like a refused connection.
      const [res, text] = await this.exchange(req, site, scope, readWhole);
      return (text === undefined ? undefined : decodeJson(text, res.headers['content-type'], site)) as T;
    } finally {
      scope.done();
    }
  }

  async stream(req: ApiRequest): Promise<AsyncIterable<Uint8Array>> {
    const site: CallSite = { verb: req.verb, method: req.method, path: req.path };
    const scope = new CallScope(site, req.signal, req.timeoutMs);
    let res: Response;
    try {
      res = await this.exchange(req, site, scope, headersOnly);
    } catch (err) {
      scope.done();
      throw err;
    }
    return this.chunks(res, site, scope);
  }

  private async *chunks(res: Response, site: CallSite, scope: CallScope): AsyncGenerator<Uint8Array, void, undefined> {
    const body = bodyStream(res);
    try {
      for await (const chunk of body) yield chunk as Uint8Array;
    } catch (err) {
      throw this.failure(err, site, scope);
    } finally {
      body.destroy();
      scope.done();
    }
  }

  async *watch<T>(req: ApiRequest): AsyncGenerator<WatchEvent<T>, void, undefined> {
    const site: CallSite = { verb: req.verb, method: req.method, path: req.path };
    const scope = new CallScope(site, req.signal, req.timeoutMs);
    try {
      const res = await this.exchange(req, site, scope, headersOnly);
      const body = bodyStream(res);
      try {
        yield* decodeWatch<T>(body, `${site.verb} ${site.method} ${site.path}`);
      } catch (err) {
        throw err instanceof WatchDecodeError && !scope.aborted ? err : this.failure(err, site, scope);
      } finally {
        body.destroy();
      }
    } finally {
      scope.done();
    }
  }

  async connect(req: ApiRequest & { protocols?: string[] }): Promise<ChannelSession> {
    const refreshes = this.refreshes;
    try {
      return await this.upgrade(req);
    } catch (err) {
      if (!(err instanceof ChannelHandshakeError)) throw err;
      // A refused upgrade does not say why. A plain request finds out: after a 401 it refreshes the credential (an
      // expired exec credential), and then the upgrade is worth one more try; otherwise the Status it gets is the
      // reason, as kubectl reports it (`pods "web-0" not found`).
      const probe = await this.request({ ...req, method: 'GET' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (this.refreshes !== refreshes) return this.upgrade(req);
      throw explainsRefusal(probe) ? probe : err;
    }
  }

  private async upgrade(req: ApiRequest & { protocols?: string[] }): Promise<ChannelSession> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.headers))
      if (name !== 'accept-encoding') headers[name] = Array.isArray(value) ? value.join(', ') : value;
    Object.assign(headers, await this.connection.credentials.headers());
    await this.currentDispatcher();
    if (this.settings.http2)
      this.upgradeDispatcher ??= createDispatcher({ ...this.settings, http2: false }, this.certificate);
    const url = this.address.origin + requestTarget(this.address.prefix, req.path, req.query);
    // `timeoutMs` bounds the handshake; once open, the session lasts until it ends or the caller aborts.
    const scope = new CallScope({ verb: req.verb, method: req.method, path: req.path }, req.signal, req.timeoutMs);
    try {
      return await openChannelSession({
        url,
        protocols: req.protocols,
        dispatcher: this.upgradeDispatcher ?? this.dispatcher,
        headers,
        signal: scope.signal,
        where: `${req.verb} ${req.method} ${req.path}`,
      });
    } catch (err) {
      throw scope.aborted ? scope.reason() : err;
    } finally {
      scope.stopTimer();
    }
  }

  /** Which connection this client uses, and how it authenticates (never the credential itself). */
  describe(): ClientDescription {
    const c = this.connection;
    const out: ClientDescription = {
      chosen: describeOrigin(c.origin),
      server: c.server,
      namespace: this.namespace,
      origin: c.origin,
      credentials: c.credentials.kind,
      tlsVerify: this.address.secure && c.tls.insecureSkipTlsVerify !== true,
      http2: this.settings.http2,
    };
    if (c.proxyUrl) out.proxy = safeOrigin(c.proxyUrl);
    if (c.impersonate) out.impersonating = c.impersonate.user;
    return out;
  }

  /** Closes idle sockets and waits for calls in flight. */
  async close(): Promise<void> {
    await Promise.all([this.dispatcher.close(), this.upgradeDispatcher?.close()]);
  }

  /** Closes every socket now, failing calls in flight. */
  async destroy(): Promise<void> {
    await Promise.all([this.dispatcher.destroy(), this.upgradeDispatcher?.destroy()]);
  }

  /**
   * Sends the request until it gets a 2xx answer that `consume` accepts, retrying what may be retried; rejects with
   * ApiError, NetworkError, TimeoutError or the caller's abort reason.
   */
  private async exchange<R>(
    req: ApiRequest,
    site: CallSite,
    scope: CallScope,
    consume: (res: Response, req: ApiRequest) => Promise<R>,
  ): Promise<R> {
    const body = encodeBody(req.body);
    const safe = this.retry.maxRetries > 0 && this.retry.isSafe(req);
    // The budget and the timeout both count from the first attempt.
    const started = Date.now();
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let error: ApiError | NetworkError;
      // Credential failures (an exec plugin that cannot run) are the credential's own errors, never retried here.
      const credentials = await this.connection.credentials.headers();
      const dispatcher = this.connection.credentials.clientCertificate
        ? await this.currentDispatcher()
        : this.dispatcher;
      try {
        const res = await this.send(dispatcher, req, credentials, body, scope);
        if (res.headers.warning !== undefined && this.onWarning) this.warn(res.headers.warning, site);
        if (res.statusCode < 300) return await consume(res, req);
        error = await this.apiError(res, site, scope);
      } catch (err) {
        if (scope.aborted) throw scope.reason();
        if (err instanceof ApiError) throw err;
        error = this.networkError(err, site);
      }
      if (error instanceof ApiError && error.status === 401 && !refreshed && this.connection.credentials.refresh) {
        refreshed = true;
        if (await this.connection.credentials.refresh()) {
          this.refreshes++;
          attempt--;
          continue;
        }
      }
      if (!safe || attempt >= this.retry.maxRetries) throw error;
      if (error instanceof ApiError ? !isRetryableStatus(error.status) : !isRetryableNetworkError(error)) throw error;
      const delayMs = retryDelay(this.retry, attempt + 1, error);
      const elapsed = Date.now() - started;
      if (elapsed + delayMs > this.retry.budgetMs || delayMs >= scope.remaining(started)) throw error;
      this.retry.onRetry?.({
        verb: req.verb,
        method: req.method,
        path: req.path,
        attempt: attempt + 1,
        delayMs,
        error,
      });
      try {
        await sleep(delayMs, scope.signal);
      } catch {
        throw scope.reason();
      }
    }
  }

  private send(
    dispatcher: Dispatcher,
    req: ApiRequest,
    credentials: Record<string, string>,
    body: string | Uint8Array | undefined,
    scope: CallScope,
  ): Promise<Response> {
    const headers: BaseHeaders = { ...this.headers, ...credentials, accept: req.accept ?? 'application/json' };
    if (body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    return dispatcher.request({
      origin: this.address.origin,
      path: requestTarget(this.address.prefix, req.path, req.query),
      method: req.method,
      headers,
      body,
      signal: scope.signal,
    });
  }

  /** The dispatcher for the current client certificate: a new one when a dynamic certificate changed. */
  private async currentDispatcher(): Promise<Dispatcher> {
    const credentials = this.connection.credentials;
    if (!credentials.clientCertificate) return this.dispatcher;
    const cert = await credentials.clientCertificate();
    if (sameCertificate(cert, this.certificate)) return this.dispatcher;
    const previous = [this.dispatcher, this.upgradeDispatcher];
    this.certificate = cert;
    this.dispatcher = createDispatcher(this.settings, cert);
    this.upgradeDispatcher = undefined;
    // Calls in flight finish on the old connections; no new call uses them.
    for (const d of previous) d?.close().catch(() => undefined);
    return this.dispatcher;
  }

  private async apiError(res: Response, site: CallSite, scope: CallScope): Promise<ApiError> {
    let text = '';
    try {
      text = redact(await readText(res), this.connection.credentials.secrets());
    } catch (err) {
      if (scope.aborted) throw err;
      // The status line alone still says what happened.
    }
    let status: Status | undefined;
    if (text.startsWith('{')) {
      try {
        const parsed = JSON.parse(text) as Status;
        if (parsed && parsed.kind === 'Status') status = parsed;
      } catch {
        // not JSON: the text is the message
      }
    }
    return new ApiError(site, res.statusCode, status, text, parseRetryAfter(res.headers['retry-after']));
  }

  private networkError(err: unknown, site: CallSite): NetworkError {
    const error = new NetworkError(site, err);
    const secrets = this.connection.credentials.secrets();
    const message = redact(error.message, secrets);
    if (message !== error.message) error.message = message;
    return error;
  }

  /** An error while reading a body: the abort reason, or a NetworkError keeping the cause. */
  private failure(err: unknown, site: CallSite, scope: CallScope): unknown {
    if (scope.aborted) return scope.reason();
    if (err instanceof ApiError || err instanceof NetworkError) return err;
    return this.networkError(err, site);
  }

  private warn(header: string | string[], site: CallSite): void {
    for (const text of parseWarnings(header))
      this.onWarning!(redact(text, this.connection.credentials.secrets()), site);
  }
}

const headersOnly = (res: Response): Promise<Response> => Promise.resolve(res);

/** The response with its whole body as text; `undefined` when there is none (204, HEAD). */
async function readWhole(res: Response, req: ApiRequest): Promise<[Response, string | undefined]> {
  if (res.statusCode === 204 || req.method === 'HEAD') {
    await res.body.dump();
    return [res, undefined];
  }
  return [res, await readText(res)];
}

function decodeJson(text: string, contentType: string | string[] | undefined, site: CallSite): unknown {
  if (text === '') return undefined;
  const type = Array.isArray(contentType) ? contentType[0] : contentType;
  if (type !== undefined && !type.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${site.verb} ${site.method} ${site.path}: the server's answer is not valid JSON`, { cause: err });
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(unreadable proxy URL)';
  }
}

/**
 * Whether the answer to a plain request says why the server refused an upgrade: a client error (401, 403, a missing
 * pod, a container that is not there). A 400 asking for an upgrade says nothing: the server would have taken one.
 */
function explainsRefusal(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status >= 400 && err.status < 500 && !/upgrade/i.test(err.statusMessage);
}
