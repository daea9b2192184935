// A scripted stand-in for one kube-apiserver collection (configmaps in one namespace), on loopback in this process:
// list and watch as the real server serves them (list at the current resourceVersion; watch from a version, with
// the history since then, live events, bookmarks, `timeoutSeconds`, and 410 Expired once the history is
// compacted) — and faults queued per verb, each answered once in place of the normal answer.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ConfigMap {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
}

export type Fault =
  /** Answer with this status and a Status body (`retryAfter` sets the header). */
  | { kind: 'status'; code: number; reason?: string; message?: string; retryAfter?: string }
  /** Watch: after `afterEvents` events, an ERROR event carrying this Status, then the end of the stream. */
  | { kind: 'errorEvent'; code?: number; reason: string; message?: string; afterEvents?: number }
  /** Watch: after `afterEvents` events, silence with the connection open (a stuck proxy); list: no answer at all. */
  | { kind: 'stall'; afterEvents?: number }
  /** Watch: after `afterEvents` events, half an event and then the connection is destroyed. */
  | { kind: 'cut'; afterEvents?: number }
  /** Watch: after `afterEvents` events, a line that is not JSON, then the end of the stream. */
  | { kind: 'malformed'; afterEvents?: number; line?: string }
  /** The connection is destroyed before any answer. */
  | { kind: 'reset' }
  /** 200 with this body and content type (an empty or garbled list). */
  | { kind: 'body'; body: string; contentType?: string };

type StreamFault = Extract<Fault, { kind: 'errorEvent' | 'stall' | 'cut' | 'malformed' }>;
const streamFaults: ReadonlySet<Fault['kind']> = new Set(['errorEvent', 'stall', 'cut', 'malformed']);

export type Verb = 'list' | 'watch';

export interface SeenCall {
  verb: Verb;
  query: URLSearchParams;
  at: number;
  /** The fault answered, if any. */
  fault?: Fault;
}

interface Change {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: ConfigMap;
  rv: number;
}

interface OpenWatch {
  send(change: Change): void;
  end(): void;
}

export const collectionPath = '/api/v1/namespaces/default/configmaps';

/** A fault that took effect (a queued one may never fire: its watch ended first), or a 410 for a compacted version. */
export interface Fired {
  verb: Verb;
  kind: Fault['kind'] | 'expired';
  fault?: Fault;
}

export class ScriptedCluster {
  readonly calls: SeenCall[] = [];
  readonly fired: Fired[] = [];
  private readonly objects = new Map<string, ConfigMap>();
  private history: Change[] = [];
  /** Versions below this are gone from the history: a watch from them gets 410. */
  private compactedAt = 0;
  private rv = 1;
  private readonly faults: Record<Verb, Fault[]> = { list: [], watch: [] };
  private readonly watches = new Set<OpenWatch>();
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((req, res) => this.serve(req, res));
  url = '';

  constructor(private readonly options: { bookmarkMs?: number } = {}) {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const w of this.watches) w.end();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queues a fault for the next `times` requests of `verb`. */
  inject(verb: Verb, fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults[verb].push(fault);
  }

  clearFaults(): void {
    this.faults.list.length = 0;
    this.faults.watch.length = 0;
  }

  pending(verb: Verb): number {
    return this.faults[verb].length;
  }

