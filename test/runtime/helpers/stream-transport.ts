// A bare Transport straight on undici, for the stream tests: the stream code is exercised against the
// contract alone, with nothing between it and the wire.
import { Agent, request, type Dispatcher } from 'undici';
import {
  decodeWatch,
  openChannelSession,
  type ApiRequest,
  type ChannelSession,
  type Transport,
  type WatchEvent,
} from '@kubegen/runtime';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    where: string,
  ) {
    super(`${where}: HTTP ${status}: ${(body as { message?: string })?.message ?? JSON.stringify(body)}`);
  }
}

export class BareTransport implements Transport {
  readonly dispatcher: Dispatcher;
  /** Every request made, as `verb path?query`. */
  readonly log: string[] = [];

  constructor(
    readonly baseUrl: string,
    readonly namespace = 'default',
    options: { ca?: string; token?: string } = {},
  ) {
    this.dispatcher = new Agent({ connect: options.ca ? { ca: options.ca } : {} });
    this.token = options.token;
  }

  private readonly token: string | undefined;

  url(req: ApiRequest): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) params.append(k, x);
      else params.append(k, String(v));
    }
    const q = params.toString();
    return `${this.baseUrl}${req.path}${q ? `?${q}` : ''}`;
  }

  private headers(req: ApiRequest): Record<string, string> {
    const h: Record<string, string> = { accept: req.accept ?? 'application/json' };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (req.body !== undefined) h['content-type'] = req.contentType ?? 'application/json';
    return h;
  }

  private async send(req: ApiRequest): Promise<Dispatcher.ResponseData> {
    const url = this.url(req);
    this.log.push(`${req.verb} ${url.slice(this.baseUrl.length)}`);
    const body =
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const res = await request(url, {
      method: req.method,
      headers: this.headers(req),
      body,
      signal: req.signal,
      dispatcher: this.dispatcher,
    });
    if (res.statusCode >= 300) {
      const text = await res.body.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      throw new HttpError(res.statusCode, parsed, `${req.verb} ${req.method} ${req.path}`);
    }
    return res;
  }

  async request<T>(req: ApiRequest): Promise<T> {
    const res = await this.send(req);
    return (await res.body.json()) as T;
  }

  async stream(req: ApiRequest): Promise<AsyncIterable<Uint8Array>> {
    return (await this.send(req)).body;
  }

  async *watch<T>(req: ApiRequest): AsyncIterable<WatchEvent<T>> {
    const res = await this.send(req);
    try {
      yield* decodeWatch<T>(res.body, `watch GET ${req.path}`);
    } finally {
      res.body.destroy();
    }
  }

  connect(req: ApiRequest & { protocols?: string[] }): Promise<ChannelSession> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    this.log.push(`${req.verb} ${this.url(req).slice(this.baseUrl.length)}`);
    return openChannelSession({
      url: this.url(req),
      protocols: req.protocols,
      dispatcher: this.dispatcher,
      headers,
      signal: req.signal,
      where: `${req.verb} ${req.method} ${req.path}`,
    });
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
