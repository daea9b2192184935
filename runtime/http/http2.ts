// HTTP/2 that multiplexes: undici's Pool opens a connection for each call made while the others are busy, and an
// HTTP/2 connection counts as busy from its first call, so concurrent calls get a session each. Here one undici
// Client holds the one session and every call goes through it. Should the server pick HTTP/1.1 instead, the calls
// after that go to an ordinary pool.
import type { TLSSocket } from 'node:tls';
import type { buildConnector, Client, Dispatcher } from 'undici';
import * as undici from './undici.js';

/** The one connection to an origin with HTTP/2 offered, and what the server picked once it connected. */
export class Http2Session {
  readonly client: Client;
  protocol: 'unknown' | 'h2' | 'http/1.1' = 'unknown';
  /** Calls made while the first one connects: they wait to learn the protocol rather than queue behind it. */
  private waiting: (() => void)[] | undefined;

  constructor(origin: string, options: Client.Options, connector: buildConnector.connector) {
    this.client = new undici.Client(origin, {
      ...options,
      allowH2: true,
      connect: (opts, callback) =>
        connector(opts, (err, socket) => {
          if (socket) this.protocol = (socket as TLSSocket).alpnProtocol === 'h2' ? 'h2' : 'http/1.1';
          callback(err, socket as never);
          this.release();
        }),
    });
    // Unset, undici takes the protocol's own limit: every stream the server allows on HTTP/2, one call at a time on
    // HTTP/1.1 (a watch then holds that one socket, but only until the first answer told which protocol it is).
    (this.client as unknown as { pipelining: number | null }).pipelining = null;
  }

  /** True when `retry` must wait: a first call is connecting and the protocol is not known yet. */
  hold(retry: () => void): boolean {
    if (this.protocol !== 'unknown') return false;
    if (!this.waiting) {
      this.waiting = [];
      return false;
    }
    this.waiting.push(retry);
    return true;
  }

  private release(): void {
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    queueMicrotask(() => {
      for (const retry of waiting) retry();
    });
  }
}

/**
 * A dispatcher for one origin: the shared session while it speaks HTTP/2 (or before anyone knows), else its own
 * HTTP/1.1 pool. Requests and long-running streams each have one, sharing the session.
 */
export class Http2Origin extends undici.Dispatcher {
  private fallback: Dispatcher | undefined;
  private ended = false;

  constructor(
    private readonly session: Http2Session,
    private readonly pool: () => Dispatcher,
  ) {
    super();
  }

  get destroyed(): boolean {
    return this.ended;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (this.session.hold(() => this.dispatch(options, handler))) return true;
    if (this.session.protocol !== 'http/1.1') return this.session.client.dispatch(options, handler);
    this.fallback ??= this.pool();
    return this.fallback.dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.ended = true;
    const done = Promise.all([this.session.client.close(), this.fallback?.close()]).then(() => undefined);
    if (!callback) return done;
    void done.then(callback, callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    this.ended = true;
    const err = typeof a === 'function' ? null : (a ?? null);
    const callback = typeof a === 'function' ? a : b;
    const done = Promise.all([this.session.client.destroy(err), this.fallback?.destroy(err)]).then(() => undefined);
    if (!callback) return done;
    void done.then(callback, callback);
  }
}