  /** Creates or replaces (`data`) or deletes (`undefined`) a configmap; watchers see the change. */
  put(name: string, data: Record<string, string> | undefined): void {
    const existing = this.objects.get(name);
    if (data === undefined && !existing) return;
    const rv = ++this.rv;
    const object: ConfigMap =
      data === undefined
        ? { ...existing!, metadata: { ...existing!.metadata, resourceVersion: String(rv) } }
        : {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name, namespace: 'default', resourceVersion: String(rv) },
            data,
          };
    const type = data === undefined ? 'DELETED' : existing ? 'MODIFIED' : 'ADDED';
    if (type === 'DELETED') this.objects.delete(name);
    else this.objects.set(name, object);
    const change: Change = { type, object, rv };
    this.history.push(change);
    for (const w of this.watches) w.send(change);
  }

  /**
   * Forgets the history, as an API server's watch cache does: a watch from any version so far gets 410. The
   * cluster's version moves on (other collections were written meanwhile), and a watch from it, the version a list
   * now returns, is served: a real server never expires the version it has just listed at, so the informer relists
   * once rather than in a loop whose last watch, cut short by the test's stop, would be a 410 no client could read.
   */
  compact(): void {
    this.compactedAt = ++this.rv;
    this.history = [];
  }

  /** Ends every open watch normally (a server restart, a load balancer's idle timeout). */
  endWatches(): void {
    for (const w of this.watches) w.end();
  }

  state(): Map<string, ConfigMap> {
    return new Map([...this.objects].map(([name, o]) => [`default/${name}`, o]));
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== collectionPath) return void res.writeHead(404).end();
    const verb: Verb = url.searchParams.get('watch') === 'true' ? 'watch' : 'list';
    const fault = this.faults[verb].shift();
    this.calls.push({ verb, query: url.searchParams, at: Date.now(), ...(fault ? { fault } : {}) });
    if (fault && (answerFault(fault, req, res) || (verb === 'list' && fault.kind === 'stall'))) {
      this.fired.push({ verb, kind: fault.kind, fault });
      return;
    }
    if (verb === 'list') this.list(res);
    else this.watch(url.searchParams, res, fault);
  }

  private list(res: ServerResponse): void {
    const items = [...this.objects.values()];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMapList',
        metadata: { resourceVersion: String(this.rv) },
        items,
      }),
    );
  }

  private watch(query: URLSearchParams, res: ServerResponse, fault: Fault | undefined): void {
    const from = Number(query.get('resourceVersion') ?? '0');
    res.writeHead(200, { 'content-type': 'application/json' });
    if (from < this.compactedAt) {
      this.fired.push({ verb: 'watch', kind: 'expired' });
      res.end(
        line({
          type: 'ERROR',
          object: status(410, 'Expired', `too old resource version: ${from} (${this.compactedAt})`),
        }),
      );
      return;
    }
    const shaping = fault && streamFaults.has(fault.kind) ? (fault as StreamFault) : undefined;
    let sent = 0;
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const watch: OpenWatch = {
      send: (change) => {
        if (done || change.rv <= from) return;
        if (shaping && sent >= (shaping.afterEvents ?? 0)) return misbehave(shaping);
        sent++;
        res.write(line({ type: change.type, object: change.object }));
      },
      end: () => finish(),
    };
    const finish = () => {
      if (done) return;
      done = true;
      for (const t of timers) clearInterval(t);
      this.watches.delete(watch);
      res.end();
    };
    const misbehave = (f: StreamFault) => {
      if (done) return;
      this.fired.push({ verb: 'watch', kind: f.kind, fault: f });
      if (f.kind === 'stall') {
        // Nothing more, ever: not even the end at timeoutSeconds.
        done = true;
        for (const t of timers) clearInterval(t);
        this.watches.delete(watch);
        return;
      }
      if (f.kind === 'cut') {
        done = true;
        this.watches.delete(watch);
        for (const t of timers) clearInterval(t);
        res.write('{"type":"MODIFIED","object":{"metadata":');
        setTimeout(() => res.socket?.destroy(), 5);
        return;
      }
      if (f.kind === 'malformed') res.write(`${f.line ?? 'this is not JSON'}\n`);
      if (f.kind === 'errorEvent') {
        const object: Record<string, unknown> = {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: f.reason,
          message: f.message ?? f.reason,
        };
        if (f.code !== undefined) object.code = f.code;
        res.write(line({ type: 'ERROR', object }));
      }
      finish();
    };
    this.watches.add(watch);
    res.on('close', () => {
      done = true;
      for (const t of timers) clearInterval(t);
      this.watches.delete(watch);
    });
    for (const change of this.history) watch.send(change);
    if (shaping && sent >= (shaping.afterEvents ?? 0)) misbehave(shaping);
    if (done) return;
    const timeout = Number(query.get('timeoutSeconds') ?? 0);
    if (timeout > 0) timers.push(setTimeout(finish, timeout * 1000));
    if (this.options.bookmarkMs) {
      timers.push(
        setInterval(
          () =>
            !done &&
            res.write(
              line({
                type: 'BOOKMARK',
                object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: String(this.rv) } },
              }),
            ),
          this.options.bookmarkMs,
        ),
      );
    }
  }
}

/** Answers a fault that replaces the whole response; false for faults that shape a watch stream. */
function answerFault(fault: Fault, req: IncomingMessage, res: ServerResponse): boolean {
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      res
        .writeHead(fault.code, headers)
        .end(JSON.stringify(status(fault.code, fault.reason ?? 'Failure', fault.message ?? `injected ${fault.code}`)));
      return true;
    }
    case 'reset':
      req.socket.destroy();
      return true;
    case 'body':
      res.writeHead(200, { 'content-type': fault.contentType ?? 'application/json' }).end(fault.body);
      return true;
    default:
      return false;
  }
}

function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

const line = (value: unknown) => `${JSON.stringify(value)}\n`;
