// Plain HTTP calls and watch streams against the in-memory server, for tests that check the wire itself.
export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<Answer> {
  const init: RequestInit = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = contentType;
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export interface WatchEventLine {
  type: string;
  object: Record<string, unknown> & { metadata?: Record<string, unknown> };
}

export interface WatchStream {
  status: number;
  /** Resolves with the next event, or undefined when the stream ended. */
  next(timeoutMs?: number): Promise<WatchEventLine | undefined>;
  /** Everything received that is not a whole line yet (set once the stream ended). */
  readonly rest: string;
  close(): void;
}

export async function watch(base: string, path: string): Promise<WatchStream> {
  const controller = new AbortController();
  const res = await fetch(base + path, { headers: { Accept: 'application/json' }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let ended = false;
  const lines: string[] = [];
  const pull = async (): Promise<void> => {
    try {
      const { done, value } = await reader.read();
      if (done) ended = true;
      else buffered += decoder.decode(value, { stream: true });
    } catch {
      ended = true;
    }
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  };
  return {
    status: res.status,
    get rest() {
      return buffered;
    },
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (lines.length === 0 && !ended) {
        if (Date.now() > deadline) throw new Error(`no watch event within ${timeoutMs} ms`);
        await Promise.race([pull(), new Promise((r) => setTimeout(r, Math.max(1, deadline - Date.now())))]);
      }
      const line = lines.shift();
      return line === undefined ? undefined : (JSON.parse(line) as WatchEventLine);
    },
    close: () => controller.abort(),
  };
}
