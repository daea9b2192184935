// port-forward over WebSocket, as kube-apiserver and the kubelet serve it: the i-th requested port has data
// channel 2i and error channel 2i+1, and the first two bytes on each channel are the port (little endian).
// Every local connection needs a session of its own, since the protocol cannot open streams later.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { channelProtocols } from './session.js';
import { connectPod } from './exec.js';
import type { CallOptions, ChannelSession, Transport } from '../types.js';

export interface ForwardedPort {
  /** The pod's port. */
  readonly port: number;
  /** Bytes from the pod's port. */
  readonly data: AsyncIterable<Uint8Array>;
  write(data: Uint8Array | string): void;
  /** The error the kubelet reported for this port (e.g. nothing listening), once the session ends. */
  readonly error: Promise<string | undefined>;
}

export interface PortForwardSession {
  readonly session: ChannelSession;
  readonly ports: readonly ForwardedPort[];
  close(): void;
}

export interface PortForwardOptions extends CallOptions {
  protocols?: readonly string[];
}

/** Opens one session forwarding `ports` of a pod. */
export async function portForward(
  transport: Transport,
  namespace: string,
  name: string,
  ports: readonly number[],
  options: PortForwardOptions = {},
): Promise<PortForwardSession> {
  if (ports.length === 0)
    return Promise.reject(
      new Error(`portforward pods/portforward ${namespace}/${name}: at least one port is required`),
    );
  const session = await connectPod(
    transport,
    namespace,
    name,
    'portforward',
    { ports: ports.map(String) },
    { ...options, protocols: options.protocols ?? channelProtocols },
  );
  const forwarded = ports.map(
    (port, i): ForwardedPort => ({
      port,
      data: withoutPortPrefix(session.output(2 * i)),
      write: (data) => session.write(2 * i, data),
      error: gatherText(withoutPortPrefix(session.output(2 * i + 1))),
    }),
  );
  return { session, ports: forwarded, close: () => session.close() };
}

/** Drops the two-byte port number that starts each channel. */
async function* withoutPortPrefix(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  let skip = 2;
  for await (const chunk of chunks) {
    if (skip > 0) {
      const dropped = Math.min(skip, chunk.length);
      skip -= dropped;
      if (dropped === chunk.length) continue;
      yield chunk.subarray(dropped);
      continue;
    }
    yield chunk;
  }
}

async function gatherText(chunks: AsyncIterable<Uint8Array>): Promise<string | undefined> {
  const parts: Uint8Array[] = [];
  try {
    for await (const chunk of chunks) parts.push(chunk);
  } catch {
    // the session failed; its `done` says why
  }
  const text = Buffer.concat(parts).toString('utf8');
  return text === '' ? undefined : text;
}

export interface LocalForward {
  /** The local port that was bound (useful with `localPort: 0`). */
  readonly localPort: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** Listens on a local port (as `kubectl port-forward` does) and forwards every connection to `remotePort` of the pod. */
export async function forwardLocalPort(
  transport: Transport,
  namespace: string,
  name: string,
  options: PortForwardOptions & { remotePort: number; localPort?: number; host?: string },
): Promise<LocalForward> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    void pipeSocket(transport, namespace, name, options, socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.localPort ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    localPort: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function pipeSocket(
  transport: Transport,
  namespace: string,
  name: string,
  options: PortForwardOptions & { remotePort: number },
  socket: Socket,
): Promise<void> {
  let pf: PortForwardSession;
  try {
    pf = await portForward(transport, namespace, name, [options.remotePort], options);
  } catch {
    socket.destroy();
    return;
  }
  const [port] = pf.ports;
  socket.on('data', (chunk: Buffer) => {
    try {
      port!.write(chunk);
    } catch {
      socket.destroy();
    }
  });
  socket.on('close', () => pf.close());
  try {
    for await (const chunk of port!.data) if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
  } catch {
    // the session failed: drop the local connection
  }
  socket.end();
}
