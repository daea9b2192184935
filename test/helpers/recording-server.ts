// A minimal API server on 127.0.0.1 that records every request (method, path, query, headers, body) and
// answers in the shapes generated clients expect: JSON objects, a watch's event stream, a log's text.
// Plus a small Transport over undici, so generated clients can be exercised over real HTTP.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import type { ApiRequest, ChannelSession, Transport, WatchEvent } from '@kubegen/runtime';

export interface Recorded {
  method: string;
  /** The request target as sent: path and query string, escapes as the client wrote them. */
  target: string;
  path: string;
  query: [string, string][];
  contentType: string | undefined;
  body: string;
  /** Every header but those of the connection (host, connection, keep-alive, content-length), sorted by name. */
  headers: Record<string, string>;
}

const CONNECTION_HEADERS = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

export interface RecordingServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: Recorded[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rec: Recorded = {
      method: req.method ?? '',
      target: req.url ?? '/',
      path: url.pathname,
      query: [...url.searchParams.entries()],
      contentType: req.headers['content-type'],
      body: await readBody(req),
      headers: Object.fromEntries(
        Object.entries(req.headers)
          .filter(([name]) => !CONNECTION_HEADERS.has(name))
          .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)])
          .sort(([a], [b]) => (a! < b! ? -1 : 1)),
      ),
    };
    requests.push(rec);
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`${JSON.stringify({ type: 'ADDED', object: { kind: 'Widget', metadata: { name: 'a' } } })}\n`);
      res.end(`${JSON.stringify({ type: 'DELETED', object: { kind: 'Widget', metadata: { name: 'a' } } })}\n`);
    } else if (url.pathname.endsWith('/log')) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('line 1\nline 2\n');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Echo', method: rec.method, path: rec.path }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Just enough transport for tests: JSON requests, byte streams, newline-delimited watch events. */
export class TestTransport implements Transport {
  constructor(
    readonly base: string,
    readonly namespace = 'default',
  ) {}

  private async send(req: ApiRequest) {
    const url = new URL(req.path, this.base);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
    }
    const body =
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const headers: Record<string, string> = { accept: req.accept ?? 'application/json' };
    if (body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    const res = await request(url, { method: req.method, headers, body, signal: req.signal });
    if (res.statusCode >= 300) throw new Error(`${req.verb} ${req.path}: HTTP ${res.statusCode}`);
    return res;
  }

  async request<T>(req: ApiRequest): Promise<T> {
    return (await (await this.send(req)).body.json()) as T;
  }

  async stream(req: ApiRequest): Promise<AsyncIterable<Uint8Array>> {
    return (await this.send(req)).body;
  }

  async *watch<T>(req: ApiRequest): AsyncIterable<WatchEvent<T>> {
    const text = await (await this.send(req)).body.text();
    for (const line of text.split('\n')) if (line) yield JSON.parse(line) as WatchEvent<T>;
  }

  async connect(req: ApiRequest & { protocols?: string[] }): Promise<ChannelSession> {
    // No WebSocket here: the upgrade's request line is what the tests check.
    await (await this.send(req)).body.dump();
    throw new Error(`connect ${req.path}: not supported by the test transport`);
  }
}
