// The review APIs and service account tokens, driven by kubectl auth and kubectl create token: answers come from
// the server's own authenticator and authorizer, and nothing is stored.
import assert from 'node:assert/strict';
import { type JsonWebKey, createPublicKey, verify } from 'node:crypto';
import { request } from 'node:https';
import { describe, it } from 'node:test';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { suiteKubectlSession } from '../helpers/server.ts';
import { sharedSkip } from '../helpers/shared.ts';

const skip = sharedSkip || kubectlSkip;

interface Answer {
  status: number;
  body: Record<string, any>;
}

/** POSTs JSON over HTTP, or over HTTPS trusting `ca`. */
async function post(url: string, body: unknown, token?: string, ca?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (!ca) {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, any> }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

function ok(r: { code: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.code, 0, `${what} failed:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** The rows of a `kubectl auth whoami` table, by attribute. */
function whoami(out: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const line of out.trim().split('\n').slice(1)) {
    const m = /^(.+?)\s{2,}(.*)$/.exec(line);
    if (m) rows[m[1]!] = m[2]!;
  }
  return rows;
}

describe('reviews with the default authorizer', { skip }, () => {
  const s = suiteKubectlSession();

  it('answers kubectl auth can-i yes for anyone, impersonated or not', async () => {
    assert.equal(ok(await s.run(['auth', 'can-i', 'get', 'pods']), 'can-i').trim(), 'yes');
    assert.equal(
      ok(
        await s.run(['auth', 'can-i', 'delete', 'deployments.apps', '-n', 'team-a', '--as', 'bob']),
        'can-i --as',
      ).trim(),
      'yes',
    );
    assert.equal(ok(await s.run(['auth', 'can-i', 'get', '/healthz']), 'can-i non-resource').trim(), 'yes');
  });

  it('lists what a system:masters user gets from RBAC for kubectl auth can-i --list', async () => {
    const out = ok(await s.run(['auth', 'can-i', '--list', '-n', 'default']), 'can-i --list');
    assert.match(out, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/m);
    assert.match(out, /^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/m);
    assert.match(out, /^\s+\[\*\]\s+\[\]\s+\[\*\]$/m);
    assert.match(out, /^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m);
    assert.match(out, /^\s+\[\/version\]\s+\[\]\s+\[get\]$/m);
  });

  it('tells kubectl auth whoami who is asking, impersonation included', async () => {
    assert.deepEqual(whoami(ok(await s.run(['auth', 'whoami']), 'whoami')), {
      Username: 'system:admin',
      Groups: '[system:masters system:authenticated]',
    });
    const as = whoami(
      ok(await s.run(['auth', 'whoami', '--as', 'bob', '--as-group', 'devs', '--as-uid', 'u-1']), 'whoami --as'),
    );
    assert.deepEqual(as, { Username: 'bob', UID: 'u-1', Groups: '[devs system:authenticated]' });
    const sa = whoami(
      ok(await s.run(['auth', 'whoami', '--as', 'system:serviceaccount:team-a:builder']), 'whoami --as sa'),
    );
    assert.equal(sa.Groups, '[system:serviceaccounts system:serviceaccounts:team-a system:authenticated]');
  });

  it('stores no review: no resourceVersion, no change, nothing to list', async () => {
    const before = s.server.resourceVersion;
    const changes = s.server.changes().length;
    const review = await post(`${s.server.url}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'list', resource: 'secrets', namespace: 'default' } },
    });
    assert.equal(review.status, 201);
    assert.deepEqual(review.body.status, { allowed: true });
    assert.equal(review.body.metadata.resourceVersion, undefined);
    assert.equal(review.body.metadata.uid, undefined);
    const whoamiReview = await post(`${s.server.url}/apis/authentication.k8s.io/v1/selfsubjectreviews`, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    });
    assert.equal(whoamiReview.status, 201);
    assert.deepEqual(whoamiReview.body.status, {
      userInfo: { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] },
    });
    assert.equal(s.server.resourceVersion, before);
    assert.equal(s.server.changes().length, changes);
    const list = await fetch(`${s.server.url}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`);
    assert.equal(list.status, 405);
  });

  it('refuses access reviews that ask about nothing, or about nobody', async () => {
    const none = await post(`${s.server.url}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {},
    });
    assert.equal(none.status, 422);
    assert.equal(
      none.body.message,
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
    const nobody = await post(`${s.server.url}/apis/authorization.k8s.io/v1/subjectaccessreviews`, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { nonResourceAttributes: { path: '/version', verb: 'get' } },
    });
    assert.equal(nobody.status, 422);
    assert.equal(
      nobody.body.message,
      'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
    );
    const elsewhere = await post(
      `${s.server.url}/apis/authorization.k8s.io/v1/namespaces/team-a/localsubjectaccessreviews`,
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'LocalSubjectAccessReview',
        spec: { user: 'bob', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'team-b' } },
      },
    );
    assert.equal(elsewhere.status, 422);
    assert.match(
      String(elsewhere.body.message),
      /^LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "team-b": must match metadata.namespace$/,
    );
  });

  it('issues tokens with kubectl create token: 404 without the ServiceAccount, an hour by default, at least ten minutes', async () => {
    const missing = await s.run(['create', 'token', 'ghost']);
    assert.notEqual(missing.code, 0);
    assert.equal(missing.stderr.trim(), 'error: failed to create token: serviceaccounts "ghost" not found');
    ok(await s.run(['create', 'serviceaccount', 'robot']), 'create sa');
    const started = Date.now();
    const request = JSON.parse(ok(await s.run(['create', 'token', 'robot', '-o', 'json']), 'create token')) as Record<
      string,
      any
    >;
    assert.equal(request.kind, 'TokenRequest');
    assert.equal(request.spec.expirationSeconds, 3600);
    assert.match(request.status.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    // An hour from when the server issued it (in whole seconds), which was while kubectl ran, however long that took.
    const finished = Date.now();
    const expires = Date.parse(request.status.expirationTimestamp);
    assert.ok(
      expires >= Math.floor(started / 1000) * 1000 + 3600_000 && expires <= finished + 3600_000,
      `token expires ${expires - started} ms after the request began`,
    );
    const day = JSON.parse(
      ok(await s.run(['create', 'token', 'robot', '--duration=24h', '-o', 'json']), 'create token 24h'),
    ) as Record<string, any>;
    assert.equal(day.spec.expirationSeconds, 86400);
    const short = await s.run(['create', 'token', 'robot', '--duration=5m']);
    assert.notEqual(short.code, 0);
    assert.match(
      short.stderr,
      /TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes/,
    );
    const token = ok(await s.run(['create', 'token', 'robot']), 'create token').trim();
    const reviewed = await post(`${s.server.url}/apis/authentication.k8s.io/v1/tokenreviews`, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token },
    });
    assert.equal(reviewed.status, 201);
    assert.equal(reviewed.body.status.authenticated, true);
    assert.equal(reviewed.body.status.user.username, 'system:serviceaccount:default:robot');

    const tokenUrl = `${s.server.url}/api/v1/namespaces/default/serviceaccounts/robot/token`;
    const bind = (boundObjectRef: unknown) =>
      post(tokenUrl, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { boundObjectRef } });
    const unbindable = await bind({ kind: 'Deployment', apiVersion: 'apps/v1', name: 'web' });
    assert.equal(unbindable.status, 400);
    assert.equal(
      unbindable.body.message,
      'cannot bind token for serviceaccount "robot" to object of type apps/v1, Kind=Deployment',
    );
    ok(await s.run(['create', 'secret', 'generic', 'anchor']), 'create secret');
    const stale = await bind({ kind: 'Secret', apiVersion: 'v1', name: 'anchor', uid: 'not-its-uid' });
    assert.equal(stale.status, 409);
    assert.match(
      String(stale.body.message),
      /^Operation cannot be fulfilled on Secret "anchor": the UID in the bound object reference \(not-its-uid\) does not match the UID in record/,
    );
    assert.equal((await bind({ kind: 'Secret', apiVersion: 'v1', name: 'anchor' })).status, 201);
  });

  it('publishes the issuer and its keys, so that a token can be verified offline', async () => {
    const discovery = JSON.parse(
      ok(await s.run(['get', '--raw', '/.well-known/openid-configuration']), 'openid-configuration'),
    ) as Record<string, any>;
    assert.equal(discovery.issuer, 'https://kubernetes.default.svc.cluster.local');
    assert.equal(discovery.jwks_uri, `${s.server.url}/openid/v1/jwks`);
    assert.deepEqual(discovery.id_token_signing_alg_values_supported, ['RS256']);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as {
      keys: (JsonWebKey & { kid: string; use: string })[];
    };
    assert.equal(jwks.keys.length, 1);
    const [key] = jwks.keys;
    assert.deepEqual([key!.kty, key!.alg, key!.use], ['RSA', 'RS256', 'sig']);

    const token = ok(await s.run(['create', 'token', 'robot']), 'create token').trim();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, any>;
    assert.equal(decode(header).kid, key!.kid);
    assert.equal(decode(payload).iss, discovery.issuer);
    const publicKey = createPublicKey({ key: key!, format: 'jwk' });
    assert.ok(
      verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url')),
      'the token verifies with the published key',
    );
    assert.ok(!verify('sha256', Buffer.from(`${header}.${payload}x`), publicKey, Buffer.from(signature, 'base64url')));
  });
});

describe('reviews and tokens with authentication and a custom authorizer', { skip }, () => {
  const admin = ['--token=admin-token'];
  const reader = ['--token=reader-token'];
  const none = { kubeconfig: { credential: 'none' as const } };
  const s = suiteKubectlSession({
    tls: true,
    auth: {
      tokens: { 'admin-token': { username: 'alice', groups: ['system:masters'] }, 'reader-token': 'bob' },
      // alice may do anything; everyone else may only read, and service accounts only configmaps.
      authorize: (a) => {
        if (a.user.username === 'alice') return true;
        if (!['get', 'list', 'watch'].includes(a.verb)) return false;
        return (
          !a.user.username.startsWith('system:serviceaccount:') ||
          a.resource?.resource === 'configmaps' ||
          a.path !== undefined
        );
      },
    },
  });

  it('answers kubectl auth can-i from the authorizer, for the caller or whom it impersonates', async () => {
    const no = await s.run([...reader, 'auth', 'can-i', 'create', 'configmaps'], none);
    assert.equal(no.code, 1);
    assert.equal(no.stdout.trim(), 'no');
    assert.equal(
      ok(await s.run([...reader, 'auth', 'can-i', 'list', 'configmaps', '-n', 'team-a'], none), 'can-i list').trim(),
      'yes',
    );
    assert.equal(
      ok(await s.run([...admin, 'auth', 'can-i', 'create', 'configmaps'], none), 'can-i as alice').trim(),
      'yes',
    );
    const asBob = await s.run([...admin, 'auth', 'can-i', 'create', 'configmaps', '--as', 'bob'], none);
    assert.equal(asBob.stdout.trim(), 'no');
    const impersonating = await s.run([...reader, 'auth', 'can-i', 'get', 'pods', '--as', 'alice'], none);
    assert.notEqual(impersonating.code, 0);
    assert.match(
      impersonating.stderr,
      /users "alice" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope/,
    );
  });

  it('says the rules are incomplete when the authorizer cannot list them', async () => {
    const review = await post(
      `${s.server.url}/apis/authorization.k8s.io/v1/selfsubjectrulesreviews`,
      { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } },
      'reader-token',
      s.server.ca,
    );
    assert.equal(review.status, 201);
    assert.equal(review.body.status.incomplete, true);
    assert.deepEqual(review.body.status.resourceRules, [
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
      {
        verbs: ['create'],
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      },
    ]);
    const listed = await s.run([...reader, 'auth', 'can-i', '--list'], none);
    assert.equal(listed.code, 0, listed.stderr);
    assert.doesNotMatch(listed.stdout, /\*\.\*/);
  });

  it('answers SubjectAccessReview and LocalSubjectAccessReview about another user', async () => {
    const url = `${s.server.url}/apis/authorization.k8s.io/v1`;
    const sar = (spec: unknown) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec });
    const deny = await post(
      `${url}/subjectaccessreviews`,
      sar({ user: 'bob', resourceAttributes: { verb: 'delete', resource: 'pods', namespace: 'x' } }),
      'admin-token',
      s.server.ca,
    );
    assert.equal(deny.status, 201);
    assert.deepEqual(deny.body.status, { allowed: false });
    const allow = await post(
      `${url}/subjectaccessreviews`,
      sar({ user: 'bob', resourceAttributes: { verb: 'get', resource: 'pods' } }),
      'admin-token',
      s.server.ca,
    );
    assert.deepEqual(allow.body.status, { allowed: true });
    const local = await post(
      `${url}/namespaces/team-a/localsubjectaccessreviews`,
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'LocalSubjectAccessReview',
        spec: { user: 'alice', resourceAttributes: { verb: 'create', resource: 'secrets', namespace: 'team-a' } },
      },
      'admin-token',
      s.server.ca,
    );
    assert.equal(local.status, 201);
    assert.equal(local.body.metadata.namespace, 'team-a');
    assert.deepEqual(local.body.status, { allowed: true });
    // Creating a SubjectAccessReview is itself authorized: bob may not.
    const refused = await post(
      `${url}/subjectaccessreviews`,
      sar({ user: 'bob', resourceAttributes: { verb: 'get', resource: 'pods' } }),
      'reader-token',
      s.server.ca,
    );
    assert.equal(refused.status, 403);
  });

  it('issues service account tokens that authenticate until the ServiceAccount goes or the token expires', async () => {
    ok(await s.run([...admin, 'create', 'namespace', 'ci'], none), 'create ns');
    ok(await s.run([...admin, 'create', 'serviceaccount', 'builder', '-n', 'ci'], none), 'create sa');
    const token = ok(await s.run([...admin, 'create', 'token', 'builder', '-n', 'ci'], none), 'create token').trim();
    const who = whoami(ok(await s.run([`--token=${token}`, 'auth', 'whoami'], none), 'whoami with the token'));
    assert.equal(who.Username, 'system:serviceaccount:ci:builder');
    assert.equal(who.Groups, '[system:serviceaccounts system:serviceaccounts:ci system:authenticated]');
    const uid = ok(
      await s.run([...admin, 'get', 'serviceaccount', 'builder', '-n', 'ci', '-o', 'jsonpath={.metadata.uid}'], none),
      'sa uid',
    );
    assert.equal(who.UID, uid);
    assert.equal(
      ok(await s.run([`--token=${token}`, 'auth', 'can-i', 'list', 'configmaps', '-n', 'ci'], none), 'sa can-i').trim(),
      'yes',
    );
    assert.equal(
      (await s.run([`--token=${token}`, 'auth', 'can-i', 'list', 'secrets', '-n', 'ci'], none)).stdout.trim(),
      'no',
    );
    ok(await s.run([`--token=${token}`, 'get', 'configmaps', '-n', 'ci'], none), 'get with the token');

    const reviewUrl = `${s.server.url}/apis/authentication.k8s.io/v1/tokenreviews`;
    const review = (t: string, audiences?: string[]) =>
      post(
        reviewUrl,
        { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: t, audiences } },
        'admin-token',
        s.server.ca,
      );
    const good = await review(token);
    assert.equal(good.status, 201);
    assert.equal(good.body.status.authenticated, true);
    assert.deepEqual(good.body.status.user.groups, [
      'system:serviceaccounts',
      'system:serviceaccounts:ci',
      'system:authenticated',
    ]);
    assert.equal(good.body.status.user.uid, uid);
    assert.equal(good.body.metadata.resourceVersion, undefined);
    const configured = await review('reader-token');
    assert.deepEqual(configured.body.status.user, { username: 'bob', groups: ['system:authenticated'] });
    const wrongAudience = await review(token, ['https://elsewhere.example']);
    assert.equal(wrongAudience.body.status.authenticated, undefined);
    const bogus = await review('not-a-token');
    assert.equal(bogus.body.status.authenticated, undefined);
    assert.equal(bogus.body.status.error, 'invalid bearer token');
    const empty = await post(
      reviewUrl,
      { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: {} },
      'admin-token',
      s.server.ca,
    );
    assert.equal(empty.status, 400);
    assert.equal(empty.body.message, 'token is required for TokenReview in authentication');

    // A token bound to a Pod carries it in its user's extra, and dies with it.
    const missingPod = await s.run(
      [
        ...admin,
        'create',
        'token',
        'builder',
        '-n',
        'ci',
        '--bound-object-kind',
        'Pod',
        '--bound-object-name',
        'runner',
      ],
      none,
    );
    assert.notEqual(missingPod.code, 0);
    assert.match(missingPod.stderr, /pods "runner" not found/);
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: runner\n  namespace: ci\nspec:\n  containers: [{ name: main, image: busybox }]\n';
    ok(await s.run([...admin, 'create', '-f', '-'], { ...none, input: pod }), 'create pod');
    const podToken = ok(
      await s.run(
        [
          ...admin,
          'create',
          'token',
          'builder',
          '-n',
          'ci',
          '--bound-object-kind',
          'Pod',
          '--bound-object-name',
          'runner',
        ],
        none,
      ),
      'create bound token',
    ).trim();
    const podUid = ok(
      await s.run([...admin, 'get', 'pod', 'runner', '-n', 'ci', '-o', 'jsonpath={.metadata.uid}'], none),
      'pod uid',
    );
    const bound = whoami(
      ok(await s.run([`--token=${podToken}`, 'auth', 'whoami'], none), 'whoami with the bound token'),
    );
    assert.equal(bound['Extra: authentication.kubernetes.io/pod-name'], '[runner]');
    assert.equal(bound['Extra: authentication.kubernetes.io/pod-uid'], `[${podUid}]`);
    ok(await s.run([...admin, 'delete', 'pod', 'runner', '-n', 'ci', '--wait=false'], none), 'delete pod');
    assert.match((await s.run([`--token=${podToken}`, 'get', 'configmaps', '-n', 'ci'], none)).stderr, /Unauthorized/);
    assert.equal(
      (await review(podToken)).body.status.error,
      '[invalid bearer token, service account token has been invalidated]',
    );
    ok(await s.run([`--token=${token}`, 'get', 'configmaps', '-n', 'ci'], none), 'the unbound token still works');

    // Two hours on, the one-hour token has expired.
    const realNow = Date.now;
    Date.now = () => realNow() + 2 * 3600_000;
    try {
      const late = await s.run([`--token=${token}`, 'get', 'configmaps', '-n', 'ci'], none);
      assert.notEqual(late.code, 0);
      assert.match(late.stderr, /Unauthorized/);
      assert.match(String((await review(token)).body.status.error), /expired/);
    } finally {
      Date.now = realNow;
    }

    // Deleting the ServiceAccount revokes its tokens, and one of the same name does not bring them back.
    ok(await s.run([...admin, 'delete', 'serviceaccount', 'builder', '-n', 'ci'], none), 'delete sa');
    const gone = await s.run([`--token=${token}`, 'get', 'configmaps', '-n', 'ci'], none);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /Unauthorized/);
    ok(await s.run([...admin, 'create', 'serviceaccount', 'builder', '-n', 'ci'], none), 'create sa again');
    assert.notEqual((await s.run([`--token=${token}`, 'get', 'configmaps', '-n', 'ci'], none)).code, 0);
    assert.equal((await review(token)).body.status.authenticated, undefined);
  });
});
