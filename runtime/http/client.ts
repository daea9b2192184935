// The HTTP client generated code runs on: one request function on undici dispatchers, wrapped by interceptors —
// warnings, credentials, the client's rate limit, retries, and any of the caller's own — typed errors that name the
// call and never a credential, and a shutdown that ends what is open.
import { constants } from 'node:buffer';
import type { Readable } from 'node:stream';
import { ChannelHandshakeError, openChannelSession } from '../channels/session.js';
import { describeOrigin, proxyOrigin, sealConnection, type ClusterConnection } from '../connection.js';
import {
  ApiError,
  ClientClosedError,
  InvalidResponseError,
  NetworkError,
  redact,
  redactError,
  ResponseTooLargeError,
  TimeoutError,
  WatchStalledError,
  type CallSite,
  type Status,
} from '../errors.js';
import {
  createDispatchers,
  sameCertificate,
  type AgentSettings,
  type ClientCertificate,
  type Dispatchers,
} from './agent.js';
import { bodyText, encodeBody, jsonText } from './body.js';
import { authenticating } from './credentials.js';
import { baseHeaders, type BaseHeaders } from './headers.js';
import { compose, headerValue, type Answer, type Exchange, type Interceptor, type Send } from './pipeline.js';
import { defaultRateLimit, rateLimited, TokenBucket, type RateLimitOptions } from './rate-limit.js';
import { parseRetryAfter, retrying, retryPolicy, type RetryOptions } from './retry.js';
import { CallScope, type Shutdown } from './scope.js';
import { transport } from './transport.js';
import { parseServer, requestTarget, type ServerAddress } from './url.js';
import { logOnce, warnings, type WarningHandler } from './warnings.js';
import { decodeWatch, WatchDecodeError } from '../watch/decode.js';
import type { ApiRequest, ChannelSession, Transport, WatchEvent } from '../types.js';
import { defaultUserAgent } from '../version.js';

export interface ClientOptions {
  /** Sent as `User-Agent` (default `kubegen/VERSION (os/arch) node/VERSION`). */
  userAgent?: string;
  /** Offer HTTP/2 (ALPN): every call then shares one session. Exec, attach and port-forward always use HTTP/1.1. */
  http2?: boolean;
  /** Ask for gzip-compressed responses (default true, unless the connection says `disable-compression`). */
  compression?: boolean;
  /** The timeout of `request` calls that set none (default: none, as client-go). Streams and watches only take their own. */
  timeoutMs?: number;
  /** Retries of safe requests, and of any request refused with 429 and Retry-After (default: 5 within 30 s); `false`: none. */
  retry?: RetryOptions | false;
  /** Told of every `Warning` header; default: each distinct text printed once to standard error. `false`: ignored. */
  onWarning?: WarningHandler | false;
  /** The client's own rate limit, a token bucket as client-go's QPS and burst (default 50 a second, bursts of 300); `false`: none. */
  rateLimit?: RateLimitOptions | false;
  /** Idle keep-alive sockets close after this long (default 30 s). */
  keepAliveTimeoutMs?: number;
  /** Time to open a connection, TLS included (default 30 s). */
  connectTimeoutMs?: number;
  /** Most sockets for ordinary calls at once over HTTP/1.1 (default 50); watches and followed streams have their own. */
  connections?: number;
  /** Largest answer read whole, and largest watch event, decompressed (default: the longest string V8 can hold, ~512 MiB). */
  maxResponseBytes?: number;
  /**
   * A watch asked to end at `timeoutSeconds` and still open this much later is stuck (a proxy, a load balancer): it
   * fails with WatchStalledError (default 10 s, so that a Watcher's own deadline, 5 s by default, comes first).
   */
  watchDeadlineMarginMs?: number;
  /** Interceptors of your own, each wrapping everything before it (the client's own first), as `Dispatcher.compose` orders them. */
  interceptors?: readonly Interceptor[];
}

/** What `describe()` reports: which connection was chosen and how the client behaves, without any secret. */
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
  compression: boolean;
  /** The client's own rate limit, or `false`. */
  rateLimit: { qps: number; burst: number } | false;
  connections: number;
  maxResponseBytes: number;
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

