// HTTP basic authentication (kubeconfig `username` / `password`).
import type { Credentials } from '../connection.js';

export function basicCredentials(username: string, password: string): Credentials {
  const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return {
    kind: 'basic',
    headers: async () => ({ Authorization: `Basic ${encoded}` }),
    secrets: () => [password, encoded],
  };
}
