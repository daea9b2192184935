// A resumable watch, as an explicit state machine in the manner of client-go's reflector:
//   listing  → (listed at RV)                → watching from RV with bookmarks
//   watching → (ended, dropped, stalled)     → watching again from the last RV seen (event or bookmark)
//   watching → (410 Expired, or a refusal)   → listing again, emitting what changed meanwhile as synthetic events
//   any      → (failure)                     → the same phase again after capped, jittered backoff
// Every event reaches the consumer once: resumptions start after the last RV delivered, and a relist is
// reconciled against the objects already delivered. Every failure is reported and retried: only an abort, a
// closed client or the caller's `isFatal` policy ends the watcher.
import { isClientClosed, WatchStalledError } from '../errors.js';
import { listAll, type ListOptions } from './list.js';
import { LinkedSignal, sleep } from '../signals.js';
import { WatchDecodeError } from './decode.js';
import {
  backoffDelay,
  httpStatusOf,
  isExpired,
  isTransient,
  retryAfterMs,
  WatchStatusError,
  type Backoff,
  type StatusLike,
} from './status.js';
import type { QueryValue, Transport } from '../types.js';

export { decodeWatch, WatchDecodeError } from './decode.js';

/** The metadata a watched object needs: its key and its resourceVersion. */
export interface ObjectWithMeta {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
}

export type WatcherEvent<T> =
  | {
      type: 'ADDED' | 'MODIFIED' | 'DELETED';
      object: T;
      /** The object as last delivered, for MODIFIED and DELETED. */
      previous?: T;
      /** Made up by reconciling a relist with what was delivered before (the watch itself was lost). */
      synthetic: boolean;
    }
  /** The delivered objects now equal the list at `resourceVersion`: after the first list, and after every relist. */
  | { type: 'SYNCED'; resourceVersion: string; initial: boolean };

export type WatcherState =
  | { phase: 'listing'; relist: boolean; failures: number }
  | { phase: 'watching'; resourceVersion: string; failures: number }
  | { phase: 'stopped' };

/** How one list or watch attempt ended. */
export type WatchOutcome =
  | { kind: 'listed'; resourceVersion: string }
  /** The server closed the stream normally (its timeout): resume from `resourceVersion`. */
  | { kind: 'ended'; resourceVersion: string; progressed: boolean }
  /** The stream was cut, stalled or unreadable, or the server is in trouble: resume from `resourceVersion`. */
  | { kind: 'dropped'; resourceVersion: string; progressed: boolean; error: unknown }
  /** 410: the version is older than the server keeps. */
  | { kind: 'expired'; error?: unknown }
  /** A list failed (try it again), or the server refused a watch (403, 404…: list again, as client-go does). */
  | { kind: 'failed'; error: unknown };

/** The state machine itself: pure, so each step can be tested alone. */
export function nextState(state: WatcherState, outcome: WatchOutcome): WatcherState {
  if (state.phase === 'stopped') return state;
  switch (outcome.kind) {
    case 'listed':
      return { phase: 'watching', resourceVersion: outcome.resourceVersion, failures: 0 };
    case 'ended':
    case 'dropped':
      return {
        phase: 'watching',
        resourceVersion: outcome.resourceVersion,
        failures: outcome.progressed ? 0 : state.failures + 1,
      };
    case 'expired':
      return state.phase === 'watching'
        ? { phase: 'listing', relist: true, failures: 0 }
        : { ...state, failures: state.failures + 1 };
    case 'failed':
      return state.phase === 'watching'
        ? { phase: 'listing', relist: true, failures: state.failures + 1 }
        : { ...state, failures: state.failures + 1 };
  }
}

/** What the error handler is told beside the error. */
export interface WatchErrorContext {
  /** The request that failed. */
  phase: 'list' | 'watch';
  /** Attempts in a row that made no progress, this one included (0 when the stream had made progress before it broke). */
  failures: number;
  /** How long the watcher waits before its next attempt. */
  retryInMs: number;
  /** The resourceVersion the watcher will resume from (empty before the first list). */
  resourceVersion: string;
  /** True when the error ends the watcher (a closed client, or `isFatal` said so). */
  fatal: boolean;
}

