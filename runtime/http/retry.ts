// When and how long to wait before repeating a request, as an interceptor. Requests safe to repeat (reads: get,
// list, watch; GET and HEAD) are repeated after 429 and 5xx answers and connection failures; any request is repeated
// after a 429 that carries Retry-After, since the server refused it before doing anything (as client-go does).
// The wait is the server's Retry-After when it gives one, else capped exponential backoff with full jitter, all
// within a time budget.
import { ApiError, NetworkError } from '../errors.js';
import { sleep } from '../signals.js';
import type { ApiRequest } from '../types.js';
import { headerValue, type Answer, type Exchange, type Interceptor } from './pipeline.js';

export interface RetryOptions {
  /** Most repeats of one request (default 5); 0 turns retries off. */
  maxRetries?: number;
  /** Longest one request may take with its retries, counted from the first attempt, waits included (default 30 s). */
  budgetMs?: number;
  /** First backoff (default 200 ms); each further one doubles, up to `capMs`. */
  baseMs?: number;
  /** Longest single backoff (default 5 s); a longer `Retry-After` is honoured if the budget allows it. */
  capMs?: number;
  /** Decides which requests may be repeated after a failure the server may have acted on (default: GET and HEAD). */
  isSafe?: (req: ApiRequest) => boolean;
  /** Told before every wait. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  verb: string;
  method: string;
  path: string;
  /** 1 for the first repeat. */
  attempt: number;
  /** How long the client waits before the repeat. */
  delayMs: number;
  /** Why: the ApiError (429, 5xx) or NetworkError of the attempt that failed. */
  error: ApiError | NetworkError;
}

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly budgetMs: number;
  readonly baseMs: number;
  readonly capMs: number;
  isSafe(req: ApiRequest): boolean;
  onRetry: ((event: RetryEvent) => void) | undefined;
}

/** GET and HEAD reads (get, list, watch, logs); never a create, update, patch, delete, any POST, or a connect. */
export function isSafeToRepeat(req: ApiRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.verb !== 'connect';
}

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const o = options === false ? { maxRetries: 0 } : (options ?? {});
  return {
    maxRetries: Math.max(0, o.maxRetries ?? 5),
    budgetMs: Math.max(0, o.budgetMs ?? 30_000),
    baseMs: Math.max(1, o.baseMs ?? 200),
    capMs: Math.max(1, o.capMs ?? 5_000),
    isSafe: o.isSafe ?? isSafeToRepeat,
    onRetry: o.onRetry,
  };
}

/** True for answers worth repeating: throttling and server trouble (501 Not Implemented aside). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** True for failures that happened before or while connecting (and a reset of a kept-alive socket). */
export function isRetryableNetworkError(err: NetworkError): boolean {
  return err.code !== undefined && retryableCodes.has(err.code);
}

const retryableCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * The wait before repeat number `attempt` (1-based): the server's `Retry-After` when it gave one, else capped
 * exponential backoff with full jitter (a random wait between half the ceiling and the ceiling).
 */
export function retryDelay(policy: RetryPolicy, attempt: number, error: ApiError | NetworkError): number {
  if (error instanceof ApiError && error.retryAfterSeconds !== undefined && error.retryAfterSeconds >= 0) {
    return error.retryAfterSeconds * 1000;
  }
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * `Retry-After` in seconds: whole seconds, or an HTTP date (a past one means now); undefined when absent or not in
 * either form — `1.5` and `-1` included, which client-go does not read as a wait either.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (v === undefined || v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  // An HTTP date names a weekday and a time; Date.parse alone would take "1.5" or "-1" for dates.
  if (!/^[A-Za-z]{3,9},? .*\d{2}:\d{2}:\d{2}/.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Repeats what may be repeated, as the policy allows. `toError` turns a failed answer into the ApiError the retry
 * event reports (the caller gets the last answer itself when the retries run out).
 */
export function retrying(policy: RetryPolicy, toError: (answer: Answer, exchange: Exchange) => ApiError): Interceptor {
  return (next) => async (exchange) => {
    if (policy.maxRetries === 0) return next(exchange);
    const safe = policy.isSafe(exchange.req);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let answer: Answer | undefined;
      let error: ApiError | NetworkError;
      try {
        answer = await next(exchange);
        if (answer.status < 300 || !repeatable(answer, safe)) return answer;
        error = toError(answer, exchange);
      } catch (err) {
        if (!(err instanceof NetworkError) || !safe || !isRetryableNetworkError(err)) throw err;
        error = err;
      }
      const delayMs = retryDelay(policy, attempt, error);
      const spent = Date.now() - started;
      const out = attempt > policy.maxRetries || spent + delayMs > policy.budgetMs || delayMs >= exchange.timeLeft();
      if (out) {
        if (answer) return answer;
        throw error;
      }
      const { verb, method, path } = exchange.req;
      policy.onRetry?.({ verb, method, path, attempt, delayMs, error });
      try {
        await sleep(delayMs, exchange.signal);
      } catch (err) {
        throw exchange.failure(err);
      }
    }
  };
}

/** A throttled or failed answer worth repeating: any status worth it for safe requests; a 429 with Retry-After for any. */
function repeatable(answer: Answer, safe: boolean): boolean {
  if (safe) return isRetryableStatus(answer.status);
  return answer.status === 429 && parseRetryAfter(headerValue(answer.headers, 'retry-after')) !== undefined;
}
