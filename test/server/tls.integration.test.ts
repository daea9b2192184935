// HTTPS with a generated CA, bearer tokens and client certificates: kubectl through a kubeconfig, and the
// 401/403 Status bodies a client gets without the right credentials.
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { kubectlSession, type KubectlSession } from '../helpers/server.ts';
import { sharedSkip } from '../helpers/shared.ts';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function get(url: string, opts: { ca: string; token?: string; cert?: { cert: string; key: string } }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    const req = request(url, { ca: opts.ca, headers, cert: opts.cert?.cert, key: opts.cert?.key }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS, tokens and client certificates', { skip: sharedSkip || kubectlSkip }, () => {
  let s: KubectlSession;
  before(async () => {
    s = await kubectlSession({
      tls: true,
      auth: {
        tokens: { 'admin-token': { username: 'alice', groups: ['system:masters'] }, 'reader-token': 'bob' },
        clientCertificates: true,
        // bob may only read.
        authorize: (a) => a.user.username !== 'bob' || ['get', 'list', 'watch'].includes(a.verb),
      },
    });
  });
  after(async () => {
    await s?.close();
  });

  it('serves HTTPS on loopback with a certificate from its own CA', () => {
    assert.match(s.server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(s.server.ca ?? '', /BEGIN CERTIFICATE/);
  });

  it('lets kubectl in with a bearer token from the kubeconfig', async () => {
    const r = await s.run(['create', 'namespace', 'with-token'], { kubeconfig: { credential: 'token' } });
    assert.equal(r.code, 0, r.stderr);
    const list = await s.run(['get', 'namespaces', '-o', 'name'], { kubeconfig: { credential: 'token' } });
    assert.match(list.stdout, /namespace\/with-token/);
  });

  it('lets kubectl in with a client certificate from the kubeconfig', async () => {
    const r = await s.run(['create', 'configmap', 'with-cert', '-n', 'with-token'], {
      kubeconfig: { credential: 'certificate' },
    });
    assert.equal(r.code, 0, r.stderr);
    const got = await s.run(['get', 'configmap', 'with-cert', '-n', 'with-token', '-o', 'jsonpath={.metadata.name}'], {
      kubeconfig: { credential: 'certificate' },
    });
    assert.equal(got.stdout, 'with-cert');
  });

  it('turns kubectl away with a wrong token', async () => {
    const r = await s.run(['--token=wrong', 'get', 'pods'], { kubeconfig: { credential: 'none' }, input: '' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /You must be logged in to the server \(Unauthorized\)/);
  });

  it('answers 401 for a wrong token and 403 for a forbidden verb, with Status bodies', async () => {
    const url = `${s.server.url}/api/v1/namespaces/default/configmaps`;
    const bad = await get(url, { ca: s.server.ca!, token: 'nope' });
    assert.equal(bad.status, 401);
    assert.deepEqual(bad.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
    const reader = await get(url, { ca: s.server.ca!, token: 'reader-token' });
    assert.equal(reader.status, 200);
    const r = await s.run(['--token=reader-token', 'create', 'configmap', 'nope'], {
      kubeconfig: { credential: 'none' },
    });
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /configmaps is forbidden: User "bob" cannot create resource "configmaps" in API group "" in the namespace "default"/,
    );
  });

  it('accepts a certificate it issues for another user and rejects one from a foreign CA', async () => {
    const carol = s.server.issueClientCertificate('carol', ['devs']);
    const ok = await get(`${s.server.url}/api/v1/namespaces`, { ca: s.server.ca!, cert: carol });
    assert.equal(ok.status, 200);
    const { createCertificateAuthority } = await import('../../server/auth/tls.ts');
    const foreign = createCertificateAuthority('elsewhere').issueClient('mallory');
    const refused = await get(`${s.server.url}/api/v1/namespaces`, { ca: s.server.ca!, cert: foreign });
    assert.equal(refused.status, 401);
  });
});
