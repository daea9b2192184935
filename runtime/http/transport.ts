// The innermost send of the pipeline: one HTTP exchange on an undici dispatcher. A 2xx answer of a streaming call
// comes back as its body stream; every other answer comes back with its body read whole (within the client's
// limit), so that reading it is part of the attempt — a body cut short is a failed attempt like a refused connection.
import type { Dispatcher } from 'undici';
import { ResponseTooLargeError } from '../errors.js';
import { bodyStream, OverLimit, readBody } from './body.js';
import type { Answer, Exchange, Send } from './pipeline.js';
import { requestTarget, type ServerAddress } from './url.js';

export interface TransportSettings {
  address: ServerAddress;
  /** The dispatcher for exchanges that name none. */
  dispatcher: (exchange: Exchange) => Dispatcher;
  maxResponseBytes: number;
}

export function transport(settings: TransportSettings): Send {
  const { address } = settings;
  return async (exchange) => {
    const { req } = exchange;
    const dispatcher = exchange.dispatcher ?? settings.dispatcher(exchange);
    let res: Dispatcher.ResponseData;
    try {
      res = await dispatcher.request({
        origin: address.origin,
        path: requestTarget(address.prefix, req.path, req.query),
        method: req.method,
        headers: exchange.headers,
        body: exchange.body,
        signal: exchange.signal,
        // Lets HTTP/2 multiplex writes too; nothing here relies on undici repeating a request.
        idempotent: true,
      });
    } catch (err) {
      throw exchange.failure(err);
    }
    const answer: Answer = { status: res.statusCode, headers: res.headers };
    try {
      if (exchange.mode === 'stream' && res.statusCode < 300) answer.stream = bodyStream(res);
      else if (res.statusCode === 204 || req.method === 'HEAD') await res.body.dump();
      else answer.bytes = await readBody(res, settings.maxResponseBytes);
    } catch (err) {
      if (err instanceof OverLimit) throw new ResponseTooLargeError(exchange.site, err.limitBytes);
      throw exchange.failure(err);
    }
    return answer;
  };
}
