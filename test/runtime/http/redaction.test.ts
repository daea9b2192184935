// No credential shows when a client, its connection or a watch failure is inspected, logged or serialized: a
// client key's PEM, a proxy password, and a token the server echoes in a watch ERROR event or a malformed line.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import {
  Client,
  WatchDecodeError,
  Watcher,
  WatchStatusError,
  type ClusterConnection,
  type Credentials,
} from '@kubegen/runtime';
import { startWireServer, type WireServer } from '../helpers/wire.ts';

const token = 'echoed-token-5f1c2a9e7b';
const proxyPassword = 'proxy-pass-0c4d8e2f';
const keyPem =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7redacted0001\n-----END PRIVATE KEY-----\n';
const keyLine = keyPem.split('\n')[1]!;

function renderings(value: unknown): string {
  return [
    String(value),
    inspect(value),
    inspect(value, { depth: 20, showHidden: true }),
    JSON.stringify(value) ?? '',
    value instanceof Error ? `${value.stack}\n${inspect(value.cause, { depth: 10 })}` : '',
  ].join('\n');
}

function assertClean(value: unknown, what: string): void {
  const text = renderings(value);
  for (const [name, secret] of [
    ['token', token],
    ['proxy password', proxyPassword],
    ['client key', keyLine],
  ]) {
    assert.ok(!text.includes(secret!), `the ${name} shows in ${what}:\n${text}`);
  }
}

describe('redaction: clients, connections and watch failures', () => {
  let wire: WireServer;
  before(async () => {
    wire = await startWireServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const said = String(req.headers.authorization ?? '');
      if (!req.url.includes('watch=true')) {
        res.end('{"kind":"ConfigMapList","metadata":{"resourceVersion":"1"},"items":[]}');
      } else if (req.url.includes('error-event')) {
        res.end(
          `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 403, reason: 'Forbidden', message: `you sent ${said}` } })}\n`,
        );
      } else if (req.url.includes('malformed')) {
        res.end(`{"type": "ADDED", "object": not json, you sent ${said}}\n`);
      } else {
        res.end('{}');
      }
    });
  });
  after(() => wire?.close());

  const credentials: Credentials = {
    kind: 'token',
    headers: async () => ({ authorization: `Bearer ${token}` }),
    secrets: () => [token],
  };
  const connection = (): ClusterConnection => ({
    server: wire.url,
    namespace: 'default',
    tls: { cert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', key: keyPem },
    proxyUrl: `http://user:${proxyPassword}@127.0.0.1:9`,
    credentials,
    origin: { kind: 'explicit' },
  });

  it('inspect and JSON.stringify of a client and of its connection show no key and no proxy password', async () => {
    const client = new Client(connection());
    try {
      assertClean(client, 'the client');
      assertClean(client.connection, 'the connection');
      assertClean(client.connection.tls, 'the TLS settings');
      assert.match(inspect(client), /Client/);
      assert.equal(
        (JSON.parse(JSON.stringify(client)) as { server: string }).server,
        wire.url,
        'the description is still there',
      );
    } finally {
      await client.destroy();
    }
  });

  it('a token echoed in a watch ERROR event or a malformed line is scrubbed from WatchStatusError and WatchDecodeError', async () => {
    const client = new Client({ ...connection(), tls: {}, proxyUrl: undefined });
    try {
      for (const [path, type] of [
        ['/error-event', WatchStatusError],
        ['/malformed', WatchDecodeError],
      ] as const) {
        const errors: unknown[] = [];
        const stop = new AbortController();
        const watcher = new Watcher(client, path, {
          signal: stop.signal,
          backoff: { initialMs: 1000 },
          onError: (e) => (errors.push(e), stop.abort()),
        });
        const err = await (async () => {
          for await (const _ of watcher) void _;
        })().catch((e: unknown) => e);
        assert.equal(err, undefined);
        assert.ok(errors[0] instanceof type, `${path}: ${String(errors[0])}`);
        assertClean(errors[0], path);
        assert.match(String((errors[0] as Error).message), /\[redacted\]/);
        // The raw transport call fails the same way, scrubbed.
        const raw = await (async () => {
          for await (const ev of client.watch({ verb: 'watch', method: 'GET', path, query: { watch: true } }))
            if (ev.type === 'ERROR') return new WatchStatusError(`watch GET ${path}`, ev.object as never);
          return undefined;
        })().catch((e: unknown) => e);
        assertClean(raw, `the raw watch of ${path}`);
      }
    } finally {
      await client.destroy();
    }
  });
});
