// Listening to a caller's AbortSignal without piling listeners onto it: however many calls, watches and waits share
// one signal, it carries a single listener of ours (Node warns past ten), which fans the abort out to each of them.
type Listener = (reason: unknown) => void;

const fanouts = new WeakMap<AbortSignal, Set<Listener>>();

/** Calls `listener` once when `signal` aborts; returns what stops listening. */
export function onAbort(signal: AbortSignal, listener: Listener): () => void {
  let listeners = fanouts.get(signal);
  if (!listeners) {
    const set = new Set<Listener>();
    const fire = () => {
      fanouts.delete(signal);
      for (const l of set) l(signal.reason);
    };
    fanouts.set(signal, set);
    signal.addEventListener('abort', fire, { once: true });
    listeners = set;
  }
  listeners.add(listener);
  const set = listeners;
  return () => void set.delete(listener);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stop = signal
      ? onAbort(signal, (reason) => {
          clearTimeout(timer);
          reject(reason);
        })
      : undefined;
    const timer = setTimeout(() => {
      stop?.();
      resolve();
    }, ms);
  });
}

/**
 * A signal of our own that follows the caller's and may also be aborted for reasons of our own (a timeout, a
 * deadline, a client closing). `release()` detaches it from the caller's signal once the work is over.
 */
export class LinkedSignal {
  private readonly controller = new AbortController();
  private readonly detach: (() => void) | undefined;

  constructor(readonly parent?: AbortSignal) {
    if (parent?.aborted) this.controller.abort(parent.reason);
    else if (parent) this.detach = onAbort(parent, (reason) => this.controller.abort(reason));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the caller's own signal aborted (not merely ours). */
  get parentAborted(): boolean {
    return this.parent?.aborted === true;
  }

  abort(reason: unknown): void {
    this.controller.abort(reason);
  }

  release(): void {
    this.detach?.();
  }
}
