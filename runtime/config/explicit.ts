// Connections described in code: a server with its credentials, or a `kubectl proxy` URL (plain HTTP, the proxy
// adds the credentials itself).
import type { ClusterConnection, Credentials, Impersonation, Pem, TlsSettings } from '../connection.js';
import { noCredentials } from '../connection.js';
import { basicCredentials } from '../auth/basic.js';
import { clientCertificateCredentials } from '../auth/client-certificate.js';
import { execCredentials } from '../auth/exec.js';
import { withSecrets } from '../auth/secrets.js';
import { tokenCredentials, tokenFileCredentials } from '../auth/token.js';
import { KubeConfigError } from '../errors.js';
import type { ExecConfig } from './kubeconfig-types.js';
import { readPemFile } from './pem.js';
import { checkProxyUrl, checkServer } from './urls.js';

export interface ExplicitConnectionOptions {
  /** `https://host:port`. */
  server: string;
  namespace?: string;
  token?: string;
  /** A token file re-read when it changes. */
  tokenFile?: string;
  username?: string;
  password?: string;
  /** CA bundle (PEM), or `caFile`. */
  ca?: Pem;
  caFile?: string;
  /** Client certificate and key (PEM), or their files. */
  cert?: Pem;
  key?: Pem;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
  impersonate?: Impersonation;
  /** An exec credential plugin, as in a kubeconfig (args, env default to none; interactiveMode to Never). */
  exec?: Partial<ExecConfig> & { command: string; apiVersion: string };
  /** Any other Credentials implementation; wins over the fields above. */
  credentials?: Credentials;
}

const where = { entry: 'explicit connection' };

export async function explicitConnection(options: ExplicitConnectionOptions): Promise<ClusterConnection> {
  const server = checkServer(options.server, where);
  const tls: TlsSettings = {};
  const ca = options.ca ?? (options.caFile ? await readPemFile('caFile', options.caFile, where) : undefined);
  if (ca !== undefined) tls.ca = ca;
  const cert = options.cert ?? (options.certFile ? await readPemFile('certFile', options.certFile, where) : undefined);
  const key = options.key ?? (options.keyFile ? await readPemFile('keyFile', options.keyFile, where) : undefined);
  if ((cert === undefined) !== (key === undefined))
    throw new KubeConfigError('a client certificate needs both cert and key', where);
  if (cert !== undefined && key !== undefined) Object.assign(tls, { cert, key });
  if (options.insecureSkipTlsVerify) tls.insecureSkipTlsVerify = true;
  if (options.tlsServerName) tls.serverName = options.tlsServerName;
  const connection: ClusterConnection = {
    server,
    namespace: options.namespace || 'default',
    tls,
    credentials: explicitCredentials(options, server, key),
    origin: { kind: 'explicit' },
  };
  if (options.proxyUrl) connection.proxyUrl = checkProxyUrl(options.proxyUrl, where);
  if (options.impersonate) connection.impersonate = options.impersonate;
  return connection;
}

function explicitCredentials(options: ExplicitConnectionOptions, server: string, key: Pem | undefined): Credentials {
  const methods = [
    options.credentials && 'credentials',
    (options.token || options.tokenFile) && 'token',
    (options.username || options.password) && 'username/password',
    options.exec && 'exec',
  ].filter(Boolean);
  if (methods.length > 1)
    throw new KubeConfigError(
      `more than one authentication method (${methods.join(', ')}); only one is allowed`,
      where,
    );
  const keyText = key === undefined ? undefined : typeof key === 'string' ? key : Buffer.from(key).toString('utf8');
  let credentials: Credentials;
  if (options.credentials) credentials = options.credentials;
  else if (options.tokenFile)
    credentials = tokenFileCredentials(options.tokenFile, { fallback: options.token, entry: where.entry });
  else if (options.token) credentials = tokenCredentials(options.token);
  else if (options.username || options.password)
    credentials = basicCredentials(options.username ?? '', options.password ?? '');
  else if (options.exec) {
    const exec: ExecConfig = {
      args: [],
      env: [],
      provideClusterInfo: false,
      interactiveMode: 'Never',
      ...options.exec,
    };
    credentials = execCredentials(exec, { ...where, cluster: { server } });
  } else if (keyText !== undefined) return clientCertificateCredentials(keyText);
  else return noCredentials;
  return keyText === undefined ? credentials : withSecrets(credentials, [keyText]);
}

/** A `kubectl proxy` (or any authenticating proxy) URL: plain HTTP, no credentials of ours. */
export function kubectlProxyConnection(url: string, options: { namespace?: string } = {}): ClusterConnection {
  const server = checkServer(url, { entry: 'kubectl proxy URL' }, 'url', false);
  return {
    server,
    namespace: options.namespace || 'default',
    tls: {},
    credentials: noCredentials,
    origin: { kind: 'proxy', url: server },
  };
}
