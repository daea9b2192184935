// A static client certificate.
import type { Credentials } from '../connection.js';

/** A static client certificate is TLS configuration; this only names it and keeps its key out of messages. */
export function clientCertificateCredentials(key: string): Credentials {
  return { kind: 'client-certificate', headers: async () => ({}), secrets: () => [key] };
}
