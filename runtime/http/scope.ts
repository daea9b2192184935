// One call's cancellation: the caller's AbortSignal, the call's timeout and the client shutting down, merged into
// the one signal undici sees (a signal of our own, so a caller's signal shared by many calls carries one listener).
// Whatever undici throws after an abort, the caller gets the reason that applies: its own signal's reason, a
// TimeoutError naming the call, or ClientClosedError.
import { ClientClosedError, TimeoutError, type CallSite } from '../errors.js';
import { LinkedSignal } from '../signals.js';

/** How the client ended a call: `close()` ends long-running calls as their server would; `destroy()` fails them all. */
export type Shutdown = 'close' | 'destroy';

export class CallScope {
  private readonly link: LinkedSignal;
  private timedOut = false;
  private shutdown: Shutdown | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly started = Date.now();

  constructor(
    readonly site: CallSite,
    callerSignal: AbortSignal | undefined,
    private readonly timeoutMs: number | undefined,
    /** A watch or a followed stream: `close()` ends it rather than waiting for it. */
    readonly longRunning = false,
    private readonly onDone?: (scope: CallScope) => void,
  ) {
    this.link = new LinkedSignal(callerSignal);
    if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.link.abort(new TimeoutError(site, timeoutMs));
      }, timeoutMs);
    }
  }

  get signal(): AbortSignal {
    return this.link.signal;
  }

  get aborted(): boolean {
    return this.link.signal.aborted;
  }

  /** True when `close()` ended this long-running call: its consumer sees the stream end, as at a server's timeout. */
  get closedGracefully(): boolean {
    return this.shutdown === 'close';
  }

  /** What to throw once the call was aborted: the caller's reason, the timeout, or the client closing. */
  reason(): unknown {
    if (this.timedOut) return new TimeoutError(this.site, this.timeoutMs!);
    if (this.shutdown) return new ClientClosedError(this.site);
    return this.link.parent?.reason ?? this.link.signal.reason;
  }

  /** Milliseconds left before the timeout (Infinity without one). */
  remaining(): number {
    return this.timer === undefined ? Infinity : this.timeoutMs! - (Date.now() - this.started);
  }

  /** Ends the call because the client is shutting down. */
  end(how: Shutdown): void {
    this.shutdown ??= how;
    this.link.abort(new ClientClosedError(this.site));
  }

  /** Ends the call for a reason of the client's own (a watch stuck past its deadline): the caller gets `reason`. */
  abort(reason: Error): void {
    this.link.abort(reason);
  }

  /** The timeout no longer applies (a WebSocket session opened); the caller's signal still does. */
  stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  /** The call is over (answer read, stream ended): the timer and listener go. */
  done(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.link.release();
    this.onDone?.(this);
  }
}
