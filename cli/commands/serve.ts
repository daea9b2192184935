// `kubegen serve`: the in-memory API server on loopback, until SIGINT or SIGTERM.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ApiServerOptions } from '../../server/index.js';

interface ServeFlags {
  spec: string[];
  crd: string[];
  port: string;
  host: string;
  tls?: boolean;
  token?: string;
  clientCa?: string | boolean;
  kubeconfig?: string;
  watchWindow?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve an in-memory Kubernetes API server driven by OpenAPI specs (prints its URL first)')
    .requiredOption('--spec <path>', 'an OpenAPI v2 JSON file or a v3 folder (repeatable)', collect, [])
    .option('--crd <path>', 'CRD manifests to preload: a file, a folder or a glob (repeatable)', collect, [])
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--tls', 'serve HTTPS with a generated CA and serving certificate')
    .option('--token <token>', 'require this bearer token')
    .option(
      '--client-ca [file]',
      "accept client certificates signed by this CA (PEM); without a file, by the server's own CA (needs --tls)",
    )
    .option('--kubeconfig <file>', 'write a kubeconfig reaching the server (CA and credentials included)')
    .option('--watch-window <n>', 'changes kept replayable for watches before 410 Expired')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port: not a port number: ${flags.port}`);
      // Resolved here so that a pattern that finds nothing is named after the flag.
      const { resolveCrdPaths } = await import('../../core/source/crd/manifests.js');
      const crds = await resolveCrdPaths(flags.crd);
      const options: ApiServerOptions = { specs: flags.spec, crds, port, host: flags.host, tls: Boolean(flags.tls) };
      if (flags.watchWindow) options.watchWindow = Number(flags.watchWindow);
      if (flags.token || flags.clientCa) {
        if (flags.clientCa && !flags.tls) throw new Error('--client-ca needs --tls');
        const { readFile } = await import('node:fs/promises');
        options.auth = {
          tokens: flags.token ? { [flags.token]: { username: 'admin', groups: ['system:masters'] } } : undefined,
          clientCertificates: Boolean(flags.clientCa),
          clientCA: typeof flags.clientCa === 'string' ? await readFile(flags.clientCa, 'utf8') : undefined,
        };
      }
      // Loaded on use, so that other commands start without the server's modules.
      const { startApiServer } = await import('../../server/index.js');
      const server = await startApiServer(options);
      // The kubeconfig is in place before the URL says the server is ready.
      if (flags.kubeconfig) await writeFile(flags.kubeconfig, server.kubeconfig(), { mode: 0o600 });
      process.stdout.write(`${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.stop();
    });
}
