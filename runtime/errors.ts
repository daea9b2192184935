// Typed errors for API calls. Every message names the verb, method and path of the request — never a
// credential and never the query string (it may carry tokens or selectors the caller considers private).

/** The fields of a metav1.Status body the runtime reads. */
export interface Status {
  kind?: string;
  apiVersion?: string;
  status?: string;
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code?: number;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { type?: string; message?: string; field?: string }[];
  retryAfterSeconds?: number;
}

/** Which call failed: `get GET /api/v1/namespaces/default/pods/web`. */
export interface CallSite {
  verb: string;
  method: string;
  path: string;
}

function where(site: CallSite): string {
  return `${site.verb} ${site.method} ${site.path}`;
}

/** An error of one call, naming it: every message starts with its verb, method and path. */
export abstract class CallError extends Error {
  readonly verb: string;
  readonly method: string;
  readonly path: string;

  constructor(site: CallSite, problem: string, options?: { cause?: unknown }) {
    super(`${where(site)}: ${problem}`, options);
    this.verb = site.verb;
    this.method = site.method;
    this.path = site.path;
  }
}

/** A non-2xx answer from the API server. */
export class ApiError extends CallError {
  override readonly name = 'ApiError';
  /** The HTTP status code. */
  readonly status: number;
  /** The Status object's reason (`NotFound`, `Conflict`…), or the HTTP status text when the body is not a Status. */
  readonly reason: string;
  /** The Status object's own message. */
  readonly statusMessage: string;
  readonly details: StatusDetails | undefined;
  /** The Status body, when the server sent one. */
  readonly body: Status | undefined;
  /** Seconds the server asked us to wait (`Retry-After`), when it did. */
  readonly retryAfterSeconds: number | undefined;

  constructor(site: CallSite, status: number, body: Status | undefined, text: string, retryAfterSeconds?: number) {
    const reason = body?.reason || reasonForStatus(status);
    const statusMessage = body?.message ?? snippet(text);
    super(site, `${status} ${reason}${statusMessage ? `: ${statusMessage}` : ''}`);
    this.status = status;
    this.reason = reason;
    this.statusMessage = statusMessage;
    this.details = body?.details;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds ?? body?.details?.retryAfterSeconds;
  }
}

/** The request never got an answer: connection refused or reset, TLS failure, DNS… `cause` is the original. */
export class NetworkError extends CallError {
  override readonly name = 'NetworkError';
  /** The system or undici error code (`ECONNREFUSED`, `UND_ERR_SOCKET`…). */
  readonly code: string | undefined;

  constructor(site: CallSite, cause: unknown) {
    const code = errorCode(cause);
    super(site, describeNetworkFailure(cause), { cause });
    this.code = code;
  }
}

/** The call's own timeout (`timeoutMs`) ran out. */
export class TimeoutError extends CallError {
  override readonly name = 'TimeoutError';

  constructor(
    site: CallSite,
    readonly timeoutMs: number,
  ) {
    super(site, `no complete answer within ${timeoutMs} ms`);
  }
}

/**
 * A watch still open past its `timeoutSeconds` and a margin, though the server ends every watch at that timeout: the
 * stream is stuck (a proxy, a load balancer). A Watcher resumes after it.
 */
export class WatchStalledError extends Error {
  override readonly name = 'WatchStalledError';

  constructor(
    where: string,
    readonly timeoutSeconds: number,
    readonly marginMs: number,
  ) {
    super(`${where}: the watch was still open ${marginMs} ms after its ${timeoutSeconds} s timeout`);
  }
}

/** A 2xx answer that is not what the call expects: an empty body, JSON that does not parse, another content type. */
export class InvalidResponseError extends CallError {
  override readonly name = 'InvalidResponseError';

  constructor(
    site: CallSite,
    /** The HTTP status (2xx). */
    readonly status: number,
    /** The answer's content type, when it named one. */
    readonly contentType: string | undefined,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(site, `the server answered ${status} with ${problem}`, options);
  }
}

/** The answer is larger than the client's `maxResponseBytes`: it is dropped as soon as that is known. */
export class ResponseTooLargeError extends CallError {
  override readonly name = 'ResponseTooLargeError';

  constructor(
    site: CallSite,
    readonly limitBytes: number,
  ) {
    super(site, `the answer is larger than the client's limit of ${limitBytes} bytes`);
  }
}

/**
 * The connected cluster does not serve a group-version a client was made for (a beta API removed in a later release,
 * a CRD not installed). Every generated package throws this one class, so `instanceof` works across them.
 */
export class NotServedError extends Error {
  override readonly name = 'NotServedError';

  constructor(
    /** `policy/v1beta1`, or `v1` for core. */
    readonly apiVersion: string,
    /** The versions of the same group the cluster serves (`policy/v1`); undefined when discovery could not tell. */
    readonly served: readonly string[] | undefined,
  ) {
    const list = served === undefined ? 'unknown' : served.length ? served.join(', ') : 'no version of this group';
    super(`group-version ${apiVersion} is not served by this cluster (served: ${list})`);
  }
}

/** The client was closed (`close()` or `destroy()`): nothing more goes out on it, and a watcher on it ends. */
export class ClientClosedError extends CallError {
  override readonly name = 'ClientClosedError';

  constructor(site: CallSite) {
    super(site, 'the client is closed');
  }
}

/** True when the transport is gone for good: this runtime's closed client, or an undici dispatcher destroyed under it. */
export function isClientClosed(err: unknown): boolean {
  return err instanceof ClientClosedError || errorCode(err) === 'UND_ERR_DESTROYED';
}

