// The benchmarks' API server, run as its own process so that serving never competes with the client being
// measured for the same event loop: every answer is serialized once, up front, and written as bytes.
//   GET /api/v1                                       discovery (generated clients ask once per transport)
//   GET /api/v1/namespaces/bench/pods[?limit&continue] the pod list, whole or a page at a time
//   GET /api/v1/namespaces/stream/pods?watch=true     EVENTS watch events as fast as the socket takes them, then the end
//   GET /api/v1/namespaces/bench/pods?watch=true      a watch that stays open and quiet (an informer's); with
//                                                     &churn=true it first sends CHURN MODIFIED events of the pods
//   GET /api/v1/namespaces/bench/pods/NAME            one pod (the first), whatever the name
// With `--gzip`, lists go gzip-compressed to clients that accept it, as kube-apiserver compresses large answers.
// With `--per-event`, the EVENTS stream is written one event a chunk, as kube-apiserver flushes a quiet watch.
// Started by server-process.ts with `--pods N --events M --churn C [--gzip] [--per-event]`; tells its parent the port over IPC.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { makePod, makePods } from './pods.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const podCount = arg('pods', 2000);
const eventCount = arg('events', 0);
const churnCount = arg('churn', 0);
const listVersion = String(1000 + podCount);
const gzip = process.argv.includes('--gzip');
const perEvent = process.argv.includes('--per-event');

const pods = makePods(podCount).map((p) => JSON.stringify(p));
const listBody = (items: string[], meta: string) =>
  Buffer.from(`{"kind":"PodList","apiVersion":"v1","metadata":{${meta}},"items":[${items.join(',')}]}`);
const fullList = listBody(pods, `"resourceVersion":"${listVersion}"`);
const fullListGzip = gzip ? gzipSync(fullList) : undefined;
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

/** Every pod of the list modified in turn, `count` events in all, at versions after the list's. */
function churnStream(count: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const pod = makePod(i % podCount, 'bench', String(1000 + podCount + 1 + i));
    pod.metadata.labels = {
      ...(pod.metadata.labels as Record<string, string>),
      generation: String(Math.floor(i / podCount) + 1),
    };
    parts.push(Buffer.from(`{"type":"MODIFIED","object":${JSON.stringify(pod)}}\n`));
  }
  return Buffer.concat(parts);
}
const churn = churnStream(churnCount);

const discovery = Buffer.from(
  JSON.stringify({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'v1',
    resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list', 'watch'] }],
  }),
);

function send(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}

function sendList(req: IncomingMessage, res: ServerResponse): void {
  if (!fullListGzip || !/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    send(res, fullList);
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-encoding': 'gzip',
    'content-length': fullListGzip.length,
  });
  res.end(fullListGzip);
}

/**
 * Writes `body` as the socket drains: in 64 KiB slices, as a busy apiserver's stream arrives (events split across
 * chunks), or with `--per-event` one event a write.
 */
function stream(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
  let offset = 0;
  const more = () => {
    while (offset < body.length) {
      const end = perEvent ? body.indexOf(10, offset) + 1 : Math.min(offset + 65536, body.length);
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
      res.write(
        `{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"${listVersion}"}}}\n`,
      );
      if (q.get('churn') === 'true') res.write(churn);
      return; // stays open until the client goes
    }
  } else if (url.pathname === '/api/v1/namespaces/bench/pods') {
    const limit = Number(q.get('limit') ?? 0);
    const offset = Number(q.get('continue') ?? 0);
    return limit > 0 ? send(res, page(limit, offset)) : sendList(req, res);
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: `${url.pathname} is not served here`,
    }),
  );
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ port, listBytes: fullList.length, gzipBytes: fullListGzip?.length ?? 0, watchBytes: events.length });
});
process.on('disconnect', () => process.exit(0));
