// A resumable watch, as an explicit state machine in the manner of client-go's reflector:
//   listing  → (listed at RV)         → watching from RV with bookmarks
//   watching → (dropped, timed out)   → watching again from the last RV seen (event or bookmark)
//   watching → (410 Expired)          → listing again, emitting what changed meanwhile as synthetic events
// Every event reaches the consumer once: resumptions start after the last RV delivered, and a relist is
// reconciled against the objects already delivered.
import { listAll, type ListOptions } from './list.js';
import { WatchDecodeError } from './stream-decode.js';
import { backoffDelay, isExpired, isTransient, sleep, WatchStatusError, type Backoff, type StatusLike } from './stream-status.js';
import type { QueryValue, Transport } from './types.js';

export { decodeWatch, WatchDecodeError } from './stream-decode.js';

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
  /** The server closed the stream normally (its timeout) or it was cut: resume from `resourceVersion`. */
  | { kind: 'ended'; resourceVersion: string; progressed: boolean }
  | { kind: 'dropped'; resourceVersion: string; progressed: boolean; error: unknown }
  /** 410: the version is older than the server keeps. */
  | { kind: 'expired' }
  /** A list attempt failed in a way worth retrying. */
  | { kind: 'failed'; error: unknown };

/** The state machine itself: pure, so each step can be tested alone. */
export function nextState(state: WatcherState, outcome: WatchOutcome): WatcherState {
  if (state.phase === 'stopped') return state;
  switch (outcome.kind) {
    case 'listed':
      return { phase: 'watching', resourceVersion: outcome.resourceVersion, failures: 0 };
    case 'ended':
    case 'dropped':
      return { phase: 'watching', resourceVersion: outcome.resourceVersion, failures: outcome.progressed ? 0 : state.failures + 1 };
    case 'expired':
      return state.phase === 'watching' ? { phase: 'listing', relist: true, failures: 0 } : { ...state, failures: state.failures + 1 };
    case 'failed':
      return { ...state, failures: state.failures + 1 };
  }
}

export interface WatcherOptions<T> extends Pick<ListOptions, 'labelSelector' | 'fieldSelector'> {
  /** Items per list page (default 500). */
  pageSize?: number;
  /** Stops the watcher: iteration ends quietly. */
  signal?: AbortSignal;
  /** `timeoutSeconds` of each watch request (default: random between 5 and 10 minutes, as client-go). */
  watchTimeoutSeconds?: number;
  backoff?: Backoff;
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

/** Lists then watches the collection at `path`, resuming and relisting as needed; iterate it once. */
export class Watcher<T extends ObjectWithMeta> implements AsyncIterable<WatcherEvent<T>> {
  readonly known: Map<string, T>;
  private current: WatcherState = { phase: 'listing', relist: false, failures: 0 };
  private started = false;

  constructor(private readonly transport: Transport, readonly path: string, private readonly options: WatcherOptions<T> = {}) {
    this.known = options.known ?? new Map();
  }

  get state(): WatcherState {
    return this.current;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatcherEvent<T>, void, undefined> {
    if (this.started) throw new Error(`watch GET ${this.path}: a Watcher can be iterated only once`);
    this.started = true;
    const signal = this.options.signal;
    try {
      while (this.current.phase !== 'stopped' && !signal?.aborted) {
        const state: WatcherState = this.current;
        await sleep(backoffDelay(state.failures, this.options.backoff), signal);
        const outcome = state.phase === 'listing' ? yield* this.list(state.relist) : yield* this.watch(state.resourceVersion);
        this.move(nextState(this.current, outcome), outcome);
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

  private async *list(relist: boolean): AsyncGenerator<WatcherEvent<T>, WatchOutcome, undefined> {
    let listed: { items: T[]; resourceVersion: string };
    try {
      listed = await listAll<T>(this.transport, this.path, { ...this.selectors(), limit: this.options.pageSize ?? 500, onExpired: 'restart', signal: this.options.signal });
    } catch (err) {
      if (this.options.signal?.aborted || !(isTransient(err) || isExpired(err))) throw err;
      return { kind: 'failed', error: err };
    }
    yield* this.reconcile(listed.items, relist);
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
      yield previous ? { type: 'MODIFIED', object, previous, synthetic: relist } : { type: 'ADDED', object, synthetic: relist };
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
    let resourceVersion = from;
    let progressed = false;
    const query: Record<string, QueryValue> = { ...this.selectors().query, watch: true, resourceVersion, allowWatchBookmarks: true };
    query.timeoutSeconds = this.options.watchTimeoutSeconds ?? Math.floor(300 * (1 + Math.random()));
    if (this.options.labelSelector) query.labelSelector = this.options.labelSelector;
    if (this.options.fieldSelector) query.fieldSelector = this.options.fieldSelector;
    try {
      for await (const event of this.transport.watch<T>({ verb: 'watch', method: 'GET', path: this.path, query, signal: this.options.signal })) {
        if (event.type === 'ERROR') {
          const err = new WatchStatusError(where, event.object as StatusLike);
          if (err.status === 410) return { kind: 'expired' };
          if (isTransient(err)) return { kind: 'dropped', resourceVersion, progressed, error: err };
          throw err;
        }
        resourceVersion = event.object.metadata?.resourceVersion || resourceVersion;
        progressed = true;
        if (event.type === 'BOOKMARK') continue;
        yield this.apply(event.type, event.object);
      }
      return { kind: 'ended', resourceVersion, progressed };
    } catch (err) {
      if (this.options.signal?.aborted) throw err;
      if (isExpired(err)) return { kind: 'expired' };
      if (err instanceof WatchDecodeError || isTransient(err)) return { kind: 'dropped', resourceVersion, progressed, error: err };
      throw err;
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

/** Lists then watches `path` for good (until `signal` aborts), resuming and relisting as needed. */
export function watchCollection<T extends ObjectWithMeta>(transport: Transport, path: string, options: WatcherOptions<T> = {}): Watcher<T> {
  return new Watcher<T>(transport, path, options);
}
