// Starts the in-memory API server on the shared 1.35 specs and drives kubectl against it.
import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApiServer, type ApiServer, type ApiServerOptions, type KubeconfigOptions } from '../../server/index.ts';
import { kubectl, kubectlPath, type KubectlResult } from './kubectl.ts';
import { projectRoot, sharedPath } from './shared.ts';

export const fixtures = join(projectRoot, 'test', 'fixtures', 'server');

export function sharedSpecPaths(minor = 35): string[] {
  return [sharedPath('specs', 'v2', `kubernetes-1.${minor}.json`), sharedPath('specs', 'v3', `kubernetes-1.${minor}`)];
}

/**
 * An API server on the shared 1.35 specs for the tests of the calling suite: started before them, stopped after.
 * Read `server` and `base` (its URL) inside the tests.
 */
export function suiteApiServer(options: Partial<ApiServerOptions> = {}): { readonly server: ApiServer; readonly base: string } {
  let server: ApiServer | undefined;
  before(async () => {
    server = await startApiServer({ specs: sharedSpecPaths(), ...options });
  });
  after(async () => {
    await server?.stop();
  });
  const started = (): ApiServer => {
    if (!server) throw new Error('the suite API server is read before it started');
    return server;
  };
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

export async function kubectlSession(options: Partial<ApiServerOptions> = {}): Promise<KubectlSession> {
  const server = await startApiServer({ specs: sharedSpecPaths(), ...options });
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
      const child = spawn(kubectlPath, args, { env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', KUBECONFIG: configFor(), ...env } });
      let out = '';
      const done = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`kubectl ${args.join(' ')}: no match for ${pattern} in:\n${out}`)), timeoutMs);
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
          if (!pattern.test(out)) reject(new Error(`kubectl ${args.join(' ')} exited without matching ${pattern}:\n${out}`));
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