export type WatchErrorHandler = (error: unknown, context: WatchErrorContext) => void;

export interface WatcherOptions<T> extends Pick<ListOptions, 'labelSelector' | 'fieldSelector'> {
  /** Items per list page (default 500). */
  pageSize?: number;
  /** Stops the watcher: iteration ends quietly. */
  signal?: AbortSignal;
  /** `timeoutSeconds` of each watch request (default: random between 5 and 10 minutes, as client-go). */
  watchTimeoutSeconds?: number;
  /** A watch still open this long after its `timeoutSeconds` is taken for stalled, dropped and resumed (default 5 s). */
  watchDeadlineMarginMs?: number;
  /** The timeout of each list request (default 60 s, kube-apiserver's own limit for a request). */
  listTimeoutMs?: number;
  backoff?: Backoff;
  /** Told of every failed list or watch before the watcher waits and tries again (default: a process warning for those that need attention). */
  onError?: WatchErrorHandler;
  /** The caller's policy: an error for which this returns true ends the watcher (default: none does). */
  isFatal?: (error: unknown) => boolean;
  /** Where the delivered objects are kept by key (an informer passes its cache). */
  known?: Map<string, T>;
  /** Told of every state change (for logs and tests). */
  onState?: (state: WatcherState, outcome?: WatchOutcome) => void;
  /** Other query parameters for both list and watch. */
  query?: Record<string, QueryValue>;
}

/** `namespace/name`, or `name` for cluster-scoped objects (client-go's MetaNamespaceKeyFunc). */
export function objectKey(obj: ObjectWithMeta): string {
  const meta = obj.metadata ?? {};
  return meta.namespace ? `${meta.namespace}/${meta.name ?? ''}` : (meta.name ?? '');
}

/** A watch that ended this soon without an event made no progress: ending again is a failure to back off from. */
const quickEndMs = 1_000;

/** Lists then watches the collection at `path`, resuming and relisting as needed; iterate it once. */
export class Watcher<T extends ObjectWithMeta> implements AsyncIterable<WatcherEvent<T>> {
  readonly known: Map<string, T>;
  private current: WatcherState = { phase: 'listing', relist: false, failures: 0 };
  private started = false;
  private seenVersion = '';
  private failure: unknown;
  private progressAt: number | undefined;
  private streak = 0;
  private expiries = 0;
  private attemptProgressed = false;

  constructor(
    private readonly transport: Transport,
    readonly path: string,
    private readonly options: WatcherOptions<T> = {},
  ) {
    this.known = options.known ?? new Map();
  }

  get state(): WatcherState {
    return this.current;
  }

  /** The latest resourceVersion the delivered objects reflect (a list, an event or a bookmark). */
  get resourceVersion(): string {
    return this.seenVersion;
  }

  /** The error of the latest attempt, until an attempt succeeds. */
  get lastError(): unknown {
    return this.failure;
  }

