// An informer, in the manner of client-go's shared informer: a watcher (list, watch, relist on 410) keeps a store
// current, and handlers are told of each change and each failure. Each part works alone: the Watcher, the Store,
// the Handlers; this is the usual assembly, with a `synced` promise and health for probes.
import { onAbort } from '../signals.js';
import type { Transport } from '../types.js';
import { Handlers, type InformerHandlers } from './handlers.js';
import { Store } from './store.js';
import {
  defaultWatchErrorHandler,
  objectKey,
  Watcher,
  type ObjectWithMeta,
  type WatcherEvent,
  type WatcherOptions,
} from './watcher.js';

export type { InformerHandlers } from './handlers.js';

export type InformerOptions<T> = Omit<WatcherOptions<T>, 'known'> & {
  /** Told when a handler throws (default: a process warning); the informer carries on. */
  onHandlerError?: (err: unknown) => void;
};

/** What a readiness or liveness probe needs to know of an informer. */
export interface InformerHealth {
  /** The first list is in the cache. */
  synced: boolean;
  /** When the cache last confirmed it follows the server: a list, a watch event or bookmark, a watch that ended normally. */
  lastSyncTime: Date | undefined;
  /** The resourceVersion the cache reflects. */
  resourceVersion: string;
  /** The error of the latest list or watch, until one succeeds again. */
  error: unknown;
  /** Failures in a row so far. */
  failures: number;
  /** `listing`, `watching`, or `stopped`. */
  phase: 'listing' | 'watching' | 'stopped';
}

export class Informer<T extends ObjectWithMeta> {
  /** The cache: what `get`, `list`, `keys` and `size` read, kept current by the watcher. */
  readonly store = new Store<T>();
  private readonly handlers: Handlers<T>;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private markSynced!: () => void;
  private failSynced!: (err: unknown) => void;
  private hasSynced = false;
  private lastSyncedVersion = '';
  private watcher: Watcher<T> | undefined;
  private fatalError: unknown;
  /** Resolves once the first list is in the cache; rejects if the informer fails or stops before that. */
  readonly synced: Promise<void>;

  constructor(
    private readonly transport: Transport,
    readonly path: string,
    private readonly options: InformerOptions<T> = {},
  ) {
    this.handlers = new Handlers<T>((err) => this.reportHandlerError(err));
    this.synced = new Promise<void>((resolve, reject) => {
      this.markSynced = resolve;
      this.failSynced = reject;
    });
    this.synced.catch(() => undefined);
    if (options.signal) onAbort(options.signal, () => this.stop());
  }

  /** Adds handlers; returns a function that removes them. */
  on(handlers: InformerHandlers<T>): () => void {
    return this.handlers.on(handlers);
  }

  /** Starts listing and watching; resolves when the informer stops, rejects when it fails for good. */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  stop(): void {
    this.abort.abort(new Error(`informer for ${this.path} stopped`));
  }

  get hasSyncedOnce(): boolean {
    return this.hasSynced;
  }

  /** The resourceVersion of the latest list the cache was brought to. */
  get syncedResourceVersion(): string {
    return this.lastSyncedVersion;
  }

  health(): InformerHealth {
    const w = this.watcher;
    return {
      synced: this.hasSynced,
      lastSyncTime: w?.lastProgress,
      resourceVersion: w?.resourceVersion ?? '',
      error: this.fatalError ?? w?.lastError,
      failures: w?.failures ?? 0,
      phase: w?.state.phase ?? 'listing',
    };
  }

  get(name: string, namespace?: string): T | undefined {
    return this.store.get(name, namespace);
  }

  list(namespace?: string): T[] {
    return this.store.list(namespace);
  }

  keys(): string[] {
    return this.store.keys();
  }

  get size(): number {
    return this.store.size;
  }

  private async run(): Promise<void> {
    // The watcher keeps the store's map itself: it needs what it delivered to reconcile a relist.
    const watcher = new Watcher<T>(this.transport, this.path, {
      ...this.options,
      known: this.store.objects,
      signal: this.abort.signal,
      onError: (error, context) => {
        const own = this.options.onError;
        own?.(error, context);
        if (!this.handlers.error(error, context) && !own) defaultWatchErrorHandler(error, context);
      },
    });
    this.watcher = watcher;
    try {
      for await (const event of watcher) this.dispatch(event);
    } catch (err) {
      this.fatalError = err;
      this.failSynced(err);
      throw err;
    }
    this.failSynced(new Error(`informer for ${this.path} stopped before it synced`));
  }

  private dispatch(event: WatcherEvent<T>): void {
    if (event.type !== 'SYNCED') {
      this.handlers.change(event, !this.hasSynced);
      return;
    }
    this.lastSyncedVersion = event.resourceVersion;
    if (!this.hasSynced) {
      this.hasSynced = true;
      this.markSynced();
    }
  }

  private reportHandlerError(err: unknown): void {
    if (this.options.onHandlerError) this.options.onHandlerError(err);
    else
      process.emitWarning(
        `informer for ${this.path}: a handler threw: ${err instanceof Error ? err.message : String(err)}`,
      );
  }
}

/** Creates and starts an informer for the collection at `path`. */
export function informer<T extends ObjectWithMeta>(
  transport: Transport,
  path: string,
  options: InformerOptions<T> = {},
): Informer<T> {
  const inf = new Informer<T>(transport, path, options);
  void inf.start().catch(() => undefined);
  return inf;
}

export { objectKey };