export class Client implements Transport {
  readonly namespace: string;
  /** The connection, as given (it prints and serializes without its secrets). */
  readonly connection: ClusterConnection;
  private readonly address: ServerAddress;
  private readonly settings: AgentSettings;
  private readonly headers: BaseHeaders;
  private readonly defaultTimeoutMs: number | undefined;
  private readonly maxResponseBytes: number;
  private readonly watchDeadlineMarginMs: number;
  private readonly bucket: TokenBucket | undefined;
  private readonly send: Send;
  private readonly extraSecrets: string[];
  private readonly calls = new Set<CallScope>();
  private dispatchers: Dispatchers;
  private certificate: ClientCertificate | undefined;
  private certified: Dispatchers | undefined;
  private closed = false;
  /** Credential refreshes after a 401 that promised a fresh credential, so far. */
  private refreshes = 0;

  constructor(connection: ClusterConnection, options: ClientOptions = {}) {
    this.connection = sealConnection(connection);
    this.namespace = connection.namespace || 'default';
    this.address = parseServer(connection.server);
    this.settings = {
      origin: this.address.origin,
      tls: connection.tls,
      proxyUrl: connection.proxyUrl,
      http2: options.http2 === true,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 30_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      connections: options.connections ?? 50,
    };
    const compression = options.compression ?? connection.disableCompression !== true;
    this.headers = baseHeaders(options.userAgent ?? defaultUserAgent, compression, connection.impersonate);
    this.defaultTimeoutMs = options.timeoutMs;
    this.maxResponseBytes = options.maxResponseBytes ?? constants.MAX_STRING_LENGTH;
    this.watchDeadlineMarginMs = options.watchDeadlineMarginMs ?? 10_000;
    this.extraSecrets = secretsOf(connection);
    this.dispatchers = createDispatchers(this.settings);
    const limit = options.rateLimit === false ? undefined : { ...defaultRateLimit, ...options.rateLimit };
    if (limit) this.bucket = new TokenBucket(limit.qps, limit.burst);
    const onWarning = options.onWarning === false ? undefined : (options.onWarning ?? logOnce());
    const own: Interceptor[] = [];
    if (onWarning) own.push(warnings(onWarning, (text) => redact(text, this.secrets())));
    own.push(
      authenticating(connection.credentials, {
        dispatcherFor: (cert, exchange) =>
          this.dispatchersFor(cert)[exchange.mode === 'stream' ? 'streams' : 'requests'],
        refreshed: () => void this.refreshes++,
      }),
    );
    if (this.bucket) own.push(rateLimited(this.bucket, limit?.onWait));
    own.push(retrying(retryPolicy(options.retry), (answer, exchange) => this.apiError(answer, exchange.site)));
    const send = transport({
      address: this.address,
      dispatcher: (exchange) => (exchange.mode === 'stream' ? this.dispatchers.streams : this.dispatchers.requests),
      maxResponseBytes: this.maxResponseBytes,
    });
    this.send = compose(send, [...own, ...(options.interceptors ?? [])]);
  }

  async request<T>(req: ApiRequest): Promise<T> {
    const scope = this.open(req, false, req.timeoutMs ?? this.defaultTimeoutMs);
    try {
      const answer = await this.send(this.exchange(req, scope, 'whole'));
      if (answer.status >= 300) throw this.apiError(answer, scope.site);
      return this.decode(req, scope.site, answer) as T;
    } finally {
      scope.done();
    }
  }

  async stream(req: ApiRequest): Promise<AsyncIterable<Uint8Array>> {
    const scope = this.open(req, true, req.timeoutMs);
    let answer: Answer;
    try {
      answer = await this.send(this.exchange(req, scope, 'stream'));
      if (answer.status >= 300) throw this.apiError(answer, scope.site);
    } catch (err) {
      scope.done();
      throw err;
    }
    return this.chunks(answer.stream!, scope);
  }

