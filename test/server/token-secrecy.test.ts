// A service account token the server issued never shows in what the server answers about a request it refuses:
// a malformed body that carries one (a TokenReview, a patch) is refused without quoting the body back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { fixtureSpecPaths } from '../helpers/server.ts';
import { call } from '../helpers/server-http.ts';

/** Fails when `text` holds any 8 characters in a row of `secret`. */
function assertNoPieceOf(text: string, secret: string, what: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) {
    assert.ok(!text.includes(secret.slice(i, i + 8)), `${what} quotes the token: ${text}`);
  }
}

describe('issued tokens in refused requests', () => {
  let server: ApiServer;
  let token: string;
  before(async () => {
    server = await startApiServer({ specs: fixtureSpecPaths() });
    const issued = await call(server.url, 'POST', '/api/v1/namespaces/default/serviceaccounts/default/token', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {},
    });
    assert.equal(issued.status, 201);
    token = (issued.body.status as { token: string }).token;
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
  after(async () => {
    await server?.stop();
  });

  it('a TokenReview body that is not JSON is refused without quoting the token', async () => {
    const bodies = [
      `{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":${token}}}`,
      token,
      `{"spec":{"token":"${token}"}}${token}`,
    ];
    for (const body of bodies) {
      const r = await call(server.url, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', body);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.match(String(r.body.message), /^couldn't get version\/kind; json parse error: /);
      assertNoPieceOf(JSON.stringify(r.body), token, 'the Status');
    }
  });

  it('a JSON patch that is not JSON is refused without quoting the token', async () => {
    assert.equal(
      (
        await call(server.url, 'POST', '/api/v1/namespaces/default/secrets', {
          metadata: { name: 'held' },
          stringData: { token: 'x' },
        })
      ).status,
      201,
    );
    const patch = `[{"op":"add","path":"/stringData","value":{"token":${token}}}]`;
    const r = await call(
      server.url,
      'PATCH',
      '/api/v1/namespaces/default/secrets/held',
      patch,
      'application/json-patch+json',
    );
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(String(r.body.message), /^error decoding patch: /);
    assertNoPieceOf(JSON.stringify(r.body), token, 'the Status');
    const deployment = {
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    };
    assert.equal(
      (await call(server.url, 'POST', '/apis/apps/v1/namespaces/default/deployments', deployment)).status,
      201,
    );
    const scale = await call(
      server.url,
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/web/scale',
      `[{"op":"add","path":"/spec/replicas","value":${token}}]`,
      'application/json-patch+json',
    );
    assert.equal(scale.status, 400, JSON.stringify(scale.body));
    assertNoPieceOf(JSON.stringify(scale.body), token, 'the scale Status');
  });
});
