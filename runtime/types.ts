// The contract between generated clients and the runtime: generated code depends on these types only.

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** One call to the API server, as a generated client describes it. */
export interface ApiRequest {
  /** The Kubernetes verb (`get`, `list`, `create`, `patch`, `watch`, `connect`…): decides retry safety and names the call in errors. */
  verb: string;
  method: HttpMethod;
  /** Path with parameters already substituted and escaped: `/apis/apps/v1/namespaces/default/deployments/web`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Serialized as JSON unless it is a string or bytes. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  /** Per-call timeout in milliseconds. */
  timeoutMs?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/**
 * One event of a watch: an object of the watched kind, or with ERROR the Status that ends the watch (`S`; a generated
 * client names its Status type, the runtime alone knows nothing of its shape).
 */
export type WatchEvent<T, S = unknown> =
  | { type: Exclude<WatchEventType, 'ERROR'>; object: T }
  | { type: 'ERROR'; object: S };

/** What every call accepts besides its own parameters. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const patchContentTypes: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** An RFC 6902 JSON patch operation. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** A bidirectional channel session (exec, attach, port-forward) over WebSocket. */
export interface ChannelSession {
  /** The negotiated subprotocol, e.g. `v5.channel.k8s.io`. */
  readonly protocol: string;
  /** Data arriving on a channel (1 stdout, 2 stderr, 3 error…). */
  output(channel: number): AsyncIterable<Uint8Array>;
  write(channel: number, data: Uint8Array | string): void;
  /** Closes one channel (v5) or the whole session. */
  close(channel?: number): void;
  /** Resolves with the final Status sent on the error channel, if any. */
  readonly done: Promise<unknown>;
}

/**
 * What generated clients call. The runtime's `Client` implements it; tests may provide their own.
 */
export interface Transport {
  /** The namespace to use when a namespaced call names none (the kubeconfig context's, or `default`). */
  readonly namespace: string;
  /** A JSON request; resolves to the decoded body, rejects with `ApiError` on a non-2xx answer. */
  request<T>(req: ApiRequest): Promise<T>;
  /** A text or binary body as a stream of chunks (pod logs, proxy). */
  stream(req: ApiRequest): Promise<AsyncIterable<Uint8Array>>;
  /** A watch: events decoded as they arrive; ends when the server closes the stream. */
  watch<T>(req: ApiRequest): AsyncIterable<WatchEvent<T>>;
  /** exec / attach / portforward over WebSocket; a refused upgrade rejects with the server's `ApiError` when a plain request gets one (404 for a missing pod). */
  connect(req: ApiRequest & { protocols?: string[] }): Promise<ChannelSession>;
}
