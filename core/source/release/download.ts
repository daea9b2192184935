// Release files over HTTP(S), whole or not at all: a body shorter than its Content-Length, or one the connection
// cut short, is an error and never reaches the cache. HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured, as a
// build behind a company proxy needs; redirects are followed, as a mirror may answer with one.
import { EnvHttpProxyAgent, interceptors, request, type Dispatcher } from 'undici';
import { SPECS_VARIABLE, shownUrl } from './layout.js';

export interface Downloader {
  /** The file's bytes; undefined when the server answers 404. */
  get(url: string, signal?: AbortSignal): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

/** Failures worth one more try: the server's own trouble, or a connection lost halfway. */
class Transient extends Error {}

const ATTEMPTS = 2;

export function openDownloader(): Downloader {
  const agent = new EnvHttpProxyAgent({ connectTimeout: 10_000, headersTimeout: 30_000, bodyTimeout: 60_000 });
  const dispatcher = agent.compose(interceptors.redirect({ maxRedirections: 5 }));
  return {
    async get(url, signal) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await getOnce(dispatcher, url, signal);
        } catch (err) {
          if (!(err instanceof Transient) || attempt >= ATTEMPTS) throw err;
          await new Promise((r) => setTimeout(r, 250 * attempt));
        }
      }
    },
    close: () => agent.close(),
  };
}

async function getOnce(
  dispatcher: Dispatcher,
  url: string,
  signal: AbortSignal | undefined,
): Promise<Buffer | undefined> {
  const shown = shownUrl(url);
  let res: Dispatcher.ResponseData;
  try {
    const { href, authorization } = withoutCredentials(url);
    const headers = { accept: 'application/json', ...(authorization ? { authorization } : {}) };
    res = await request(href, { dispatcher, method: 'GET', headers, signal });
  } catch (err) {
    throw unreachable(shown, err);
  }
  if (res.statusCode === 404) {
    await res.body.dump();
    return undefined;
  }
  if (res.statusCode !== 200) {
    await res.body.dump();
    const message = `${shown}: the server answered HTTP ${res.statusCode}`;
    throw res.statusCode >= 500 ? new Transient(message) : new Error(message);
  }
  return readBody(shown, res);
}

async function readBody(shown: string, res: Dispatcher.ResponseData): Promise<Buffer> {
  const length = Number(res.headers['content-length'] ?? Number.NaN);
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      received += chunk.length;
    }
  } catch (err) {
    throw new Transient(
      `${shown}: the download broke off after ${received} bytes (${reason(err)}); nothing of it was kept`,
    );
  }
  if (Number.isFinite(length) && received !== length)
    throw new Transient(`${shown}: the download ended after ${received} of ${length} bytes; nothing of it was kept`);
  return Buffer.concat(chunks);
}

function unreachable(shown: string, err: unknown): Error {
  const code = (err as { code?: unknown }).code;
  const message = `cannot download ${shown}: ${reason(err)} (without network access, mirror the release files and name the mirror in ${SPECS_VARIABLE})`;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
    ? new Transient(message)
    : new Error(message, { cause: err });
}

/** A mirror behind basic authentication is named `https://user:password@host/…`: sent as a header, as curl does. */
function withoutCredentials(url: string): { href: string; authorization?: string } {
  const u = new URL(url);
  if (!u.username && !u.password) return { href: url };
  const credentials = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  u.username = '';
  u.password = '';
  return { href: u.href, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  // Node reports a refused dual-stack connect as an AggregateError without a message.
  return err.message || (typeof code === 'string' ? code : err.name);
}
