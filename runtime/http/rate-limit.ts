// The client's own rate limit, as client-go's token bucket (QPS and burst): every attempt takes a token, waiting
// for one when the bucket is empty. Generous by default, so it only stops a runaway loop from flooding the server.
import { sleep } from '../signals.js';
import type { Interceptor } from './pipeline.js';

export interface RateLimitOptions {
  /** Tokens added per second (default 50). */
  qps?: number;
  /** Most tokens held, i.e. requests sent at once after a quiet spell (default 300). */
  burst?: number;
  /** Told whenever a request waits for a token. */
  onWait?: (event: RateLimitEvent) => void;
}

export interface RateLimitEvent {
  verb: string;
  method: string;
  path: string;
  /** How long the request waits before it goes out. */
  waitMs: number;
}

export const defaultRateLimit = { qps: 50, burst: 300 } as const;

/** A token bucket that hands out reservations: a request that finds it empty is told how long to wait. */
export class TokenBucket {
  private tokens: number;
  private at = performance.now();

  constructor(
    readonly qps: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes a token now or in the future; returns the wait in ms (0 when one was there). */
  reserve(): number {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.qps);
    this.at = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }

  /** Gives back a token reserved by a request that will not go out after all. */
  cancel(): void {
    this.tokens = Math.min(this.burst, this.tokens + 1);
  }
}

export function rateLimited(bucket: TokenBucket, onWait?: RateLimitOptions['onWait']): Interceptor {
  return (next) => async (exchange) => {
    const waitMs = bucket.reserve();
    if (waitMs > 0) {
      onWait?.({ verb: exchange.req.verb, method: exchange.req.method, path: exchange.req.path, waitMs });
      try {
        await sleep(waitMs, exchange.signal);
      } catch (err) {
        bucket.cancel();
        throw exchange.failure(err);
      }
    }
    return next(exchange);
  };
}
