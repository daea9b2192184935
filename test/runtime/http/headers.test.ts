// Impersonation headers carry names as UTF-8 bytes, as kubectl sends them (Go writes a string's bytes as they
// are): `jöhn` must not go out as Latin-1, and a name beyond U+00FF must not fail the request — over HTTP/1.1 and
// HTTP/2 alike.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, noCredentials, type Impersonation } from '@kubegen/runtime';
import { startWireServer, type WireServer } from '../helpers/wire.ts';

/** The bytes of a header value as they came over the wire (Node hands them over as Latin-1 text). */
const bytes = (value: string | string[] | undefined) =>
  Buffer.from(Array.isArray(value) ? value.join(', ') : (value ?? ''), 'latin1');

describe('impersonation headers are UTF-8 on the wire', () => {
  let wire: WireServer;
  let h2: WireServer;
  before(async () => {
    const answer: Parameters<typeof startWireServer>[0] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind":"Namespace"}');
    };
    wire = await startWireServer(answer);
    h2 = await startWireServer(answer, { tls: true });
  });
  after(async () => {
    await wire?.close();
    await h2?.close();
  });

  const send = async (impersonate: Impersonation, options: { http2?: boolean } = {}) => {
    const server = options.http2 ? h2 : wire;
    const client = new Client(
      {
        server: server.url,
        namespace: 'default',
        tls: options.http2 ? { ca: h2.ca } : {},
        credentials: noCredentials,
        impersonate,
        origin: { kind: 'explicit' },
      },
      { retry: false, ...options },
    );
    try {
      await client.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' });
    } finally {
      await client.close();
    }
    const seen = server.seen.at(-1)!;
    assert.equal(seen.httpVersion, options.http2 ? '2.0' : '1.1');
    return seen.headers;
  };

  it('sends a Latin-1-range name as its UTF-8 bytes', async () => {
    const headers = await send({ user: 'jöhn' });
    assert.deepEqual(bytes(headers['impersonate-user']), Buffer.from('jöhn', 'utf8'));
  });

  it('sends names beyond U+00FF (user, uid, groups, extra values) instead of failing', async () => {
    const headers = await send({
      user: '日本',
      uid: 'ユーザー-1',
      groups: ['開発', 'ops'],
      extra: { 'example.com/理由': ['監査'] },
    });
    assert.deepEqual(bytes(headers['impersonate-user']), Buffer.from('日本', 'utf8'));
    assert.deepEqual(bytes(headers['impersonate-uid']), Buffer.from('ユーザー-1', 'utf8'));
    assert.deepEqual(bytes(headers['impersonate-group']), Buffer.from('開発, ops', 'utf8'));
    assert.deepEqual(bytes(headers['impersonate-extra-example.com%2f%e7%90%86%e7%94%b1']), Buffer.from('監査', 'utf8'));
  });

  it('sends the same UTF-8 bytes over HTTP/2', async () => {
    const headers = await send({ user: 'jöhn', groups: ['日本'] }, { http2: true });
    assert.deepEqual(bytes(headers['impersonate-user']), Buffer.from('jöhn', 'utf8'));
    assert.deepEqual(bytes(headers['impersonate-group']), Buffer.from('日本', 'utf8'));
  });
});
