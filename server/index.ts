// The spec-driven in-memory Kubernetes API server (`kubegen serve`, `startApiServer`).
export { startApiServer } from './start.js';
export type { ApiServer, ApiServerOptions, ApiServerCredentials, KubeconfigOptions } from './start.js';
export type { AuthOptions, RequestAttributes, UserInfo } from './auth.js';
export type { Fault, FaultMatch, FaultRule } from './faults.js';
export type { ConnectContext, ConnectHandler } from './http.js';
export type { Change, ChangeType, KubeObject, ObjectMeta } from './store.js';
export type { KeyPair } from './tls.js';
export { StatusError } from './status.js';
export type { StatusObject, StatusDetails, StatusCause } from './status.js';
