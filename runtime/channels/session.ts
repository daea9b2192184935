// exec, attach and port-forward over WebSocket with the channel protocol kube-apiserver speaks: every
// binary message starts with its channel byte (0 stdin, 1 stdout, 2 stderr, 3 error, 4 resize);
// `v5.channel.k8s.io` adds a close message (channel 255, then the channel to close); `v4.channel.k8s.io`
// is the fallback a server picks when it does not know v5. The error channel carries one final Status.
import type { Dispatcher, WebSocket } from 'undici';
import { ChunkQueue } from './queue.js';
import type { ChannelSession } from '../types.js';

export const channelProtocolV5 = 'v5.channel.k8s.io';
export const channelProtocolV4 = 'v4.channel.k8s.io';
/** Offered in order of preference; the server picks the first it supports. */
export const channelProtocols: readonly string[] = [channelProtocolV5, channelProtocolV4];

export const stdinChannel = 0;
export const stdoutChannel = 1;
export const stderrChannel = 2;
export const errorChannel = 3;
export const resizeChannel = 4;
const closeSignal = 255;

export interface ChannelConnectOptions {
  /** The connect URL (`https://…/api/v1/namespaces/ns/pods/p/exec?command=…`); http(s) becomes ws(s). */
  url: string | URL;
  protocols?: readonly string[];
  dispatcher?: Dispatcher;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The channel whose message is the final Status (default 3); `null` when there is none (port-forward). */
  statusChannel?: number | null;
  /** Names the call in errors (`exec GET /api/v1/namespaces/default/pods/web/exec`). */
  where?: string;
}

/** The WebSocket upgrade was refused or the connection failed before it opened. */
export class ChannelHandshakeError extends Error {
  override readonly name = 'ChannelHandshakeError';
}

/** undici's WebSocket brings its fetch along: loaded by the first session, not by importing the runtime. */
const webSocket = (): typeof WebSocket =>
  (require('undici/lib/web/websocket/websocket.js') as { WebSocket: typeof WebSocket }).WebSocket;

/** Opens a channel session; resolves once the server accepted the upgrade. */
export function openChannelSession(options: ChannelConnectOptions): Promise<ChannelSession> {
  const where = options.where ?? 'connect';
  if (options.signal?.aborted) return Promise.reject(options.signal.reason);
  const url = new URL(options.url);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  const ws = new (webSocket())(url, {
    protocols: [...(options.protocols ?? channelProtocols)],
    dispatcher: options.dispatcher,
    headers: options.headers,
  });
  ws.binaryType = 'arraybuffer';
  return new Promise<ChannelSession>((resolve, reject) => {
    const onAbort = () => ws.close();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const failOpen = () => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        options.signal?.aborted
          ? options.signal.reason
          : new ChannelHandshakeError(
              `${where}: the server refused the WebSocket upgrade or the connection failed (offered ${[...(options.protocols ?? channelProtocols)].join(', ')})`,
            ),
      );
    };
    ws.addEventListener('error', failOpen, { once: true });
    ws.addEventListener(
      'open',
      () => {
        ws.removeEventListener('error', failOpen);
        const session = new WebSocketChannelSession(
          ws,
          where,
          options.statusChannel === undefined ? errorChannel : options.statusChannel,
        );
        session.done.finally(() => options.signal?.removeEventListener('abort', onAbort)).catch(() => undefined);
        resolve(session);
      },
      { once: true },
    );
  });
}

class WebSocketChannelSession implements ChannelSession {
  readonly protocol: string;
  readonly done: Promise<unknown>;
  private readonly queues = new Map<number, ChunkQueue<Uint8Array>>();
  private readonly statusParts: Uint8Array[] = [];
  private readonly canCloseChannels: boolean;

  constructor(
    private readonly ws: WebSocket,
    private readonly where: string,
    private readonly statusChannel: number | null,
  ) {
    this.protocol = ws.protocol;
    this.canCloseChannels = ws.protocol === channelProtocolV5;
    ws.addEventListener('message', (ev) => this.onMessage(ev.data as ArrayBuffer | string));
    this.done = new Promise<unknown>((resolve, reject) => {
      let failure: Error | undefined;
      ws.addEventListener('error', () => (failure ??= new Error(`${where}: the WebSocket connection failed`)));
      ws.addEventListener('close', (ev) => {
        const status = this.status();
        const abnormal = ev.code !== 1000 && ev.code !== 1005;
        const err =
          abnormal && status === undefined
            ? (failure ??
              new Error(
                `${where}: the connection closed with code ${ev.code}${ev.reason ? ` (${ev.reason})` : ''} before the final status`,
              ))
            : undefined;
        for (const q of this.queues.values()) q.end(err);
        if (err) reject(err);
        else resolve(status);
      });
    });
    this.done.catch(() => undefined);
  }

  output(channel: number): AsyncIterable<Uint8Array> {
    return this.queue(channel);
  }

  write(channel: number, data: Uint8Array | string): void {
    if (this.ws.readyState !== this.ws.OPEN)
      throw new Error(`${this.where}: cannot write to channel ${channel}: the session is closed`);
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const frame = new Uint8Array(bytes.length + 1);
    frame[0] = channel;
    frame.set(bytes, 1);
    this.ws.send(frame);
  }

  close(channel?: number): void {
    if (channel !== undefined && this.canCloseChannels && this.ws.readyState === this.ws.OPEN) {
      this.ws.send(new Uint8Array([closeSignal, channel]));
      return;
    }
    // v4 cannot close a single channel: the only way to signal the end of input is to end the session.
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(1000);
  }

  private queue(channel: number): ChunkQueue<Uint8Array> {
    let q = this.queues.get(channel);
    if (!q) {
      this.queues.set(channel, (q = new ChunkQueue<Uint8Array>()));
      if (this.ws.readyState === this.ws.CLOSED) q.end();
    }
    return q;
  }

  private onMessage(data: ArrayBuffer | string): void {
    if (typeof data === 'string') return; // base64 protocols are not offered
    const bytes = new Uint8Array(data);
    if (bytes.length === 0) return;
    const channel = bytes[0]!;
    if (channel === closeSignal) {
      if (bytes.length > 1) this.queue(bytes[1]!).end();
      return;
    }
    const payload = bytes.subarray(1);
    if (channel === this.statusChannel) this.statusParts.push(payload);
    if (payload.length > 0) this.queue(channel).push(payload);
  }

  /** The final Status: JSON from the error channel (v4, v5), or its text when it is not JSON. */
  private status(): unknown {
    if (this.statusParts.length === 0) return undefined;
    const text = Buffer.concat(this.statusParts).toString('utf8');
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
}
