// The benchmarks' API server, run as its own process so that serving never competes with the client being
// measured for the same event loop: every answer is serialized once, up front, and written as bytes.
//   GET /api/v1                                       discovery (generated clients ask once per transport)
//   GET /api/v1/namespaces/bench/pods[?limit&continue] the pod list, whole or a page at a time
//   GET /api/v1/namespaces/stream/pods?watch=true     EVENTS watch events as fast as the socket takes them, then the end
//   GET /api/v1/namespaces/bench/pods?watch=true      a watch that stays open and quiet (an informer's)
//   GET /api/v1/namespaces/bench/pods/NAME            one pod (the first), whatever the name
// Started by server-process.ts with `--pods N --events M`; tells its parent the port over IPC.
import { createServer, type ServerResponse } from 'node:http';
import { makePod, makePods } from './pods.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const podCount = arg('pods', 2000);
const eventCount = arg('events', 0);
const listVersion = String(1000 + podCount);

const pods = makePods(podCount).map((p) => JSON.stringify(p));
const listBody = (items: string[], meta: string) => Buffer.from(`{"kind":"PodList","apiVersion":"v1","metadata":{${meta}},"items":[${items.join(',')}]}`);
const fullList = listBody(pods, `"resourceVersion":"${listVersion}"`);
const onePod = Buffer.from(pods[0]!);
const pages = new Map<string, Buffer>();

function page(limit: number, offset: number): Buffer {
  const key = `${limit}:${offset}`;
  let body = pages.get(key);
  if (!body) {
    const end = Math.min(offset + limit, pods.length);
    const next = end < pods.length ? `,"continue":"${end}","remainingItemCount":${pods.length - end}` : '';
    body = listBody(pods.slice(offset, end), `"resourceVersion":"${listVersion}"${next}`);
    pages.set(key, body);
  }
  return body;
}

/** MODIFIED events of 2,000 distinct pods in turn, each at a newer resourceVersion. */
function watchStream(count: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const pod = makePod(i % 2000, 'stream', String(100_000 + i));
    parts.push(Buffer.from(`{"type":"MODIFIED","object":${JSON.stringify(pod)}}\n`));
  }
  return Buffer.concat(parts);
}
const events = watchStream(eventCount);

const discovery = Buffer.from(
  JSON.stringify({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1', resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list', 'watch'] }] }),
);

function send(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}

/** Writes `body` in 64 KiB slices as the socket drains, as a busy apiserver's stream arrives: events split across chunks. */
function stream(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
  let offset = 0;
  const more = () => {
    while (offset < body.length) {
      const end = Math.min(offset + 65536, body.length);
      const ok = res.write(body.subarray(offset, end));
      offset = end;
      if (!ok) return void res.once('drain', more);
    }
    res.end();
  };
  more();
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://bench');
  const q = url.searchParams;
  if (url.pathname === '/api/v1') return send(res, discovery);
  if (url.pathname.startsWith('/api/v1/namespaces/bench/pods/')) return send(res, onePod);
  if (q.get('watch') === 'true' || q.get('watch') === '1') {
    if (url.pathname === '/api/v1/namespaces/stream/pods') return stream(res, events);
    if (url.pathname === '/api/v1/namespaces/bench/pods') {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.write(`{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"${listVersion}"}}}\n`);
      return; // stays open until the client goes
    }
  } else if (url.pathname === '/api/v1/namespaces/bench/pods') {
    const limit = Number(q.get('limit') ?? 0);
    const offset = Number(q.get('continue') ?? 0);
    return send(res, limit > 0 ? page(limit, offset) : fullList);
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${url.pathname} is not served here` }));
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ port, listBytes: fullList.length, watchBytes: events.length });
});
process.on('disconnect', () => process.exit(0));
