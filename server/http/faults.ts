// Fault injection for tests: rules that match requests and make them slow, fail, drop,
// or cut a watch stream part-way through a line.

export type Fault =
  /** Wait before handling the request normally. */
  | { type: 'delay'; ms: number }
  /** 429 TooManyRequests with a Retry-After header. */
  | { type: 'throttle'; retryAfterSeconds?: number }
  /** An error Status: 500 InternalError or 503 ServiceUnavailable (or any code). */
  | { type: 'error'; code: 500 | 502 | 503 | 504; message?: string }
  /** Close the connection without answering. */
  | { type: 'drop' }
  /** On a watch: after `afterEvents` whole events, write half of the next line and close the connection. */
  | { type: 'cutWatch'; afterEvents?: number }
  /** On a watch: after `afterEvents` events, send an ERROR event with 410 Expired and end the stream. */
  | { type: 'expireWatch'; afterEvents?: number };

export interface FaultMatch {
  method?: string;
  /** The Kubernetes verb (`list`, `watch`, `create`…). */
  verb?: string;
  /** The plural resource (`pods`). */
  resource?: string;
  /** A path prefix, or a pattern tested against the path. */
  path?: string | RegExp;
}

export interface FaultRule {
  match?: FaultMatch;
  fault: Fault;
  /** How many requests it applies to; unlimited when unset. */
  times?: number;
}

export interface FaultTarget {
  method: string;
  path: string;
  verb?: string;
  resource?: string;
}

interface ActiveRule extends FaultRule {
  id: number;
  used: number;
}

export class Faults {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  /** Adds a rule; returns a function that removes it. */
  add(rule: FaultRule): () => void {
    const id = this.nextId++;
    this.rules.push({ ...rule, id, used: 0 });
    return () => {
      this.rules = this.rules.filter((r) => r.id !== id);
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** The first matching rule's fault (counted as used), if any. */
  take(target: FaultTarget): Fault | undefined {
    for (const rule of this.rules) {
      if (!matches(rule.match, target)) continue;
      if ((rule.fault.type === 'cutWatch' || rule.fault.type === 'expireWatch') && target.verb !== 'watch') continue;
      rule.used++;
      if (rule.times !== undefined && rule.used >= rule.times) this.rules = this.rules.filter((r) => r.id !== rule.id);
      return rule.fault;
    }
    return undefined;
  }
}

function matches(m: FaultMatch | undefined, t: FaultTarget): boolean {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== t.method) return false;
  if (m.verb && m.verb !== t.verb) return false;
  if (m.resource && m.resource !== t.resource) return false;
  if (typeof m.path === 'string' && !t.path.startsWith(m.path)) return false;
  if (m.path instanceof RegExp && !m.path.test(t.path)) return false;
  return true;
}
