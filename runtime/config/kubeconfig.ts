// kubeconfig → ClusterConnection, as kubectl reads it: the chosen (or current) context, its cluster and user,
// the context's namespace as the default one.
import type { ClusterConnection, Credentials, Impersonation, TlsSettings } from '../connection.js';
import { noCredentials } from '../connection.js';
import { basicCredentials } from '../auth/basic.js';
import { clientCertificateCredentials } from '../auth/client-certificate.js';
import { execCredentials, type ExecClusterInfo } from '../auth/exec.js';
import { tokenCredentials, tokenFileCredentials } from '../auth/token.js';
import { withSecrets } from '../auth/secrets.js';
import { KubeConfigError } from '../errors.js';
import { kubeconfigPaths, readKubeConfig, type KubeConfigFilesOptions } from './kubeconfig-files.js';
import type { KubeCluster, KubeConfig, KubeContext, KubeUser } from './kubeconfig-types.js';
import { pemFrom, type Where } from './pem.js';
import { checkProxyUrl, checkServer } from './urls.js';
import { clusterProblems, userProblems } from './validate.js';

export interface KubeConfigOptions extends KubeConfigFilesOptions {
  /** Like `kubectl --context`: instead of current-context. */
  context?: string;
  /** Like `--cluster` / `--user`: override the context's. */
  cluster?: string;
  user?: string;
  /** Like `--namespace`: instead of the context's. */
  namespace?: string;
  /** Whether standard input is a terminal, for exec plugins' interactiveMode (default: `process.stdin.isTTY`). */
  stdinIsTTY?: boolean;
}

/** The entries one context selects (what `kubectl config view --minify` shows). */
export interface SelectedContext {
  config: KubeConfig;
  context: KubeContext;
  cluster: KubeCluster;
  /** An empty user (no credentials) when the context names none, or one no file defines — kubectl goes on anonymously. */
  user: KubeUser;
  namespace: string;
}

export function selectContext(config: KubeConfig, options: KubeConfigOptions = {}): SelectedContext {
  const files = config.files.length ? config.files.join(', ') : 'no kubeconfig file';
  const name = options.context || config.currentContext;
  if (!name) {
    if (!config.files.length)
      throw new KubeConfigError(
        `no kubeconfig found (looked for ${kubeconfigPaths(options).paths.join(', ') || 'KUBECONFIG and HOME, both unset'})`,
      );
    throw new KubeConfigError(`no context chosen and no current-context set in ${files}`);
  }
  const context = config.contexts.get(name);
  if (!context) throw new KubeConfigError(`context "${name}" is not defined in ${files}`);
  const where = { file: context.file, entry: `context "${name}"` };
  const clusterName = options.cluster || context.cluster;
  if (!clusterName) throw new KubeConfigError('names no cluster', where);
  const cluster = config.clusters.get(clusterName);
  if (!cluster) throw new KubeConfigError(`cluster "${clusterName}" is not defined in ${files}`, where);
  const userName = options.user || context.user;
  const user = config.users.get(userName) ?? { name: userName, file: context.file };
  return { config, context, cluster, user, namespace: options.namespace || context.namespace || 'default' };
}

/** Reads the kubeconfig files and builds the connection the chosen context describes. */
export async function loadKubeConfig(options: KubeConfigOptions = {}): Promise<ClusterConnection> {
  return connectionFromKubeConfig(selectContext(await readKubeConfig(options), options), options);
}

