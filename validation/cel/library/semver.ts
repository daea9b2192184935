// Kubernetes' semver library: semver(), isSemver(), major/minor/patch, compareTo and the comparisons.
import type { Environment } from '@marcbachmann/cel-js';
import { celError, define } from './register.js';

export class Semver {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string[],
  ) {}

  compare(o: Semver): number {
    for (const k of ['major', 'minor', 'patch'] as const) if (this[k] !== o[k]) return this[k] < o[k] ? -1 : 1;
    if (!this.pre.length || !o.pre.length) return this.pre.length ? -1 : o.pre.length ? 1 : 0;
    for (let i = 0; i < Math.max(this.pre.length, o.pre.length); i++) {
      const a = this.pre[i];
      const b = o.pre[i];
      if (a === undefined || b === undefined) return a === undefined ? -1 : 1;
      if (a === b) continue;
      const na = /^\d+$/.test(a);
      const nb = /^\d+$/.test(b);
      if (na && nb) return BigInt(a) < BigInt(b) ? -1 : 1;
      if (na !== nb) return na ? -1 : 1;
      return a < b ? -1 : 1;
    }
    return 0;
  }
}

const strict =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseSemver(s: string, normalize = false): Semver | undefined {
  let text = s;
  if (normalize) {
    text = text.replace(/^v/, '');
    const [core, ...rest] = text.split(/(?=[-+])/);
    const parts = core!.split('.');
    while (parts.length < 3) parts.push('0');
    text = [parts.map((p) => p.replace(/^0+(?=\d)/, '')).join('.'), ...rest].join('');
  }
  const m = strict.exec(text);
  if (!m) return undefined;
  return new Semver(BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!), m[4] ? m[4].split('.') : []);
}

function toSemver(s: string, normalize = false): Semver {
  const v = parseSemver(s, normalize);
  if (!v) throw celError(`could not parse ${JSON.stringify(s)} as semver`);
  return v;
}

export function registerSemver(env: Environment): void {
  env.registerType('kubernetes.Semver', Semver);
  define(env, 'semver(string): kubernetes.Semver', (s: string) => toSemver(s));
  define(env, 'semver(string, bool): kubernetes.Semver', (s: string, n: boolean) => toSemver(s, n));
  define(env, 'isSemver(string): bool', (s: string) => parseSemver(s) !== undefined);
  define(env, 'isSemver(string, bool): bool', (s: string, n: boolean) => parseSemver(s, n) !== undefined);
  define(env, 'kubernetes.Semver.major(): int', (v: Semver) => v.major);
  define(env, 'kubernetes.Semver.minor(): int', (v: Semver) => v.minor);
  define(env, 'kubernetes.Semver.patch(): int', (v: Semver) => v.patch);
  define(env, 'kubernetes.Semver.compareTo(kubernetes.Semver): int', (a: Semver, b: Semver) => BigInt(a.compare(b)));
  define(env, 'kubernetes.Semver.isLessThan(kubernetes.Semver): bool', (a: Semver, b: Semver) => a.compare(b) < 0);
  define(env, 'kubernetes.Semver.isGreaterThan(kubernetes.Semver): bool', (a: Semver, b: Semver) => a.compare(b) > 0);
}
