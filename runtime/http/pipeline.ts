// The request pipeline: one function that sends a request and reads its answer, and around it the interceptors
// that add behaviour — retries, the client's rate limit, credentials, warnings, and any of the caller's own — each
// a function from the next send to a send, composed as undici's `Dispatcher.compose` composes its interceptors.
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { CallSite } from '../errors.js';
import type { ApiRequest } from '../types.js';

/** One call on its way through the pipeline; interceptors may change `headers` and `dispatcher` for the next attempt. */
export interface Exchange {
  readonly req: ApiRequest;
  /** Names the call in errors and events: verb, method and path. */
  readonly site: CallSite;
  /** The request headers; an interceptor adds its own (credentials, tracing) before calling the next send. */
  headers: Record<string, string | string[]>;
  /** The request body as it goes on the wire. */
  readonly body: string | Uint8Array | undefined;
  /** Aborts the call: the caller's signal, its timeout, the client shutting down. */
  readonly signal: AbortSignal;
  /** `whole`: a 2xx answer is read whole (JSON calls); `stream`: it is handed over as it arrives (watches, logs). */
  readonly mode: 'whole' | 'stream';
  /** The dispatcher that sends this attempt (the credentials interceptor picks one per client certificate). */
  dispatcher?: Dispatcher;
  /** Milliseconds left before the call's timeout (Infinity without one). */
  timeLeft(): number;
  /** What to throw for `err` caught while sending: the abort's reason once aborted, else a NetworkError naming the call. */
  failure(err: unknown): unknown;
}

/** An answer of any status. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body read whole and decompressed: every answer that is not 2xx, and 2xx answers of whole-body calls. */
  bytes?: Buffer;
  /** The body as it arrives, decompressed (2xx answers of streaming calls); destroying it releases the socket. */
  stream?: Readable;
}

/** Sends one exchange; resolves with the answer whatever its status, rejects when there is none. */
export type Send = (exchange: Exchange) => Promise<Answer>;

/** Wraps a send with behaviour of its own: `(next) => async (exchange) => { …; const answer = await next(exchange); … }`. */
export type Interceptor = (next: Send) => Send;

/** `send` wrapped by each interceptor in turn, as `Dispatcher.compose` does: the last one given is the outermost. */
export function compose(send: Send, interceptors: readonly Interceptor[]): Send {
  let composed = send;
  for (const interceptor of interceptors) composed = interceptor(composed);
  return composed;
}

/** A header's first value. */
export function headerValue(headers: Answer['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