  private async *chunks(body: Readable, scope: CallScope): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      for await (const chunk of body) yield chunk as Uint8Array;
    } catch (err) {
      if (scope.closedGracefully) return;
      throw this.failure(err, scope);
    } finally {
      body.destroy();
      scope.done();
    }
  }

  async *watch<T>(req: ApiRequest): AsyncGenerator<WatchEvent<T>, void, undefined> {
    const scope = this.open(req, true, req.timeoutMs);
    const { site } = scope;
    const deadline = this.watchDeadline(req, scope);
    let body: Readable | undefined;
    try {
      const answer = await this.send(this.exchange(req, scope, 'stream'));
      if (answer.status >= 300) throw this.apiError(answer, site);
      body = answer.stream!;
      const limit = {
        bytes: this.maxResponseBytes,
        error: () => new ResponseTooLargeError(site, this.maxResponseBytes),
      };
      for await (const event of decodeWatch<T>(body, `${site.verb} ${site.method} ${site.path}`, limit)) {
        yield event.type === 'ERROR' ? this.scrubbed<T>(event) : event;
      }
    } catch (err) {
      // close() ends a watch as its server's timeout would; a Watcher then finds the client closed.
      if (scope.closedGracefully) return;
      if (err instanceof WatchDecodeError && !scope.aborted) throw redactError(err, this.secrets());
      throw this.failure(err, scope);
    } finally {
      clearTimeout(deadline);
      body?.destroy();
      scope.done();
    }
  }

  /** The server ends a watch at its `timeoutSeconds`; one still open well after that is stuck and is ended here. */
  private watchDeadline(req: ApiRequest, scope: CallScope): NodeJS.Timeout | undefined {
    const seconds = Number(req.query?.timeoutSeconds);
    if (!(seconds > 0) || !Number.isFinite(seconds)) return undefined;
    const margin = this.watchDeadlineMarginMs;
    const where = `${req.verb} ${req.method} ${req.path}`;
    return setTimeout(() => scope.abort(new WatchStalledError(where, seconds, margin)), seconds * 1000 + margin);
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
    // `timeoutMs` bounds the handshake; once open, the session lasts until it ends or the caller aborts.
    const scope = this.open(req, false, req.timeoutMs);
    try {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(this.headers)) {
        if (name !== 'accept-encoding') headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const credentials = this.connection.credentials;
      Object.assign(headers, await credentials.headers());
      const cert = await credentials.clientCertificate?.();
      const dispatchers = cert ? this.dispatchersFor(cert) : this.dispatchers;
      const url = this.address.origin + requestTarget(this.address.prefix, req.path, req.query);
      const where = `${req.verb} ${req.method} ${req.path}`;
      const session = await openChannelSession({
        url,
        protocols: req.protocols,
        dispatcher: dispatchers.upgrades(),
        headers,
        signal: scope.signal,
        where,
      });
      scope.stopTimer();
      session.done.finally(() => scope.done()).catch(() => undefined);
      return session;
    } catch (err) {
      scope.done();
      throw scope.aborted ? scope.reason() : err;
    }
  }

  /** Which connection this client uses, and how it authenticates and behaves (never the credential itself). */
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
      compression: this.headers['accept-encoding'] !== undefined,
      rateLimit: this.bucket ? { qps: this.bucket.qps, burst: this.bucket.burst } : false,
      connections: this.settings.connections,
      maxResponseBytes: this.maxResponseBytes,
    };
    if (c.proxyUrl) out.proxy = proxyOrigin(c.proxyUrl);
    if (c.impersonate) out.impersonating = c.impersonate.user;
    return out;
  }

  toJSON(): ClientDescription {
    return this.describe();
  }

  [inspectCustom](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return `Client ${inspect(this.describe(), options)}`;
  }

  /** No new calls; open watches and followed streams end (as at their server's timeout); waits for calls in flight. */
  async close(): Promise<void> {
    this.shutDown('close');
    await Promise.all([this.dispatchers.close(), this.certified?.close()]);
  }

  /** No new calls, and every call in flight fails now with ClientClosedError; every socket closes. */
  async destroy(): Promise<void> {
    this.shutDown('destroy');
    await Promise.all([this.dispatchers.destroy(), this.certified?.destroy()]);
  }

  private shutDown(how: Shutdown): void {
    this.closed = true;
    for (const scope of this.calls) if (how === 'destroy' || scope.longRunning) scope.end(how);
  }

  /** The scope of a new call; a closed client takes none. */
  private open(req: ApiRequest, longRunning: boolean, timeoutMs: number | undefined): CallScope {
    const site: CallSite = { verb: req.verb, method: req.method, path: req.path };
    if (this.closed) throw new ClientClosedError(site);
    const scope = new CallScope(site, req.signal, timeoutMs, longRunning, (s) => this.calls.delete(s));
    this.calls.add(scope);
    return scope;
  }

  private exchange(req: ApiRequest, scope: CallScope, mode: Exchange['mode']): Exchange {
    const headers: BaseHeaders = { ...this.headers, accept: req.accept ?? 'application/json' };
    const body = encodeBody(req.body);
    if (body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    return {
      req,
      site: scope.site,
      headers,
      body,
      signal: scope.signal,
      mode,
      timeLeft: () => scope.remaining(),
      failure: (err) => this.failure(err, scope),
    };
  }

  /** The dispatchers for a client certificate handed out at run time: new ones when it changed. */
  private dispatchersFor(cert: ClientCertificate): Dispatchers {
    if (this.certified && sameCertificate(cert, this.certificate)) return this.certified;
    const previous = this.certified;
    this.certificate = cert;
    this.certified = createDispatchers(this.settings, cert);
    // Calls in flight finish on the old connections; no new call uses them.
    previous?.close().catch(() => undefined);
    return this.certified;
  }

  /** A 2xx answer's body as the call expects it: JSON (unless it asked for another type), nothing for 204 and HEAD. */
  private decode(req: ApiRequest, site: CallSite, answer: Answer): unknown {
    const bytes = answer.bytes;
    if (bytes === undefined) return undefined;
    if (req.accept !== undefined && !req.accept.includes('json')) return bodyText(bytes);
    const type = headerValue(answer.headers, 'content-type');
    const invalid = (problem: string, cause?: unknown) =>
      redactError(
        new InvalidResponseError(site, answer.status, type, problem, cause === undefined ? undefined : { cause }),
        this.secrets(),
      );
    if (bytes.length === 0) throw invalid('an empty body where JSON was expected');
    if (type !== undefined && !type.includes('json')) throw invalid(`content type ${type} where JSON was expected`);
    try {
      return JSON.parse(jsonText(bytes));
    } catch (err) {
      throw invalid('a body that is not valid JSON', err);
    }
  }

  private apiError(answer: Answer, site: CallSite): ApiError {
    const text = answer.bytes ? redact(bodyText(answer.bytes), this.secrets()) : '';
    let status: Status | undefined;
    if (text.startsWith('{')) {
      try {
        const parsed = JSON.parse(text) as Status;
        if (parsed && parsed.kind === 'Status') status = parsed;
      } catch {
        // not JSON: the text is the message
      }
    }
    return new ApiError(site, answer.status, status, text, parseRetryAfter(answer.headers['retry-after']));
  }

  /** An error while sending or reading: the abort's reason once aborted, the runtime's own errors as they are, else a NetworkError. */
  private failure(err: unknown, scope: CallScope): unknown {
    if (scope.aborted) return scope.reason();
    if (isRuntimeError(err)) return err;
    return redactError(new NetworkError(scope.site, err), this.secrets());
  }

  /** An ERROR event with every secret the server echoed scrubbed from its Status. */
  private scrubbed<T>(event: WatchEvent<T>): WatchEvent<T> {
    const text = JSON.stringify(event.object);
    const clean = redact(text, this.secrets());
    return clean === text ? event : { type: event.type, object: JSON.parse(clean) as T };
  }

  /** Every secret this client could leak: what the credential handed out, the client key, the proxy's password. */
  private secrets(): string[] {
    return [...this.connection.credentials.secrets(), ...this.extraSecrets];
  }
}

