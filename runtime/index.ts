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
  defaultWatchErrorHandler,
} from './watch/watcher.js';
export type {
  ObjectWithMeta,
  WatcherEvent,
  WatcherOptions,
  WatcherState,
  WatchOutcome,
  WatchErrorContext,
  WatchErrorHandler,
} from './watch/watcher.js';
export { listPages, listItems, listAll, ListExpiredError } from './watch/list.js';
export type { ListOptions, ListPage, Page } from './watch/list.js';
export { Informer, informer } from './watch/informer.js';
export type { InformerHandlers, InformerHealth, InformerOptions } from './watch/informer.js';
export { Store, reflect } from './watch/store.js';
export { Handlers } from './watch/handlers.js';
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
} from './channels/session.js';
export type { ChannelConnectOptions } from './channels/session.js';
export { exec, attach, execCapture, exitCodeOf, resize, connectPod } from './channels/exec.js';
export type { AttachOptions, ExecOptions, ExecResult } from './channels/exec.js';
export { portForward, forwardLocalPort } from './channels/port-forward.js';
export type { ForwardedPort, PortForwardSession, PortForwardOptions, LocalForward } from './channels/port-forward.js';
export { WatchStatusError } from './watch/status.js';
export type { Backoff, StatusLike } from './watch/status.js';
// Connecting: where a connection comes from and what the HTTP client needs of it.
export { noCredentials, describeOrigin } from './connection.js';
export type {
  ClusterConnection,
  ConnectionOrigin,
  Credentials,
  Impersonation,
  Pem,
  TlsSettings,
} from './connection.js';
export { ApiError, CallError, NotServedError } from './errors.js';
// The HTTP client: requests, errors, retries.
export { Client } from './http/client.js';
export { connect } from './connect.js';
export type { ClientDescription, ClientOptions } from './http/client.js';
export {
  NetworkError,
  TimeoutError,
  ClientClosedError,
  InvalidResponseError,
  ResponseTooLargeError,
  WatchStalledError,
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
export type { ApiErrorOf, CallSite, Status, StatusDetails } from './errors.js';
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