  /** When the watcher last confirmed it follows the server: a list, an event, a bookmark, a watch that ended normally. */
  get lastProgress(): Date | undefined {
    return this.progressAt === undefined ? undefined : new Date(this.progressAt);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatcherEvent<T>, void, undefined> {
    if (this.started) throw new Error(`watch GET ${this.path}: a Watcher can be iterated only once`);
    this.started = true;
    const signal = this.options.signal;
    let delayMs = 0;
    try {
      while (this.current.phase !== 'stopped' && !signal?.aborted) {
        const state: WatcherState = this.current;
        await sleep(delayMs, signal);
        const outcome =
          state.phase === 'listing' ? yield* this.list(state.relist) : yield* this.watch(state.resourceVersion);
        this.move(nextState(this.current, outcome), outcome);
        delayMs = this.settle(state.phase === 'listing' ? 'list' : 'watch', outcome);
      }
    } catch (err) {
      if (!signal?.aborted) throw err;
    } finally {
      this.move({ phase: 'stopped' });
    }
  }

  private move(state: WatcherState, outcome?: WatchOutcome): void {
    if (this.current.phase === 'stopped') return;
    this.current = state;
    this.options.onState?.(state, outcome);
  }

  /**
   * Records how the attempt went and returns the wait before the next one; reports a failure, throwing it when it
   * ends the watcher. The wait grows with the attempts in a row that made no progress — a successful list alone
   * is none, so a watch refused after every list backs off rather than relisting in a loop.
   */
  private settle(phase: 'list' | 'watch', outcome: WatchOutcome): number {
    const error = 'error' in outcome ? outcome.error : undefined;
    if (phase === 'watch' && this.attemptProgressed) this.streak = this.expiries = 0;
    if (error === undefined && outcome.kind !== 'ended') return 0;
    if (error === undefined && outcome.kind === 'ended' && outcome.progressed) {
      this.failure = undefined;
      this.progressAt = Date.now();
      return 0;
    }
    // The first 410 since the watch last made progress relists at once (the history moved on); more in a row back off.
    const firstExpiry = outcome.kind === 'expired' && this.expiries++ === 0;
    if (!firstExpiry && (!this.attemptProgressed || phase === 'list')) this.streak++;
    const backoff = this.streak === 0 ? 0 : backoffDelay(this.streak, this.options.backoff);
    if (error === undefined) return backoff;
    this.failure = error;
    const fatal = isClientClosed(error) || this.options.isFatal?.(error) === true;
    const retryInMs = fatal
      ? 0
      : Math.max(backoff, Math.min(retryAfterMs(error), this.options.backoff?.maxMs ?? 30_000));
    this.report(error, { phase, failures: this.streak, retryInMs, resourceVersion: this.seenVersion, fatal });
    if (fatal) throw error;
    return retryInMs;
  }

  /** Attempts in a row that made no progress (the backoff's exponent). */
  get failures(): number {
    return this.streak;
  }

  private report(error: unknown, context: WatchErrorContext): void {
    const handler = this.options.onError ?? defaultWatchErrorHandler;
    try {
      handler(error, context);
    } catch (err) {
      process.emitWarning(
        `watch GET ${this.path}: the error handler threw: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private async *list(relist: boolean): AsyncGenerator<WatcherEvent<T>, WatchOutcome, undefined> {
    let listed: { items: T[]; resourceVersion: string };
    try {
      listed = await listAll<T>(this.transport, this.path, {
        ...this.selectors(),
        limit: this.options.pageSize ?? 500,
        onExpired: 'restart',
        signal: this.options.signal,
        timeoutMs: this.options.listTimeoutMs ?? 60_000,
      });
    } catch (err) {
      if (this.options.signal?.aborted) throw err;
      return { kind: 'failed', error: err };
    }
    yield* this.reconcile(listed.items, relist);
    this.seenVersion = listed.resourceVersion;
    this.progressAt = Date.now();
    this.failure = undefined;
    yield { type: 'SYNCED', resourceVersion: listed.resourceVersion, initial: !relist };
    return { kind: 'listed', resourceVersion: listed.resourceVersion };
  }

  /** Brings `known` to the listed items, yielding each difference (all ADDED on the first list). */
  private *reconcile(items: T[], relist: boolean): Generator<WatcherEvent<T>, void, undefined> {
    const seen = relist ? new Set<string>() : undefined;
    for (const object of items) {
      const key = objectKey(object);
      seen?.add(key);
      const previous = this.known.get(key);
      if (previous && previous.metadata?.resourceVersion === object.metadata?.resourceVersion) continue;
      this.known.set(key, object);
      yield previous
        ? { type: 'MODIFIED', object, previous, synthetic: relist }
        : { type: 'ADDED', object, synthetic: relist };
    }
    if (!seen) return;
    const gone = [...this.known.keys()].filter((key) => !seen.has(key));
    for (const key of gone) {
      const object = this.known.get(key)!;
      this.known.delete(key);
      yield { type: 'DELETED', object, previous: object, synthetic: true };
    }
  }

  private async *watch(from: string): AsyncGenerator<WatcherEvent<T>, WatchOutcome, undefined> {
    const where = `watch GET ${this.path}`;
    const timeoutSeconds = this.options.watchTimeoutSeconds ?? Math.floor(300 * (1 + Math.random()));
    const marginMs = this.options.watchDeadlineMarginMs ?? 5_000;
    const query: Record<string, QueryValue> = {
      ...this.options.query,
      watch: true,
      resourceVersion: from,
      allowWatchBookmarks: true,
      timeoutSeconds,
    };
    if (this.options.labelSelector) query.labelSelector = this.options.labelSelector;
    if (this.options.fieldSelector) query.fieldSelector = this.options.fieldSelector;
    // The server ends the watch at timeoutSeconds; one still open well after that is stuck, whatever the transport.
    const attempt = new LinkedSignal(this.options.signal);
    const stalled = new WatchStalledError(where, timeoutSeconds, marginMs);
    const deadline = setTimeout(() => attempt.abort(stalled), timeoutSeconds * 1000 + marginMs);
    const started = Date.now();
    let resourceVersion = from;
    let events = false;
    const progressed = () => events || Date.now() - started >= quickEndMs;
    this.attemptProgressed = false;
    try {
      for await (const event of this.transport.watch<T>({
        verb: 'watch',
        method: 'GET',
        path: this.path,
        query,
        signal: attempt.signal,
      })) {
        if (event.type === 'ERROR')
          return classify(new WatchStatusError(where, event.object as StatusLike), resourceVersion, progressed());
        resourceVersion = event.object.metadata?.resourceVersion || resourceVersion;
        this.seenVersion = resourceVersion;
        this.progressAt = Date.now();
        events = true;
        this.attemptProgressed = true;
        this.failure = undefined;
        if (event.type === 'BOOKMARK') continue;
        yield this.apply(event.type, event.object);
      }
      this.attemptProgressed = progressed();
      return { kind: 'ended', resourceVersion, progressed: this.attemptProgressed };
    } catch (err) {
      if (attempt.parentAborted) throw err;
      this.attemptProgressed = events;
      if (attempt.signal.aborted && attempt.signal.reason === stalled)
        return { kind: 'dropped', resourceVersion, progressed: false, error: stalled };
      return classify(err, resourceVersion, progressed());
    } finally {
      clearTimeout(deadline);
      attempt.release();
    }
  }

  private apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T): WatcherEvent<T> {
    const key = objectKey(object);
    const previous = this.known.get(key);
    if (type === 'DELETED') this.known.delete(key);
    else this.known.set(key, object);
    return previous ? { type, object, previous, synthetic: false } : { type, object, synthetic: false };
  }

  private selectors(): { labelSelector?: string; fieldSelector?: string; query?: Record<string, QueryValue> } {
    const { labelSelector, fieldSelector, query } = this.options;
    return { labelSelector, fieldSelector, query };
  }
}

/**
 * What a failed watch leads to, as client-go's reflector decides: 410 relists; a cut, stalled or unreadable stream
 * and server trouble resume from the last version; a refusal (401, 403, 404…) lists again from scratch.
 */
function classify(error: unknown, resourceVersion: string, progressed: boolean): WatchOutcome {
  if (isExpired(error)) return { kind: 'expired', error };
  if (error instanceof WatchDecodeError || isTransient(error))
    return { kind: 'dropped', resourceVersion, progressed, error };
  return { kind: 'failed', error };
}

/**
 * Without a handler, failures that mend themselves (a cut connection, an expired version, a server briefly in
 * trouble) pass quietly; a refusal, a fatal error, or the third failure in a row is printed as a process warning.
 */
export const defaultWatchErrorHandler: WatchErrorHandler = (error, context) => {
  const status = httpStatusOf(error);
  const refused = status !== undefined && status !== 410 && status !== 429 && status < 500;
  if (!refused && !context.fatal && context.failures < 3) return;
  const message = error instanceof Error ? error.message : String(error);
  process.emitWarning(
    context.fatal ? `${message} (the watcher stops)` : `${message} (retrying in ${Math.round(context.retryInMs)} ms)`,
    'WatchWarning',
  );
};

/** Lists then watches `path` for good (until `signal` aborts), resuming and relisting as needed. */
export function watchCollection<T extends ObjectWithMeta>(
  transport: Transport,
  path: string,
  options: WatcherOptions<T> = {},
): Watcher<T> {
  return new Watcher<T>(transport, path, options);
}
