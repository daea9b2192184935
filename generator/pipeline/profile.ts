// `--profile` (or KUBEGEN_PROFILE=1): the time and memory each stage of a build takes, one line each on stderr,
// so that a slow run says where it spends itself. Stages are laps: each ends where the next begins.

export type StageHook = (stage: string) => void;

const MB = 1024 * 1024;

/** A hook that prints each stage as it ends; the first stage runs from the start of the process. */
export function stageProfiler(write: (line: string) => void): { onStage: StageHook; done: () => void } {
  let wall = 0;
  let cpu = 0;
  const total = { wall: 0, cpu: 0 };
  write(
    `${pad('stage', 10)}${pad('wall ms', 10, true)}${pad('cpu ms', 10, true)}${pad('rss MB', 9, true)}${pad('heap MB', 9, true)}`,
  );
  const onStage = (stage: string) => {
    const now = performance.now();
    const usage = process.cpuUsage();
    const used = (usage.user + usage.system) / 1000;
    const memory = process.memoryUsage();
    write(
      `${pad(stage, 10)}${pad((now - wall).toFixed(0), 10, true)}${pad((used - cpu).toFixed(0), 10, true)}${pad((memory.rss / MB).toFixed(0), 9, true)}${pad((memory.heapUsed / MB).toFixed(0), 9, true)}`,
    );
    wall = now;
    cpu = used;
    total.wall = now;
    total.cpu = used;
  };
  const done = () => {
    // maxRSS is in kilobytes.
    const peak = process.resourceUsage().maxRSS / 1024;
    write(
      `${pad('total', 10)}${pad(total.wall.toFixed(0), 10, true)}${pad(total.cpu.toFixed(0), 10, true)}${pad(`peak ${peak.toFixed(0)}`, 18, true)}`,
    );
  };
  return { onStage, done };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}