function isRuntimeError(err: unknown): boolean {
  return (
    err instanceof ApiError ||
    err instanceof NetworkError ||
    err instanceof TimeoutError ||
    err instanceof ClientClosedError ||
    err instanceof ResponseTooLargeError ||
    err instanceof InvalidResponseError
  );
}

/** Secrets in the connection itself rather than in its credentials: a static client key, the proxy's password. */
function secretsOf(connection: ClusterConnection): string[] {
  const out: string[] = [];
  const key = connection.tls.key;
  if (key !== undefined) {
    const text = typeof key === 'string' ? key : Buffer.from(key).toString('utf8');
    // The whole PEM, and each of its lines, should a message quote only part of it.
    out.push(text, ...text.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----')));
  }
  if (connection.proxyUrl) {
    try {
      const url = new URL(connection.proxyUrl);
      if (url.password) out.push(url.password, decodeURIComponent(url.password));
    } catch {
      // checked where the connection was made
    }
  }
  return out;
}

/**
 * Whether the answer to a plain request says why the server refused an upgrade: a client error (401, 403, a missing
 * pod, a container that is not there). A 400 asking for an upgrade says nothing: the server would have taken one.
 */
function explainsRefusal(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status >= 400 && err.status < 500 && !/upgrade/i.test(err.statusMessage);
}
