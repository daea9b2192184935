// Pod logs (`pods/log`) as a stream of bytes, and as lines: follow, container, tailLines, sinceSeconds,
// sinceTime, timestamps, previous, limitBytes — the parameters `kubectl logs` sends.
import type { CallOptions, QueryValue, Transport } from './types.js';

export interface PodLogOptions extends CallOptions {
  /** Which container; required by the server when the pod has more than one. */
  container?: string;
  /** Keep the stream open and send new lines as the container writes them. */
  follow?: boolean;
  /** Only the last N lines. */
  tailLines?: number;
  /** Only lines written in the last N seconds (exclusive with `sinceTime`). */
  sinceSeconds?: number;
  /** Only lines written at or after this RFC 3339 time. */
  sinceTime?: string | Date;
  /** Prefix every line with its RFC 3339 timestamp. */
  timestamps?: boolean;
  /** The previous, terminated instance of the container. */
  previous?: boolean;
  /** Stop after this many bytes. */
  limitBytes?: number;
  /** Serve logs even when the kubelet's certificate cannot be verified. */
  insecureSkipTLSVerifyBackend?: boolean;
}

/** The request `podLogs` makes, for transports and tests that want to see it. */
export function podLogRequest(namespace: string, name: string, options: PodLogOptions = {}) {
  const query: Record<string, QueryValue> = {};
  if (options.container) query.container = options.container;
  if (options.follow) query.follow = true;
  if (options.tailLines !== undefined) query.tailLines = options.tailLines;
  if (options.sinceSeconds !== undefined) query.sinceSeconds = options.sinceSeconds;
  if (options.sinceTime !== undefined)
    query.sinceTime =
      options.sinceTime instanceof Date ? options.sinceTime.toISOString().replace(/\.\d+Z$/, 'Z') : options.sinceTime;
  if (options.timestamps) query.timestamps = true;
  if (options.previous) query.previous = true;
  if (options.limitBytes !== undefined) query.limitBytes = options.limitBytes;
  if (options.insecureSkipTLSVerifyBackend) query.insecureSkipTLSVerifyBackend = true;
  return {
    verb: 'get',
    method: 'GET' as const,
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log`,
    query,
    accept: 'text/plain, */*',
    signal: options.signal,
    // A followed log has no natural end: only a caller's own timeout applies.
    timeoutMs: options.timeoutMs,
  };
}

/** A pod's log as raw chunks, as the server sends them; with `follow`, open until the container stops or `signal` aborts. */
export function podLogs(
  transport: Transport,
  namespace: string,
  name: string,
  options: PodLogOptions = {},
): Promise<AsyncIterable<Uint8Array>> {
  if (options.sinceSeconds !== undefined && options.sinceTime !== undefined) {
    return Promise.reject(
      new Error(`get pods/log ${namespace}/${name}: sinceSeconds and sinceTime cannot both be set`),
    );
  }
  return transport.stream(podLogRequest(namespace, name, options));
}

/** Splits a byte stream into lines (without their `\n`), decoding UTF-8 across chunk boundaries. */
export async function* lines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of chunks) {
    const text = pending + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield text.slice(start, nl);
      start = nl + 1;
    }
    pending = text.slice(start);
  }
  pending += decoder.decode();
  if (pending !== '') yield pending;
}

/** A pod's log line by line. */
export async function* podLogLines(
  transport: Transport,
  namespace: string,
  name: string,
  options: PodLogOptions = {},
): AsyncGenerator<string, void, undefined> {
  yield* lines(await podLogs(transport, namespace, name, options));
}
