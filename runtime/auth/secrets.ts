// Adds secrets a credential does not hand out itself (a static client key in the TLS settings) to its list.
import type { Credentials } from '../connection.js';

export function withSecrets(credentials: Credentials, extra: string[]): Credentials {
  return { ...credentials, secrets: () => [...credentials.secrets(), ...extra] };
}
