// exec over WebSocket and pod logs through the HTTP client: the upgrade carries the client's credentials and user
// agent over TLS (also when the client offers HTTP/2 for its other calls), the v5 channel protocol is negotiated,
// stdin reaches the pod and stdout and the final Status come back; a followed log streams line by line and stops
// when the caller aborts.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ApiError,
  ChannelHandshakeError,
  Client,
  execCapture,
  channelProtocolV5,
  isNotFound,
  isUnauthorized,
  podLogLines,
} from '@kubegen/runtime';
import { startApiServer, type ApiServer } from '../../../server/index.ts';
import { fixtureSpecPaths } from '../../helpers/server.ts';
import { connectionTo, TestToken } from '../helpers/client.ts';

describe('runtime client: exec over WebSocket and pod logs', () => {
  let server: ApiServer;
  const upgrades: { user: string; agent: string | undefined; protocol: string; command: string[] }[] = [];
  let logClosedAt = 0;
  const logQueries: string[] = [];
  before(async () => {
    server = await startApiServer({ specs: fixtureSpecPaths(), tls: true, auth: true });
    const wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (offered) => (offered.has(channelProtocolV5) ? channelProtocolV5 : false),
    });
    server.registerConnect('pods/exec', {
      upgrade: (ctx, req: IncomingMessage, socket, head) => {
        wss.handleUpgrade(req, socket as never, head, (ws: WebSocket) => {
          upgrades.push({
            user: ctx.user.username,
            agent: req.headers['user-agent'],
            protocol: ws.protocol,
            command: ctx.query.getAll('command'),
          });
          const input: Buffer[] = [];
          ws.on('message', (data: Buffer) => {
            if (data[0] === 0) input.push(data.subarray(1));
            if (data[0] === 255 && data[1] === 0) {
              ws.send(Buffer.concat([Buffer.from([1]), Buffer.from(Buffer.concat(input).toString().toUpperCase())]));
              ws.send(
                Buffer.concat([
                  Buffer.from([3]),
                  Buffer.from(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Success', metadata: {} })),
                ]),
              );
              ws.close(1000);
            }
          });
        });
      },
    });
    server.registerConnect('pods/log', {
      request: (ctx, _req, res) => {
        logQueries.push(ctx.query.toString());
        res.writeHead(200, { 'content-type': 'text/plain' });
        const tail = Number(ctx.query.get('tailLines') ?? 3);
        for (let i = 1; i <= tail; i++) res.write(`line ${i}\n`);
        if (ctx.query.get('follow') !== 'true') return void res.end();
        let n = tail;
        const timer = setInterval(() => res.write(`line ${++n}\n`), 20);
        res.on('close', () => {
          clearInterval(timer);
          logClosedAt = Date.now();
        });
      },
    });
    const client = new Client(connectionTo(server, { token: server.credentials.token }));
    await client.request({
      verb: 'create',
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'shell' },
        spec: { containers: [{ name: 'main', image: 'busybox' }] },
      },
    });
    await client.close();
  });
  after(() => server?.stop());

  for (const http2 of [false, true]) {
    it(`runs a command with stdin and stdout over TLS${http2 ? ' (HTTP/2 offered for other calls)' : ''}`, async () => {
      const client = new Client(connectionTo(server, { token: server.credentials.token }), { http2 });
      try {
        upgrades.length = 0;
        const result = await execCapture(client, 'default', 'shell', {
          command: ['tr', 'a-z', 'A-Z'],
          input: 'hello over websocket\n',
        });
        assert.equal(result.stdout, 'HELLO OVER WEBSOCKET\n');
        assert.equal(result.exitCode, 0);
        assert.equal(upgrades.length, 1);
        assert.deepEqual(
          { ...upgrades[0], agent: undefined },
          { user: 'kubegen-admin', agent: undefined, protocol: channelProtocolV5, command: ['tr', 'a-z', 'A-Z'] },
        );
        assert.match(upgrades[0]!.agent ?? '', /^kubegen\//);
        // The ordinary calls still work beside it.
        await client.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default/pods/shell' });
      } finally {
        await client.close();
      }
    });
  }

  it('explains a refused handshake with the Status the server gives (401 without valid credentials)', async () => {
    const client = new Client(connectionTo(server, { token: 'not-a-valid-token' }));
    try {
      const err = await execCapture(client, 'default', 'shell', { command: ['true'] }).catch((e: unknown) => e);
      assert.ok(isUnauthorized(err), String(err));
    } finally {
      await client.close();
    }
  });

  it("a refused upgrade through the Transport (as generated clients call it) rejects with the server's Status", async () => {
    server.registerConnect('pods/attach', {
      request: (_ctx, _req, res) => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: 'Upgrade request required',
            reason: 'BadRequest',
            code: 400,
          }),
        );
      },
      upgrade: (_ctx, _req, socket) => void socket.destroy(),
    });
    const client = new Client(connectionTo(server, { token: server.credentials.token }));
    try {
      const call = (name: string, subresource: string) =>
        client
          .connect({
            verb: 'connect',
            method: 'GET',
            path: `/api/v1/namespaces/default/pods/${name}/${subresource}`,
            query: { command: ['date'], stdout: true },
          })
          .catch((e: unknown) => e);
      const missing = await call('web-0', 'exec');
      assert.ok(isNotFound(missing), String(missing));
      assert.match(
        String(missing),
        /^ApiError: connect GET \/api\/v1\/namespaces\/default\/pods\/web-0\/exec: 404 NotFound: pods "web-0" not found$/,
      );
      // A plain request that only asks for an upgrade explains nothing: the refusal stays as it was.
      const refused = await call('shell', 'attach');
      assert.ok(refused instanceof ChannelHandshakeError && !(refused instanceof ApiError), String(refused));
    } finally {
      await client.close();
    }
  });

  it('refreshes an expired credential after a refused upgrade and tries once more', async () => {
    const token = new TestToken('expired-token-0000', () => server.credentials.token);
    const client = new Client(connectionTo(server, { credentials: token }));
    try {
      upgrades.length = 0;
      const result = await execCapture(client, 'default', 'shell', { command: ['cat'], input: 'again\n' });
      assert.equal(result.stdout, 'AGAIN\n');
      assert.equal(token.refreshes, 1);
      assert.equal(upgrades.length, 1, 'the second upgrade went through');
    } finally {
      await client.close();
    }
  });

  it('streams a pod log, and a followed one until the caller aborts', async () => {
    const client = new Client(connectionTo(server, { token: server.credentials.token }));
    try {
      const plain: string[] = [];
      for await (const line of podLogLines(client, 'default', 'shell', { tailLines: 2, container: 'main' }))
        plain.push(line);
      assert.deepEqual(plain, ['line 1', 'line 2']);
      assert.equal(logQueries.at(-1), 'container=main&tailLines=2');
      const controller = new AbortController();
      const followed: string[] = [];
      let abortedAt = 0;
      const err = await (async () => {
        for await (const line of podLogLines(client, 'default', 'shell', {
          follow: true,
          tailLines: 1,
          signal: controller.signal,
        })) {
          followed.push(line);
          if (followed.length === 5) {
            abortedAt = Date.now();
            controller.abort(new Error('seen enough'));
          }
        }
      })().catch((e: unknown) => e);
      assert.equal((err as Error).message, 'seen enough');
      assert.deepEqual(followed, ['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
      for (let i = 0; i < 50 && logClosedAt === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(logClosedAt > 0 && logClosedAt - abortedAt < 1000, 'the server saw the followed log end');
    } finally {
      await client.close();
    }
  });
});
