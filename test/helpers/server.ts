// Starts the in-memory API server, on the project's own spec (fast tier) or the shared 1.35 specs, and drives kubectl
// against it.
import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApiServer, type ApiServer, type ApiServerOptions, type KubeconfigOptions } from '../../server/index.ts';
import { kubectl, kubectlEnv, kubectlPath, type KubectlResult } from './kubectl.ts';
import { projectRoot, sharedPath } from './shared.ts';

export const fixtures = join(projectRoot, 'test', 'fixtures', 'server');

/**
 * The project's own spec for the fast tier: a hand-written subset of 1.35 (core/v1, apps/v1 deployments, CRDs, the
 * reviews) that needs nothing beside the clone.
 */
export function fixtureSpecPaths(): string[] {
  return [join(fixtures, 'kubernetes-1.35-subset.yaml')];
}

export function sharedSpecPaths(minor = 35): string[] {
  return [sharedPath('specs', 'v2', `kubernetes-1.${minor}.json`), sharedPath('specs', 'v3', `kubernetes-1.${minor}`)];
}

/** Something the calling suite starts before its tests and stops after them; reading it earlier throws. */
function perSuite<T>(what: string, start: () => Promise<T>, stop: (value: T) => Promise<void>): () => T {
  let value: T | undefined;
  before(async () => {
    value = await start();
  });
  after(async () => {
    if (value !== undefined) await stop(value);
  });
  return () => {
    if (value === undefined) throw new Error(`the suite's ${what} is used before it started`);
    return value;
  };
}

/**
 * An API server on the shared 1.35 specs for the tests of the calling suite: started before them, stopped after.
 * Read `server` and `base` (its URL) inside the tests.
 */
export function suiteApiServer(options: Partial<ApiServerOptions> = {}): {
  readonly server: ApiServer;
  readonly base: string;
} {
  const started = perSuite(
    'API server',
    () => startApiServer({ ...options, specs: options.specs ?? sharedSpecPaths() }),
    (server) => server.stop(),
  );
  return {
    get server() {
      return started();
    },
    get base() {
      return started().url;
    },
  };
}

export interface KubectlSession {
  server: ApiServer;
  dir: string;
  /** Runs kubectl with a kubeconfig for this server. */
  run(args: string[], opts?: { input?: string; kubeconfig?: KubeconfigOptions }): Promise<KubectlResult>;
  /** Starts a long-running kubectl (e.g. `get --watch`), resolving once its output matches. */
  until(args: string[], pattern: RegExp, timeoutMs?: number): { done: Promise<string>; stop(): void };
  close(): Promise<void>;
}

/**
 * A kubectl session against an API server on the shared 1.35 specs for the tests of the calling suite: started
 * before them (ahead of the suite's own `before` hooks declared after this call), closed after them.
 */
export function suiteKubectlSession(options: Partial<ApiServerOptions> = {}): Omit<KubectlSession, 'close'> {
  const started = perSuite(
    'kubectl session',
    () => kubectlSession(options),
    (session) => session.close(),
  );
  return {
    get server() {
      return started().server;
    },
    get dir() {
      return started().dir;
    },
    run: (args, opts) => started().run(args, opts),
    until: (args, pattern, timeoutMs) => started().until(args, pattern, timeoutMs),
  };
}

export async function kubectlSession(options: Partial<ApiServerOptions> = {}): Promise<KubectlSession> {
  const server = await startApiServer({ ...options, specs: options.specs ?? sharedSpecPaths() });
  mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
  const dir = mkdtempSync(join(projectRoot, 'test', '.work', 'server-'));
  const configs = new Map<string, string>();
  const configFor = (opts: KubeconfigOptions = {}): string => {
    const key = JSON.stringify(opts);
    let file = configs.get(key);
    if (!file) {
      file = join(dir, `kubeconfig-${configs.size}`);
      writeFileSync(file, server.kubeconfig(opts), { mode: 0o600 });
      configs.set(key, file);
    }
    return file;
  };
  const env = { KUBECTL_KUBERC: 'false' };
  return {
    server,
    dir,
    run: (args, opts = {}) => kubectl(args, { kubeconfig: configFor(opts.kubeconfig), input: opts.input, env }),
    until(args, pattern, timeoutMs = 15_000) {
      const child = spawn(kubectlPath, args, { env: kubectlEnv({ KUBECONFIG: configFor(), ...env }) });
      let out = '';
      const done = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`kubectl ${args.join(' ')}: no match for ${pattern} in:\n${out}`)),
          timeoutMs,
        );
        const check = () => {
          if (pattern.test(out)) {
            clearTimeout(timer);
            resolve(out);
          }
        };
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          check();
        });
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', () => {
          clearTimeout(timer);
          if (!pattern.test(out))
            reject(new Error(`kubectl ${args.join(' ')} exited without matching ${pattern}:\n${out}`));
        });
      });
      return { done, stop: () => child.kill('SIGTERM') };
    },
    async close() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
