// Small loopback servers for the HTTP client's wire tests: one that records every request's headers and answers
// through a handler (HTTP/1.1, or TLS offering HTTP/2), and an HTTP CONNECT proxy that records what it tunnels.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  createSecureServer,
  type Http2SecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import { createServer as createNetServer, connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { createCertificateAuthority } from '../../../server/auth/tls.ts';

export interface SeenRequest {
  method: string;
  url: string;
  httpVersion: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** HTTP/2 answers come through Node's compatibility API, which has the same shape. */
export type Handler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export interface WireServer {
  url: string;
  /** PEM of the CA that signed the serving certificate (TLS only). */
  ca?: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startWireServer(handler: Handler, options: { tls?: boolean } = {}): Promise<WireServer> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const onRequest = async (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rec: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      httpVersion: req.httpVersion,
      headers: { ...req.headers },
      body: Buffer.concat(chunks).toString('utf8'),
    };
    seen.push(rec);
    await handler(rec, res as ServerResponse);
  };
  let ca: string | undefined;
  let server: Server | Http2SecureServer;
  if (options.tls) {
    const authority = createCertificateAuthority('wire-test-ca');
    const pair = authority.issueServer(['127.0.0.1', 'localhost']);
    ca = authority.cert;
    server = createSecureServer(
      { key: pair.key, cert: pair.cert, allowHTTP1: true },
      (req, res) => void onRequest(req, res),
    );
  } else {
    server = createHttpServer((req, res) => void onRequest(req, res));
  }
  server.on(options.tls ? 'secureConnection' : 'connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    ca,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

export interface ConnectProxy {
  url: string;
  /** Every CONNECT target (`127.0.0.1:PORT`), with the Proxy-Authorization it carried. */
  tunnels: { target: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** An HTTP proxy that only tunnels (CONNECT), as `proxy-url` needs. */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: ConnectProxy['tunnels'] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => {
    res.writeHead(405).end('CONNECT only');
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push({ target, authorization: req.headers['proxy-authorization'] });
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = netConnect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** A loopback port nothing listens on (one that was just free). */
export async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
