// exec and attach on a pod: the connect requests kubectl makes, a terminal resize, and a run-to-completion
// form that gathers stdout and stderr and reads the exit code from the final Status.
import { channelProtocols, resizeChannel, stderrChannel, stdinChannel, stdoutChannel } from './session.js';
import type { CallOptions, ChannelSession, QueryValue, Transport } from '../types.js';

export interface AttachOptions extends CallOptions {
  container?: string;
  /** Open channel 0 for input (default false). */
  stdin?: boolean;
  /** Default true. */
  stdout?: boolean;
  /** Default true, except with a terminal, where stderr is merged into stdout. */
  stderr?: boolean;
  /** Allocate a terminal: resize it through channel 4 with `resize`. */
  tty?: boolean;
  /** Subprotocols to offer, most preferred first (default v5 then v4). */
  protocols?: readonly string[];
}

export interface ExecOptions extends AttachOptions {
  command: readonly string[];
}

/** Runs `command` in a container; stdin, stdout and stderr are channels 0, 1 and 2, and `done` gives the final Status. */
export function exec(
  transport: Transport,
  namespace: string,
  name: string,
  options: ExecOptions,
): Promise<ChannelSession> {
  if (options.command.length === 0)
    return Promise.reject(new Error(`exec pods/exec ${namespace}/${name}: a command is required`));
  return connectPod(
    transport,
    namespace,
    name,
    'exec',
    { ...streamQuery(options), command: [...options.command] },
    options,
  );
}

/** Attaches to a container's main process (its stdin needs `stdin: true` in the pod spec). */
export function attach(
  transport: Transport,
  namespace: string,
  name: string,
  options: AttachOptions = {},
): Promise<ChannelSession> {
  return connectPod(transport, namespace, name, 'attach', streamQuery(options), options);
}

/** Tells the terminal of a `tty` session its size. */
export function resize(session: ChannelSession, size: { width: number; height: number }): void {
  session.write(resizeChannel, JSON.stringify({ Width: size.width, Height: size.height }));
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** 0 on success, the command's code on NonZeroExitCode. */
  exitCode: number;
  /** The final Status as the server sent it. */
  status: unknown;
}

/** Runs a command to completion, feeding it `input` (then closing stdin), and gathers its output. */
export async function execCapture(
  transport: Transport,
  namespace: string,
  name: string,
  options: ExecOptions & { input?: string | Uint8Array },
): Promise<ExecResult> {
  const session = await exec(transport, namespace, name, { ...options, stdin: options.input !== undefined });
  const gather = async (channel: number): Promise<string> => {
    const parts: Uint8Array[] = [];
    for await (const chunk of session.output(channel)) parts.push(chunk);
    return Buffer.concat(parts).toString('utf8');
  };
  const stdout = gather(stdoutChannel);
  const stderr = gather(stderrChannel);
  if (options.input !== undefined) {
    if (options.input.length > 0) session.write(stdinChannel, options.input);
    session.close(stdinChannel);
  }
  const status = await session.done;
  return {
    stdout: await stdout,
    stderr: await stderr,
    exitCode: exitCodeOf(status, `exec pods/exec ${namespace}/${name}`),
    status,
  };
}

/** The exit code a final Status reports: 0 for Success, the ExitCode cause for NonZeroExitCode; any other failure throws. */
export function exitCodeOf(status: unknown, where = 'exec'): number {
  if (status === undefined) return 0;
  const s = status as {
    status?: string;
    reason?: string;
    message?: string;
    details?: { causes?: { reason?: string; message?: string }[] };
  };
  if (typeof s !== 'object' || s === null) throw new Error(`${where}: ${String(status)}`);
  if (s.status === 'Success') return 0;
  if (s.reason === 'NonZeroExitCode') {
    const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return code;
  }
  throw new Error(`${where}: ${s.message ?? s.reason ?? 'the command failed'}`);
}

function streamQuery(options: AttachOptions): Record<string, QueryValue> {
  const tty = options.tty ?? false;
  const query: Record<string, QueryValue> = {
    stdin: options.stdin ?? false,
    stdout: options.stdout ?? true,
    stderr: options.stderr ?? !tty,
    tty,
  };
  if (options.container) query.container = options.container;
  return query;
}

/** Opens a connect subresource of a pod; the transport explains a refused upgrade with the Status the server gives. */
export function connectPod(
  transport: Transport,
  namespace: string,
  name: string,
  subresource: string,
  query: Record<string, QueryValue>,
  options: CallOptions & { protocols?: readonly string[] },
): Promise<ChannelSession> {
  return transport.connect({
    verb: 'connect',
    method: 'GET',
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/${subresource}`,
    query,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    protocols: [...(options.protocols ?? channelProtocols)],
  });
}
