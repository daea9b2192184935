// Starts serve.ts in a child process and waits for its port; closing disconnects it (it exits on disconnect).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface BenchServer {
  url: string;
  /** Size of the whole pod list body, and of the watch stream, in bytes. */
  listBytes: number;
  /** Size of the gzipped list, when the server compresses (0 otherwise). */
  gzipBytes: number;
  watchBytes: number;
  close(): void;
}

export function startBenchServer(options: {
  pods: number;
  events?: number;
  churn?: number;
  gzip?: boolean;
  perEvent?: boolean;
}): Promise<BenchServer> {
  const script = fileURLToPath(new URL('./serve.ts', import.meta.url));
  // Its own flags only: the parent may run with --expose-gc or --cpu-prof, which the server has no use for.
  const args = [
    '--pods',
    String(options.pods),
    '--events',
    String(options.events ?? 0),
    '--churn',
    String(options.churn ?? 0),
    ...(options.gzip ? ['--gzip'] : []),
    ...(options.perEvent ? ['--per-event'] : []),
  ];
  const child = fork(script, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the benchmark server exited (${code}) before it listened`)));
    child.once('message', (m) => {
      const { port, listBytes, gzipBytes, watchBytes } = m as {
        port: number;
        listBytes: number;
        gzipBytes: number;
        watchBytes: number;
      };
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${port}`,
        listBytes,
        gzipBytes,
        watchBytes,
        close: () => child.connected && child.disconnect(),
      });
    });
  });
}