export async function connectionFromKubeConfig(
  selected: SelectedContext,
  options: KubeConfigOptions = {},
): Promise<ClusterConnection> {
  const { cluster, user } = selected;
  const clusterWhere = { file: cluster.file, entry: `cluster "${cluster.name}"` };
  const userWhere = { file: user.file, entry: `user "${user.name}"` };
  if (!cluster.server) throw new KubeConfigError('has no server', clusterWhere);
  refuse(clusterProblems(cluster), clusterWhere);
  refuse(userProblems(user), userWhere);
  // A server without a scheme is http for kubectl: client-go merges a cluster's TLS settings only into a config
  // whose server is already https, so they cannot make it https.
  const server = checkServer(cluster.server, clusterWhere, 'server', false);
  const tls: TlsSettings = {};
  const ca = await pemFrom(
    'certificate-authority',
    cluster.certificateAuthorityData,
    cluster.certificateAuthority,
    clusterWhere,
  );
  if (ca !== undefined) tls.ca = ca;
  if (cluster.insecureSkipTlsVerify) tls.insecureSkipTlsVerify = true;
  if (cluster.tlsServerName) tls.serverName = cluster.tlsServerName;
  const connection: ClusterConnection = {
    server,
    namespace: selected.namespace,
    tls,
    credentials: noCredentials,
    origin: {
      kind: 'kubeconfig',
      files: selected.config.files,
      context: selected.context.name,
      cluster: cluster.name,
      user: user.name,
    },
  };
  if (cluster.proxyUrl) connection.proxyUrl = checkProxyUrl(cluster.proxyUrl, clusterWhere);
  if (cluster.disableCompression) connection.disableCompression = true;
  const impersonate = impersonation(user);
  if (impersonate) connection.impersonate = impersonate;
  // kubectl applies a user's credentials only over TLS: to a plain-HTTP server it sends none (impersonation
  // headers still go), so a token in a kubeconfig never travels in clear text.
  if (new URL(server).protocol === 'http:') return connection;
  const cert = await pemFrom('client-certificate', user.clientCertificateData, user.clientCertificate, userWhere);
  const key = await pemFrom('client-key', user.clientKeyData, user.clientKey, userWhere);
  if ((cert === undefined) !== (key === undefined))
    throw new KubeConfigError(
      cert === undefined ? 'has a client-key but no client-certificate' : 'has a client-certificate but no client-key',
      userWhere,
    );
  if (cert !== undefined && key !== undefined) Object.assign(tls, { cert, key });
  connection.credentials = userCredentials(user, userWhere, key, execClusterInfo(cluster, server, ca), options);
  return connection;
}

/** Fails with what kubectl would refuse in this entry, all of it on one line. */
function refuse(problems: string[], where: Where): void {
  if (problems.length) throw new KubeConfigError(problems.join('; '), where);
}

function userCredentials(
  user: KubeUser,
  where: Where,
  key: string | undefined,
  cluster: ExecClusterInfo,
  options: KubeConfigOptions,
): Credentials {
  if (user.authProvider)
    throw new KubeConfigError(
      `auth-provider "${user.authProvider.name}" is not supported; use an exec credential plugin (users[].user.exec) instead`,
      where,
    );
  const hasBasic = user.username !== undefined || user.password !== undefined;
  let credentials: Credentials;
  // As in client-go, a token or password already in the request wins over an exec plugin.
  if (user.tokenFile) credentials = tokenFileCredentials(user.tokenFile, { fallback: user.token, entry: where.entry });
  else if (user.token !== undefined) credentials = tokenCredentials(user.token);
  else if (hasBasic) credentials = basicCredentials(user.username ?? '', user.password ?? '');
  else if (user.exec) credentials = execCredentials(user.exec, { ...where, cluster, stdinIsTTY: options.stdinIsTTY });
  else if (key !== undefined) return clientCertificateCredentials(key);
  else return noCredentials;
  return key === undefined ? credentials : withSecrets(credentials, [key]);
}

function execClusterInfo(cluster: KubeCluster, server: string, ca: string | undefined): ExecClusterInfo {
  const info: ExecClusterInfo = { server };
  if (cluster.tlsServerName) info['tls-server-name'] = cluster.tlsServerName;
  if (cluster.insecureSkipTlsVerify) info['insecure-skip-tls-verify'] = true;
  if (ca !== undefined) info['certificate-authority-data'] = Buffer.from(ca, 'utf8').toString('base64');
  if (cluster.proxyUrl) info['proxy-url'] = cluster.proxyUrl;
  if (cluster.disableCompression) info['disable-compression'] = true;
  const config = cluster.extensions?.['client.authentication.k8s.io/exec'];
  if (config !== undefined) info.config = config;
  return info;
}

function impersonation(user: KubeUser): Impersonation | undefined {
  if (!user.as) return undefined;
  const result: Impersonation = { user: user.as };
  if (user.asUid) result.uid = user.asUid;
  if (user.asGroups?.length) result.groups = [...user.asGroups];
  if (user.asUserExtra) result.extra = { ...user.asUserExtra };
  return result;
}
