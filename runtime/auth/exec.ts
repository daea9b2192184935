// Exec credential plugins (kubeconfig `users[].user.exec`): runs the command kubectl would, with its `args`, its
// `env` on top of ours and KUBERNETES_EXEC_INFO describing the call; caches the answer until its
// expirationTimestamp (or until a 401 asks for a fresh one); one run at a time however many requests wait.
import { spawn } from 'node:child_process';
import type { Credentials } from '../connection.js';
import { ExecCredentialError, KubeConfigError } from '../errors.js';
import type { ExecConfig } from './exec-config.js';
import { execApiVersions, parseExecCredential, type ExecCredentialResult } from './exec-credential.js';

/** What `provideClusterInfo` hands the plugin, in ExecCredential's spec.cluster spelling. */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  /** Base64 of the CA bundle. */
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
  'disable-compression'?: boolean;
  /** The cluster's `client.authentication.k8s.io/exec` extension. */
  config?: unknown;
}

export interface ExecCredentialsOptions {
  /** Named in errors: the kubeconfig file and user the plugin belongs to. */
  file?: string;
  entry?: string;
  /** Sent when the config says `provideClusterInfo: true`. */
  cluster?: ExecClusterInfo;
  /** The environment the plugin inherits, as kubectl passes its own (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Whether standard input is a terminal (default: `process.stdin.isTTY`). */
  stdinIsTTY?: boolean;
  /** The clock, in epoch milliseconds (tests). */
  now?: () => number;
}

export function execCredentials(config: ExecConfig, options: ExecCredentialsOptions = {}): Credentials {
  const where = { file: options.file, entry: options.entry };
  const fail = (message: string, cause?: unknown) =>
    new ExecCredentialError(`exec plugin "${config.command}": ${message}`, { ...where, cause });
  if (!(execApiVersions as readonly string[]).includes(config.apiVersion))
    throw new KubeConfigError(
      `exec plugin "${config.command}": apiVersion ${config.apiVersion} is not supported (use ${execApiVersions.join(' or ')})`,
      where,
    );
  const now = options.now ?? Date.now;
  const handed = new Set<string>();
  let cached: ExecCredentialResult | undefined;
  let running: Promise<ExecCredentialResult> | undefined;

  const current = (): Promise<ExecCredentialResult> => {
    if (cached && (cached.expiresAt === undefined || now() < cached.expiresAt)) return Promise.resolve(cached);
    running ??= runPlugin(config, options, fail)
      .then((result) => {
        for (const s of [result.token, result.cert?.key]) if (s) handed.add(s);
        cached = result;
        return result;
      })
      .finally(() => (running = undefined));
    return running;
  };

  return {
    kind: 'exec',
    headers: async (): Promise<Record<string, string>> => {
      const { token } = await current();
      return token ? { Authorization: `Bearer ${token}` } : {};
    },
    clientCertificate: async () => (await current()).cert,
    refresh: async () => {
      // A run already under way is the fresh credential; otherwise drop the cached one and ask again.
      if (!running) cached = undefined;
      await current();
      return true;
    },
    secrets: () => [...handed],
  };
}

function interactive(config: ExecConfig, options: ExecCredentialsOptions, fail: (m: string) => Error): boolean {
  const tty = options.stdinIsTTY ?? Boolean(process.stdin.isTTY);
  if (config.interactiveMode === 'Never') return false;
  if (config.interactiveMode === 'Always' && !tty)
    throw fail('interactiveMode is Always but standard input is not a terminal');
  return tty;
}

function runPlugin(
  config: ExecConfig,
  options: ExecCredentialsOptions,
  fail: (m: string, cause?: unknown) => Error,
): Promise<ExecCredentialResult> {
  return new Promise((resolve, reject) => {
    const isInteractive = interactive(config, options, fail);
    const spec: Record<string, unknown> = { interactive: isInteractive };
    if (config.provideClusterInfo && options.cluster) spec.cluster = options.cluster;
    const info = JSON.stringify({ apiVersion: config.apiVersion, kind: 'ExecCredential', spec });
    const env: Record<string, string | undefined> = { ...(options.env ?? process.env) };
    for (const e of config.env) env[e.name] = e.value;
    env.KUBERNETES_EXEC_INFO = info;
    // stderr passes through, as kubectl lets plugins talk to the user; stdout is the credential.
    const child = spawn(config.command, config.args, {
      env,
      stdio: [isInteractive ? 'inherit' : 'ignore', 'pipe', 'inherit'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT')
        reject(fail(`executable not found${config.installHint ? `\n\n${config.installHint}` : ''}`));
      else reject(fail(`cannot be run (${err.code ?? 'error'})`));
    });
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(fail(signal ? `was killed by ${signal}` : `failed with exit code ${code}`));
      try {
        resolve(parseExecCredential(Buffer.concat(chunks).toString('utf8'), config.apiVersion));
      } catch (err) {
        reject(fail((err as Error).message));
      }
    });
  });
}
