// The Pod row kube-apiserver prints: READY counts the ready running containers (sidecars included), STATUS is the
// phase unless a container's state says more (Init:1/2, Init:CrashLoopBackOff, ContainerCreating, Completed,
// ExitCode:1, Terminating…), RESTARTS adds how long ago the last restart was.
import type { KubeObject } from '../storage/store.js';
import { list, str } from './columns.js';
import { humanDuration } from './duration.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

/** The READY, STATUS and RESTARTS cells of a pod, worked out as kube-apiserver's pod printer does. */
export function podSummary(pod: KubeObject): PodSummary {
  const phase = str(pod, 'status.phase');
  let reason = str(pod, 'status.reason') || phase;
  const conditions = list<Condition>(pod, 'status.conditions');
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  // Init containers that keep running beside the others (restartPolicy Always) count as containers.
  const sidecars = new Set(
    list<{ name?: string; restartPolicy?: string }>(pod, 'spec.initContainers')
      .filter((c) => c.restartPolicy === 'Always')
      .map((c) => c.name),
  );
  const initCount = list(pod, 'spec.initContainers').length;
  const total = list(pod, 'spec.containers').length + sidecars.size;
  let ready = 0;
  const restarts = { all: 0, allLast: 0, sidecars: 0, sidecarsLast: 0 };
  const lastRestart = (s: ContainerStatus) => Date.parse(s.lastState?.terminated?.finishedAt ?? '') || 0;

  let initializing = false;
  const initStatuses = list<ContainerStatus>(pod, 'status.initContainerStatuses');
  for (const [i, s] of initStatuses.entries()) {
    restarts.all += s.restartCount ?? 0;
    restarts.allLast = Math.max(restarts.allLast, lastRestart(s));
    const sidecar = sidecars.has(s.name);
    if (sidecar) {
      restarts.sidecars += s.restartCount ?? 0;
      restarts.sidecarsLast = Math.max(restarts.sidecarsLast, lastRestart(s));
    }
    const terminated = s.state?.terminated;
    const waiting = s.state?.waiting?.reason;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && s.started === true) {
      if (s.ready) ready++;
      continue;
    }
    if (terminated)
      reason = `Init:${terminated.reason || (terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`)}`;
    else if (waiting && waiting !== 'PodInitializing') reason = `Init:${waiting}`;
    else reason = `Init:${i}/${initCount}`;
    initializing = true;
    break;
  }

  let restartCount = restarts.all;
  let restartedAt = restarts.allLast;
  const initialized = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restartCount = restarts.sidecars;
    restartedAt = restarts.sidecarsLast;
    let running = false;
    // Backwards, so that the first container's state is the one that shows.
    for (const s of list<ContainerStatus>(pod, 'status.containerStatuses').reverse()) {
      restartCount += s.restartCount ?? 0;
      restartedAt = Math.max(restartedAt, lastRestart(s));
      const terminated = s.state?.terminated;
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated)
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      else if (s.ready && s.state?.running) {
        running = true;
        ready++;
      }
    }
    // A pod whose sidecar still runs after its main container completed is not shown as Completed.
    if (reason === 'Completed' && running)
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp) {
    if (str(pod, 'status.reason') === 'NodeLost') reason = 'Unknown';
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  }
  const ago = restartCount !== 0 && restartedAt > 0 ? ` (${humanDuration(Date.now() - restartedAt)} ago)` : '';
  return { ready: `${ready}/${total}`, status: reason, restarts: `${restartCount}${ago}` };
}
