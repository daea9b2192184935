// The spec-driven in-memory Kubernetes API server (`kubegen serve`, `startApiServer`).
export { startApiServer } from './start.js';
export type { ApiServer, ApiServerOptions, ApiServerCredentials, KubeconfigOptions } from './start.js';
export type { AuthOptions, RequestAttributes, UserInfo } from './auth/authenticate.js';
export type { Fault, FaultMatch, FaultRule } from './http/faults.js';
export type { ConnectContext, ConnectHandler } from './http/handler.js';
export type { Change, ChangeType, KubeObject, ObjectMeta } from './storage/store.js';
export type { KeyPair } from './auth/tls.js';
export { StatusError } from './http/status.js';
export type { StatusObject, StatusDetails, StatusCause } from './http/status.js';
