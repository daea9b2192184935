// Fetch progress for `kubegen generate` from a cluster: a bar on a terminal, one summary line otherwise.
import { createRequire } from 'node:module';

export interface Progress {
  update(done: number, total: number, path: string): void;
  /** Ends the bar (or prints the summary) with what was fetched. */
  finish(summary: string): void;
}

export function fetchProgress(stream: NodeJS.WriteStream = process.stdout): Progress {
  if (!stream.isTTY) {
    return {
      update: () => {},
      finish: (summary) => stream.write(`${summary}\n`),
    };
  }
  // Loaded only to draw on a terminal: a build step in CI, or a no-op, does without it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { stream, format: 'fetching OpenAPI [{bar}] {value}/{total} {path}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, path) {
      if (!started) {
        bar.start(total, 0, { path: '' });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { path });
    },
    finish(summary) {
      if (started) bar.stop();
      stream.write(`${summary}\n`);
    },
  };
}
