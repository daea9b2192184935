// The entries of a kubeconfig file as the runtime reads them: names as kubectl writes them, in camel case.
// Paths are absolute (resolved against the folder of the file that defined the entry); data stays base64.
import type { ExecConfig } from '../auth/exec-config.js';

export type { ExecConfig, ExecInteractiveMode } from '../auth/exec-config.js';

export interface KubeCluster {
  name: string;
  /** The file this entry came from (the first file in the list that defines the name). */
  file: string;
  server?: string;
  certificateAuthority?: string;
  certificateAuthorityData?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
  disableCompression?: boolean;
  /** `extensions`, by name; `client.authentication.k8s.io/exec` is handed to exec plugins that ask for cluster info. */
  extensions?: Record<string, unknown>;
}

/** What kubectl's validation refuses in an entry; reported only when a chosen context uses the entry. */
export interface EntryProblems {
  problems?: string[];
}

export interface KubeUser extends EntryProblems {
  name: string;
  file: string;
  token?: string;
  tokenFile?: string;
  clientCertificate?: string;
  clientCertificateData?: string;
  clientKey?: string;
  clientKeyData?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
  /** Only its name: the runtime supports no auth-provider and says so. */
  authProvider?: { name: string };
  as?: string;
  asUid?: string;
  asGroups?: string[];
  asUserExtra?: Record<string, string[]>;
}

export interface KubeContext {
  name: string;
  file: string;
  cluster: string;
  user: string;
  namespace?: string;
}

/** Several kubeconfig files merged by kubectl's rules. */
export interface KubeConfig {
  /** The files that were read, highest precedence first (missing ones left out). */
  files: string[];
  /** From the first file that sets it. */
  currentContext?: string;
  clusters: Map<string, KubeCluster>;
  users: Map<string, KubeUser>;
  contexts: Map<string, KubeContext>;
}
