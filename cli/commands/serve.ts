// `kubegen serve`: the in-memory API server on loopback, until SIGINT or SIGTERM. It serves what the inputs define,
// read through the same options as every command: spec files, a release or a cluster to stand in for, and CRDs.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { InputFlags } from '../../core/source/inputs/index.js';
import type { ApiServerOptions } from '../../server/index.js';
import { addInputOptions, checkOneSource, inputFlags } from '../input-options.js';

interface ServeFlags extends InputFlags {
  port: string;
  host: string;
  tls?: boolean;
  token?: string;
  clientCa?: string | boolean;
  writeKubeconfig?: string;
  watchWindow?: string;
}

export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description('serve an in-memory Kubernetes API server driven by OpenAPI specs (prints its URL first)');
  addInputOptions(command)
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--tls', 'serve HTTPS with a generated CA and serving certificate')
    .option('--token <token>', 'require this bearer token')
    .option(
      '--client-ca [file]',
      "accept client certificates signed by this CA (PEM); without a file, by the server's own CA (needs --tls)",
    )
    .option('--write-kubeconfig <file>', 'write a kubeconfig reaching the server (CA and credentials included)')
    .option('--watch-window <n>', 'changes kept replayable for watches before 410 Expired')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port: not a port number: ${flags.port}`);
      const given = inputFlags(flags);
      checkOneSource(given, undefined, '; --write-kubeconfig FILE writes a kubeconfig that reaches this server');
      const inputs = await (await import('../serve-inputs.js')).servedInputs(given);
      const options: ApiServerOptions = { ...inputs.options, port, host: flags.host, tls: Boolean(flags.tls) };
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
      const server = await startApiServer(options).finally(inputs.remove);
      // The kubeconfig is in place before the URL says the server is ready.
      if (flags.writeKubeconfig) await writeFile(flags.writeKubeconfig, server.kubeconfig(), { mode: 0o600 });
      process.stdout.write(`${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.stop();
    });
}
