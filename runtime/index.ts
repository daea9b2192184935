// @kubegen/runtime: the transport generated clients run on.
export * from './types.js';
// Collections and streams: lists, watches, informers, logs, exec/attach/port-forward.
export {
  decodeWatch,
  WatchDecodeError,
  Watcher,
  watchCollection,
  nextState,
  objectKey,
  WatchStalledError,
  defaultWatchErrorHandler,
} from './watch.js';
export type {
  ObjectWithMeta,
  WatcherEvent,
  WatcherOptions,
  WatcherState,
  WatchOutcome,
  WatchErrorContext,
  WatchErrorHandler,
} from './watch.js';
export { listPages, listItems, listAll, ListExpiredError } from './list.js';
export type { ListOptions, ListPage, Page } from './list.js';
export { Informer, informer } from './informer.js';
export type { InformerHandlers, InformerHealth, InformerOptions } from './informer.js';
export { podLogs, podLogLines, podLogRequest, lines } from './logs.js';
export type { PodLogOptions } from './logs.js';
export {
  openChannelSession,
  ChannelHandshakeError,
  channelProtocols,
  channelProtocolV4,
  channelProtocolV5,
  stdinChannel,
  stdoutChannel,
  stderrChannel,
  errorChannel,
  resizeChannel,
} from './channels.js';
export type { ChannelConnectOptions } from './channels.js';
export { exec, attach, execCapture, exitCodeOf, resize, connectPod } from './stream-exec.js';
export type { AttachOptions, ExecOptions, ExecResult } from './stream-exec.js';
export { portForward, forwardLocalPort } from './stream-portforward.js';
export type { ForwardedPort, PortForwardSession, PortForwardOptions, LocalForward } from './stream-portforward.js';
export { WatchStatusError } from './stream-status.js';
export type { Backoff, StatusLike } from './stream-status.js';
// Connecting: where a connection comes from and what the HTTP client needs of it.
export { noCredentials } from './connection.js';
export type {
  ClusterConnection,
  ConnectionOrigin,
  Credentials,
  Impersonation,
  Pem,
  TlsSettings,
} from './connection.js';
export { ApiError } from './errors.js';
// The HTTP client: requests, errors, retries.
export { Client, connect } from './client.js';
export type { ClientDescription, ClientOptions } from './client.js';
export {
  NetworkError,
  TimeoutError,
  ClientClosedError,
  InvalidResponseError,
  ResponseTooLargeError,
  isClientClosed,
  ConfigError,
  ExecPluginError,
  redact,
  reasonForStatus,
  isNotFound,
  isConflict,
  isAlreadyExists,
  isGone,
  isExpired,
  isForbidden,
  isUnauthorized,
  isTooManyRequests,
  isInvalid,
  isBadRequest,
  isMethodNotSupported,
  isServerTimeout,
  isInternalError,
  isServiceUnavailable,
  isNetworkError,
} from './errors.js';
export type { CallSite, Status, StatusDetails } from './errors.js';
export { isSafeToRepeat, isRetryableStatus, parseRetryAfter } from './http/retry.js';
export type { RetryEvent, RetryOptions } from './http/retry.js';
export { TokenBucket } from './http/rate-limit.js';
export type { RateLimitEvent, RateLimitOptions } from './http/rate-limit.js';
export { compose } from './http/pipeline.js';
export type { Answer, Exchange, Interceptor, Send } from './http/pipeline.js';
export { parseWarnings, logOnce } from './http/warnings.js';
export type { WarningHandler } from './http/warnings.js';
export { runtimeVersion, defaultUserAgent } from './version.js';
export * from './config/index.js';
