// One call's cancellation: the caller's AbortSignal and its timeout, merged into the one signal undici sees.
// When neither is given nothing is allocated. Whatever undici throws after an abort, the caller gets the
// reason it asked for: its own signal's reason, or a TimeoutError naming the call.
import { TimeoutError, type CallSite } from '../errors.js';

export class CallScope {
  readonly signal: AbortSignal | undefined;
  private timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly site: CallSite,
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeoutMs: number | undefined,
  ) {
    if (timeoutMs === undefined || timeoutMs <= 0 || !Number.isFinite(timeoutMs)) {
      this.signal = callerSignal;
      return;
    }
    const controller = new AbortController();
    this.signal = controller.signal;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      controller.abort(new TimeoutError(site, timeoutMs));
    }, timeoutMs);
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    else if (callerSignal) {
      this.onAbort = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  get aborted(): boolean {
    return this.signal?.aborted === true;
  }

  /** What to throw once the call was aborted: the caller's reason, or the timeout. */
  reason(): unknown {
    if (this.timedOut) return new TimeoutError(this.site, this.timeoutMs!);
    return this.callerSignal?.reason ?? this.signal?.reason;
  }

  /** Milliseconds left before the timeout (Infinity without one). */
  remaining(started: number): number {
    return this.timer === undefined ? Infinity : this.timeoutMs! - (Date.now() - started);
  }

  /** The timeout no longer applies (a WebSocket session opened); the caller's signal still does. */
  stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  /** The call is over (answer read, stream ended): the timer and listener go. */
  done(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.onAbort) this.callerSignal!.removeEventListener('abort', this.onAbort);
  }
}
