// Service account tokens as the TokenRequest API issues them: RS256-signed JWTs bound to one ServiceAccount
// (by UID) and optionally to a Pod, Secret or Node, valid until they expire or what they are bound to is deleted,
// for the server's own audience by default.
import { createHash, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { UserInfo } from './authenticate.js';
import type { KubeObject, Store } from '../storage/store.js';

/** The issuer and API audience kube-apiserver uses in a default cluster. */
export const apiAudience = 'https://kubernetes.default.svc.cluster.local';

/** An object a token is bound to, as its claims name it. */
export interface BoundObject {
  kind: 'Pod' | 'Secret' | 'Node';
  name: string;
  uid: string;
}

/** The kinds a token can be bound to, and where they are stored. */
export const boundBuckets: Record<BoundObject['kind'], string> = { Pod: '/pods', Secret: '/secrets', Node: '/nodes' };

type BoundClaims = Partial<Record<'pod' | 'secret' | 'node', { name: string; uid: string }>>;

interface Claims {
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  iss: string;
  jti: string;
  sub: string;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } } & BoundClaims;
}

export interface IssuedToken {
  token: string;
  expirationTimestamp: string;
}

export type TokenCheck = { user: UserInfo; audiences: string[] } | { error: string };

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class ServiceAccountTokens {
  private keys?: { privateKey: KeyObject; publicKey: KeyObject; kid: string };

  constructor(private readonly store: Store) {}

  /** Signs a token for `serviceAccount`, valid for `seconds` from now. */
  issue(serviceAccount: KubeObject, seconds: number, audiences: string[], bound?: BoundObject): IssuedToken {
    const keys = this.keyPair();
    const meta = serviceAccount.metadata!;
    const iat = Math.floor(Date.now() / 1000);
    const claims: Claims = {
      aud: audiences,
      exp: iat + seconds,
      iat,
      nbf: iat,
      iss: apiAudience,
      jti: randomUUID(),
      sub: `system:serviceaccount:${meta.namespace}:${meta.name}`,
      'kubernetes.io': { namespace: meta.namespace!, serviceaccount: { name: meta.name!, uid: meta.uid! } },
    };
    if (bound)
      claims['kubernetes.io'][bound.kind.toLowerCase() as keyof BoundClaims] = { name: bound.name, uid: bound.uid };
    const unsigned = `${encode({ alg: 'RS256', kid: keys.kid })}.${encode(claims)}`;
    const signature = sign('sha256', Buffer.from(unsigned), keys.privateKey).toString('base64url');
    return {
      token: `${unsigned}.${signature}`,
      expirationTimestamp: new Date(claims.exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  }

  /** Who a token authenticates as, for one of `audiences` (default: the API's own); or why it does not. */
  check(token: string, audiences: string[] = [apiAudience]): TokenCheck {
    const claims = this.verified(token);
    if (!claims) return { error: 'invalid bearer token' };
    const matched = audiences.filter((a) => claims.aud.includes(a));
    if (matched.length === 0) return { error: '[invalid bearer token, token audiences is invalid]' };
    if (claims.exp * 1000 <= Date.now()) return { error: '[invalid bearer token, service account token has expired]' };
    const { namespace, serviceaccount, pod, secret, node } = claims['kubernetes.io'];
    const current = this.store.get('/serviceaccounts', namespace, serviceaccount.name);
    if (!current || current.metadata?.deletionTimestamp)
      return { error: '[invalid bearer token, service account token has been invalidated]' };
    if (current.metadata?.uid !== serviceaccount.uid) {
      return {
        error: `[invalid bearer token, service account UID (${current.metadata?.uid}) does not match claim (${serviceaccount.uid})]`,
      };
    }
    const extra: Record<string, string[]> = { 'authentication.kubernetes.io/credential-id': [`JTI=${claims.jti}`] };
    const bindings: [BoundObject['kind'], { name: string; uid: string } | undefined][] = [
      ['Pod', pod],
      ['Secret', secret],
      ['Node', node],
    ];
    for (const [kind, ref] of bindings) {
      if (!ref) continue;
      const object = this.store.get(boundBuckets[kind], kind === 'Node' ? '' : namespace, ref.name);
      if (!object || object.metadata?.deletionTimestamp || object.metadata?.uid !== ref.uid)
        return { error: '[invalid bearer token, service account token has been invalidated]' };
      if (kind !== 'Secret') {
        extra[`authentication.kubernetes.io/${kind.toLowerCase()}-name`] = [ref.name];
        extra[`authentication.kubernetes.io/${kind.toLowerCase()}-uid`] = [ref.uid];
      }
    }
    return {
      user: {
        username: claims.sub,
        uid: serviceaccount.uid,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
        extra,
      },
      audiences: matched,
    };
  }

  /** The user of a valid token for the API audience, if it is one. */
  authenticate(token: string): UserInfo | undefined {
    const result = this.check(token);
    return 'user' in result ? result.user : undefined;
  }

  private verified(token: string): Claims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || !this.keys) return undefined;
    const ok = verify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      this.keys.publicKey,
      Buffer.from(parts[2]!, 'base64url'),
    );
    if (!ok) return undefined;
    try {
      return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Claims;
    } catch {
      return undefined;
    }
  }

  /** The signing key as a JSON Web Key Set (`/openid/v1/jwks`), for anyone verifying the tokens offline. */
  jwks(): { keys: Record<string, unknown>[] } {
    const { publicKey, kid } = this.keyPair();
    const { n, e } = publicKey.export({ format: 'jwk' });
    return { keys: [{ use: 'sig', kty: 'RSA', kid, alg: 'RS256', n, e }] };
  }

  private keyPair(): { privateKey: KeyObject; publicKey: KeyObject; kid: string } {
    if (!this.keys) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      // The key id kube-apiserver derives from the key: the SHA-256 of its DER public key, base64url.
      const kid = createHash('sha256')
        .update(publicKey.export({ type: 'spki', format: 'der' }))
        .digest('base64url');
      this.keys = { privateKey, publicKey, kid };
    }
    return this.keys;
  }
}
