// An informer's handlers: `add`, `update` and `delete` told of every change its watcher delivers, `error` of every
// failed list or watch. A handler that throws is reported and never stops the others, nor the cache.
import type { ObjectWithMeta, WatchErrorContext, WatcherEvent } from './watcher.js';

export interface InformerHandlers<T> {
  add?(object: T, initial: boolean): void;
  update?(previous: T, object: T): void;
  /** `object` is the last state seen; after a relist found it gone, that state may be stale (client-go's DeletedFinalStateUnknown). */
  delete?(object: T, finalStateUnknown: boolean): void;
  /** A list or watch failed; the informer retries it (unless `context.fatal`). */
  error?(error: unknown, context: WatchErrorContext): void;
}

export class Handlers<T extends ObjectWithMeta> {
  private readonly registered: InformerHandlers<T>[] = [];

  constructor(private readonly onThrow: (err: unknown) => void) {}

  /** Adds handlers; returns a function that removes them. */
  on(handlers: InformerHandlers<T>): () => void {
    this.registered.push(handlers);
    return () => {
      const i = this.registered.indexOf(handlers);
      if (i >= 0) this.registered.splice(i, 1);
    };
  }

  /** Tells every handler of a change; `initial` while the first list is being delivered. */
  change(event: Exclude<WatcherEvent<T>, { type: 'SYNCED' }>, initial: boolean): void {
    for (const h of this.registered) {
      this.call(() => {
        if (event.type === 'DELETED') h.delete?.(event.object, event.synthetic);
        else if (event.previous) h.update?.(event.previous, event.object);
        else h.add?.(event.object, initial);
      });
    }
  }

  /** Tells every `error` handler of a failure; false when there is none to tell. */
  error(error: unknown, context: WatchErrorContext): boolean {
    let told = false;
    for (const h of this.registered) {
      if (!h.error) continue;
      told = true;
      this.call(() => h.error!(error, context));
    }
    return told;
  }

  private call(handler: () => void): void {
    try {
      handler();
    } catch (err) {
      this.onThrow(err);
    }
  }
}
