// Connecting: kubeconfig files, in-cluster service accounts, explicit options and kubectl proxy URLs, each
// turned into the ClusterConnection the HTTP client consumes.
export { KubeConfigError, ExecCredentialError } from '../errors.js';
export type { ErrorWhere } from '../errors.js';
export type {
  ExecConfig,
  ExecInteractiveMode,
  KubeCluster,
  KubeConfig,
  KubeContext,
  KubeUser,
} from './kubeconfig-types.js';
export { parseKubeConfig } from './kubeconfig-file.js';
export { kubeconfigPaths, readKubeConfig, mergeInto } from './kubeconfig-files.js';
export type { Env, KubeConfigFilesOptions } from './kubeconfig-files.js';
export { loadKubeConfig, selectContext, connectionFromKubeConfig } from './kubeconfig.js';
export type { KubeConfigOptions, SelectedContext } from './kubeconfig.js';
export { inClusterAvailable, inClusterConnection, serviceAccountDir } from './in-cluster.js';
export type { InClusterOptions } from './in-cluster.js';
export { explicitConnection, kubectlProxyConnection } from './explicit.js';
export type { ExplicitConnectionOptions } from './explicit.js';
export { resolveConnection } from './resolve.js';
export type { ResolveOptions } from './resolve.js';
export { tokenCredentials, tokenFileCredentials } from '../auth/token.js';
export type { TokenFileOptions } from '../auth/token.js';
export { basicCredentials } from '../auth/basic.js';
export { clientCertificateCredentials } from '../auth/client-certificate.js';
export { execCredentials } from '../auth/exec.js';
export type { ExecClusterInfo, ExecCredentialsOptions } from '../auth/exec.js';
export { parseExecCredential, execApiVersions } from '../auth/exec-credential.js';
export type { ExecCredentialResult } from '../auth/exec-credential.js';
