// What kubectl refuses in the entries a context selects — client-go's validation of the chosen cluster and user, and
// its transport's TLS check — worded after kubectl. Entries that no chosen context uses are never checked, so a
// broken user elsewhere in the KUBECONFIG list does not stop anyone, as with kubectl.
import type { KubeCluster, KubeUser } from './kubeconfig-types.js';

export function clusterProblems(cluster: KubeCluster): string[] {
  const out: string[] = [];
  const hasCa = cluster.certificateAuthority !== undefined || cluster.certificateAuthorityData !== undefined;
  if (cluster.certificateAuthority !== undefined && cluster.certificateAuthorityData !== undefined) {
    out.push('certificate-authority-data and certificate-authority are both specified; use one');
  }
  if (cluster.insecureSkipTlsVerify && hasCa)
    out.push('specifying a root certificates file with the insecure flag is not allowed');
  return out;
}

export function userProblems(user: KubeUser): string[] {
  const out = [...(user.problems ?? [])];
  if (user.clientCertificate !== undefined && user.clientCertificateData !== undefined) {
    out.push('client-certificate-data and client-certificate are both specified; use one');
  }
  if (user.clientKey !== undefined && user.clientKeyData !== undefined) {
    out.push('client-key-data and client-key are both specified; use one');
  }
  if (user.exec && user.authProvider) out.push('auth-provider cannot be combined with an exec plugin');
  const hasBasic = user.username !== undefined || user.password !== undefined;
  if (user.token !== undefined && hasBasic) {
    out.push('more than one authentication method (token and username/password); only one is allowed');
  }
  if (!user.as && (user.asUid || user.asGroups?.length || user.asUserExtra)) {
    out.push('as-uid, as-groups or as-user-extra need as (the user to impersonate)');
  }
  return out;
}
