// The ExecCredential a credential plugin prints on stdout (client.authentication.k8s.io v1 / v1beta1), checked
// field by field. Nothing of the output is ever quoted back: it holds the credential.

export const execApiVersions = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;

export interface ExecCredentialResult {
  token?: string;
  /** PEM, when the plugin hands out a client certificate. */
  cert?: { cert: string; key: string };
  /** Epoch milliseconds after which the plugin must be asked again; unset: valid until a 401. */
  expiresAt?: number;
}

/** Parses the plugin's output; throws a plain message (the caller adds which plugin and user). */
export function parseExecCredential(stdout: string, apiVersion: string): ExecCredentialResult {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    // JSON.parse's message quotes the text, so it is not passed on.
    throw new Error('its output is not JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error('its output is not an ExecCredential object');
  const cred = doc as Record<string, unknown>;
  if (cred.kind !== 'ExecCredential') throw new Error('its output is not of kind ExecCredential');
  if (cred.apiVersion !== apiVersion)
    throw new Error(
      `it is configured for ${apiVersion} but answered with ${typeof cred.apiVersion === 'string' ? cred.apiVersion : 'no apiVersion'}`,
    );
  const status = cred.status;
  if (typeof status !== 'object' || status === null) throw new Error('its ExecCredential has no status');
  const s = status as Record<string, unknown>;
  const result: ExecCredentialResult = {};
  if (s.token !== undefined && typeof s.token !== 'string') throw new Error('status.token is not a string');
  if (s.token) result.token = s.token as string;
  const cert = s.clientCertificateData;
  const key = s.clientKeyData;
  if ((cert !== undefined && typeof cert !== 'string') || (key !== undefined && typeof key !== 'string'))
    throw new Error('status.clientCertificateData and clientKeyData must be strings');
  if (Boolean(cert) !== Boolean(key))
    throw new Error('it returned only one of clientCertificateData and clientKeyData, not both');
  if (cert && key) result.cert = { cert: cert as string, key: key as string };
  if (!result.token && !result.cert) throw new Error('it returned neither a token nor a client certificate and key');
  if (s.expirationTimestamp !== undefined && s.expirationTimestamp !== null) {
    const at = typeof s.expirationTimestamp === 'string' ? Date.parse(s.expirationTimestamp) : NaN;
    if (Number.isNaN(at)) throw new Error('status.expirationTimestamp is not an RFC 3339 time');
    result.expiresAt = at;
  }
  return result;
}
