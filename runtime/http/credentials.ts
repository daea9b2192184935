// Credentials as an interceptor: the credential's headers asked for on every attempt (a rotated token file or an
// expired exec credential is picked up), the dispatcher of its current client certificate, and after a 401 one
// refresh of the credential and one repeat — of any request, since the server refused it unauthenticated.
import type { Dispatcher } from 'undici';
import type { Credentials, Pem } from '../connection.js';
import type { Exchange, Interceptor } from './pipeline.js';

export interface CredentialsHooks {
  /** The dispatcher for a client certificate handed out at run time. */
  dispatcherFor(certificate: { cert: Pem; key: Pem }, exchange: Exchange): Dispatcher;
  /** Told when a refresh promised a fresh credential. */
  refreshed?(): void;
}

export function authenticating(credentials: Credentials, hooks: CredentialsHooks): Interceptor {
  return (next) => async (exchange) => {
    let refreshed = false;
    for (;;) {
      Object.assign(exchange.headers, await credentials.headers());
      const certificate = await credentials.clientCertificate?.();
      if (certificate) exchange.dispatcher = hooks.dispatcherFor(certificate, exchange);
      const answer = await next(exchange);
      if (answer.status !== 401 || refreshed || !credentials.refresh) return answer;
      refreshed = true;
      if (!(await credentials.refresh())) return answer;
      hooks.refreshed?.();
    }
  };
}
