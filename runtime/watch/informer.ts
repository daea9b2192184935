// A local cache of one collection, kept current by a resumable watch (list, watch, relist on 410), with
// add/update/delete handlers and a `synced` promise, in the manner of client-go's shared informer. The
// cache holds the decoded objects themselves, keyed by namespace/name, and nothing else per object.
import { onAbort } from '../signals.js';
import {
  defaultWatchErrorHandler,
  objectKey,
  Watcher,
  type ObjectWithMeta,
  type WatchErrorContext,
  type WatcherEvent,
  type WatcherOptions,
} from './watcher.js';
import type { Transport } from '../types.js';

export interface InformerHandlers<T> {
  add?(object: T, initial: boolean): void;
  update?(previous: T, object: T): void;
  /** `object` is the last state seen; after a relist found it gone, that state may be stale (client-go's DeletedFinalStateUnknown). */
  delete?(object: T, finalStateUnknown: boolean): void;
  /** A list or watch failed; the informer retries it (unless `context.fatal`). */
  error?(error: unknown, context: WatchErrorContext): void;
}

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
  private readonly cache = new Map<string, T>();
  private readonly handlers: InformerHandlers<T>[] = [];
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
    this.synced = new Promise<void>((resolve, reject) => {
      this.markSynced = resolve;
      this.failSynced = reject;
    });
    this.synced.catch(() => undefined);
    if (options.signal) onAbort(options.signal, () => this.stop());
  }

  /** Adds handlers; returns a function that removes them. */
  on(handlers: InformerHandlers<T>): () => void {
    this.handlers.push(handlers);
    return () => {
      const i = this.handlers.indexOf(handlers);
      if (i >= 0) this.handlers.splice(i, 1);
    };
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
    const phase = w?.state.phase ?? 'listing';
    return {
      synced: this.hasSynced,
      lastSyncTime: w?.lastProgress,
      resourceVersion: w?.resourceVersion ?? '',
      error: this.fatalError ?? w?.lastError,
      failures: w?.failures ?? 0,
      phase,
    };
  }

  get(name: string, namespace?: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  list(namespace?: string): T[] {
    const all = [...this.cache.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata?.namespace === namespace);
  }

  keys(): string[] {
    return [...this.cache.keys()];
  }

  get size(): number {
    return this.cache.size;
  }

  private async run(): Promise<void> {
    const watcher = new Watcher<T>(this.transport, this.path, {
      ...this.options,
      known: this.cache,
      signal: this.abort.signal,
      onError: this.errorHandler(),
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
    if (event.type === 'SYNCED') {
      this.lastSyncedVersion = event.resourceVersion;
      if (!this.hasSynced) {
        this.hasSynced = true;
        this.markSynced();
      }
      return;
    }
    for (const h of this.handlers) {
      try {
        if (event.type === 'DELETED') h.delete?.(event.object, event.synthetic);
        else if (event.previous) h.update?.(event.previous, event.object);
        else h.add?.(event.object, !this.hasSynced);
      } catch (err) {
        // A failing handler must not stop the cache from following the server.
        this.reportHandlerError(err);
      }
    }
  }

  /** The watcher's error handler: the caller's `onError` and every `error` handler; the watcher's default when there is none. */
  private errorHandler(): WatcherOptions<T>['onError'] {
    const handlers = this.handlers;
    const own = this.options.onError;
    return (error, context) => {
      const listeners = handlers.filter((h) => h.error);
      if (!own && listeners.length === 0) return defaultWatchErrorHandler(error, context);
      own?.(error, context);
      for (const h of listeners) {
        try {
          h.error!(error, context);
        } catch (err) {
          this.reportHandlerError(err);
        }
      }
    };
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