/** A configuration that cannot be used: names the file or field, never a credential's value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** An exec credential plugin that failed or answered something unusable. */
export class ExecPluginError extends Error {
  override readonly name = 'ExecPluginError';
}

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describeNetworkFailure(cause: unknown): string {
  const code = errorCode(cause);
  const text = cause instanceof Error ? cause.message : String(cause);
  return code && !text.includes(code) ? `${text} (${code})` : text;
}

function statusOf(err: unknown): number | undefined {
  return err instanceof ApiError ? err.status : undefined;
}

declare const recognised: unique symbol;

/**
 * An ApiError one of the `is…` guards recognised. The brand exists only in types: it lets a guard narrow one way
 * (`isConflict(e)` makes `e` an ApiError) without `!isConflict(e)` claiming `e` is no ApiError at all.
 */
export type ApiErrorOf<K extends string> = ApiError & { readonly [recognised]: K };

/** 404: the object (or the resource) does not exist. */
export const isNotFound = (err: unknown): err is ApiErrorOf<'NotFound'> => statusOf(err) === 404;
/** 409 with reason Conflict: the object changed since it was read (stale resourceVersion). */
export const isConflict = (err: unknown): err is ApiErrorOf<'Conflict'> =>
  statusOf(err) === 409 && (err as ApiError).reason !== 'AlreadyExists';
/** 409 with reason AlreadyExists: a create found the name taken. */
export const isAlreadyExists = (err: unknown): err is ApiErrorOf<'AlreadyExists'> =>
  statusOf(err) === 409 && (err as ApiError).reason === 'AlreadyExists';
/** 410: the resourceVersion or continue token is older than the server keeps. */
export const isGone = (err: unknown): err is ApiErrorOf<'Gone'> => statusOf(err) === 410;
export const isExpired = isGone;
export const isForbidden = (err: unknown): err is ApiErrorOf<'Forbidden'> => statusOf(err) === 403;
export const isUnauthorized = (err: unknown): err is ApiErrorOf<'Unauthorized'> => statusOf(err) === 401;
export const isTooManyRequests = (err: unknown): err is ApiErrorOf<'TooManyRequests'> => statusOf(err) === 429;
export const isInvalid = (err: unknown): err is ApiErrorOf<'Invalid'> => statusOf(err) === 422;
export const isBadRequest = (err: unknown): err is ApiErrorOf<'BadRequest'> => statusOf(err) === 400;
export const isMethodNotSupported = (err: unknown): err is ApiErrorOf<'MethodNotSupported'> => statusOf(err) === 405;
export const isServerTimeout = (err: unknown): err is ApiErrorOf<'ServerTimeout'> =>
  statusOf(err) === 504 || (err instanceof ApiError && err.reason === 'Timeout');
export const isInternalError = (err: unknown): err is ApiErrorOf<'InternalError'> => statusOf(err) === 500;
export const isServiceUnavailable = (err: unknown): err is ApiErrorOf<'ServiceUnavailable'> => statusOf(err) === 503;
export const isNetworkError = (err: unknown): err is NetworkError => err instanceof NetworkError;

const reasons: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The reason client-go assigns when the body is not a Status. */
export function reasonForStatus(status: number): string {
  return reasons[status] ?? (status >= 500 ? 'InternalError' : 'Unknown');
}

function snippet(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}

/** `err` with every secret scrubbed from its message and stack, and from those of its causes. */
export function redactError<E>(err: E, secrets: readonly string[]): E {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const message = redact(e.message, secrets);
    if (message !== e.message) e.message = message;
    if (e.stack !== undefined) {
      const stack = redact(e.stack, secrets);
      if (stack !== e.stack) e.stack = stack;
    }
  }
  return err;
}

/**
 * `text` with every secret replaced by `[redacted]`. Secrets shorter than 4 characters are left alone: they would
 * blank out ordinary words, and no real credential is that short.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4 || !out.includes(secret)) continue;
    out = out.split(secret).join('[redacted]');
  }
  return out;
}

// Errors about where a connection comes from (kubeconfig, in-cluster files, explicit options) and about credential
// plugins. Messages name the file and the entry (`user "alice"`) and the field at fault — never a field's value,
// since kubeconfig values are often tokens, passwords or keys.

export interface ErrorWhere {
  /** The kubeconfig (or in-cluster) file the problem is in. */
  file?: string;
  /** The entry at fault: `cluster "prod"`, `user "alice"`, `context "dev"`. */
  entry?: string;
  cause?: unknown;
}

function located(message: string, where: ErrorWhere): string {
  const prefix = [where.file, where.entry].filter(Boolean).join(': ');
  return prefix ? `${prefix}: ${message}` : message;
}

/** A kubeconfig, in-cluster or explicit setting that cannot be used. */
export class KubeConfigError extends ConfigError {
  readonly file?: string;
  readonly entry?: string;

  constructor(message: string, where: ErrorWhere = {}) {
    super(located(message, where), where.cause === undefined ? undefined : { cause: where.cause });
    this.file = where.file;
    this.entry = where.entry;
  }
}

/** An exec credential plugin that could not run, failed, or answered something unusable. */
export class ExecCredentialError extends ExecPluginError {
  readonly file?: string;
  readonly entry?: string;

  constructor(message: string, where: ErrorWhere = {}) {
    super(located(message, where), where.cause === undefined ? undefined : { cause: where.cause });
    this.file = where.file;
    this.entry = where.entry;
  }
}

/** The system error code of a failed file operation (`ENOENT`…), or a generic word: never the error's own text. */
export function fileErrorCode(err: unknown): string {
  return errorCode(err) ?? 'unreadable';
}
