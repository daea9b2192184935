// How the stream code classifies a failure: by the HTTP status an error carries (or a watch ERROR event's
// Status), without depending on which error class the transport throws.

/** The fields of a metav1.Status that the stream code reads. */
export interface StatusLike {
  kind?: string;
  status?: string;
  code?: number;
  reason?: string;
  message?: string;
  details?: { retryAfterSeconds?: number; [field: string]: unknown };
}

/** The HTTP status an error carries (`status`, `statusCode` or a numeric `code`), if any. */
export function httpStatusOf(err: unknown): number | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const e = err as { status?: unknown; statusCode?: unknown; code?: unknown };
  for (const v of [e.status, e.statusCode, e.code]) if (typeof v === 'number' && v >= 100 && v < 600) return v;
  return undefined;
}

/**
 * 410 Gone / Expired: the resourceVersion or continue token is older than the server keeps. A Status may say so by
 * its reason alone (an ERROR event without a code), as client-go's IsResourceExpired and IsGone read it.
 */
export function isExpired(err: unknown): boolean {
  if (httpStatusOf(err) === 410) return true;
  const reason = err !== null && typeof err === 'object' ? (err as { reason?: unknown }).reason : undefined;
  return reason === 'Expired' || reason === 'Gone';
}

/** The wait, in ms, a failure asks for (`Retry-After`, or a Status's `details.retryAfterSeconds`); 0 when none. */
export function retryAfterMs(err: unknown): number {
  const e =
    err !== null && typeof err === 'object'
      ? (err as { retryAfterSeconds?: unknown; object?: { details?: { retryAfterSeconds?: unknown } } })
      : {};
  const seconds = e.retryAfterSeconds ?? e.object?.details?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : 0;
}

/** Worth trying again later: throttling, server trouble, or no HTTP status at all (a network failure). */
export function isTransient(err: unknown): boolean {
  const status = httpStatusOf(err);
  return status === undefined || status === 429 || status >= 500;
}

/** A watch ERROR event's object as an Error carrying its code. */
export class WatchStatusError extends Error {
  override readonly name = 'WatchStatusError';
  readonly status: number | undefined;
  readonly reason: string | undefined;
  readonly object: StatusLike;

  constructor(where: string, object: StatusLike) {
    super(
      `${where}: the server ended the watch with ${object.code ?? 'an error'}${object.reason ? ` ${object.reason}` : ''}: ${object.message ?? 'no message'}`,
    );
    this.object = object;
    this.status = typeof object.code === 'number' ? object.code : undefined;
    this.reason = object.reason;
  }
}

export interface Backoff {
  /** First delay after a failure, in milliseconds (default 200). */
  initialMs?: number;
  /** Longest delay (default 30000). */
  maxMs?: number;
}

/** Capped exponential backoff with full jitter for the `failures`-th consecutive failure (0: no wait). */
export function backoffDelay(failures: number, backoff: Backoff = {}): number {
  if (failures <= 0) return 0;
  const initial = backoff.initialMs ?? 200;
  const max = backoff.maxMs ?? 30_000;
  const ceiling = Math.min(max, initial * 2 ** Math.min(failures - 1, 20));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
