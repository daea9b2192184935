// The smaller libraries kube-apiserver registers for CRD rules: sets, math, base64 encoders.
import type { Environment } from '@marcbachmann/cel-js';
import { canonical } from '../../structural/lists.js';
import { celError, define, namespace } from './register.js';

const has = (list: unknown[], v: unknown) => list.some((x) => x === v || canonical(x) === canonical(v));

export function registerSets(env: Environment): void {
  namespace(env, 'sets', 'kubernetes.SetsNamespace');
  define(env, 'kubernetes.SetsNamespace.contains(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) =>
    b.every((x) => has(a, x)),
  );
  define(
    env,
    'kubernetes.SetsNamespace.equivalent(list, list): bool',
    (_: unknown, a: unknown[], b: unknown[]) => a.every((x) => has(b, x)) && b.every((x) => has(a, x)),
  );
  define(env, 'kubernetes.SetsNamespace.intersects(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) =>
    a.some((x) => has(b, x)),
  );
}

type Num = bigint | number;
const cmp = (a: Num, b: Num) => (Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0);

export function registerMath(env: Environment): void {
  namespace(env, 'math', 'kubernetes.MathNamespace');
  const pick = (sign: 1 | -1) => (values: Num[]) => {
    if (!values.length) throw celError(`math.${sign > 0 ? 'greatest' : 'least'}() requires at least one argument`);
    return values.reduce((best, v) => (cmp(v, best) * sign > 0 ? v : best));
  };
  for (const [name, sign] of [
    ['greatest', 1],
    ['least', -1],
  ] as const) {
    define(env, `kubernetes.MathNamespace.${name}(list): dyn`, (_: unknown, l: Num[]) => pick(sign)(l));
    for (let n = 1; n <= 4; n++) {
      const params = Array(n).fill('dyn').join(', ');
      define(env, `kubernetes.MathNamespace.${name}(${params}): dyn`, (_: unknown, ...args: Num[]) => pick(sign)(args));
    }
  }
  define(env, 'kubernetes.MathNamespace.ceil(double): double', (_: unknown, x: number) => Math.ceil(x));
  define(env, 'kubernetes.MathNamespace.floor(double): double', (_: unknown, x: number) => Math.floor(x));
  define(
    env,
    'kubernetes.MathNamespace.round(double): double',
    (_: unknown, x: number) => Math.sign(x) * Math.round(Math.abs(x)),
  );
  define(env, 'kubernetes.MathNamespace.trunc(double): double', (_: unknown, x: number) => Math.trunc(x));
  define(env, 'kubernetes.MathNamespace.abs(int): int', (_: unknown, x: bigint) => (x < 0n ? -x : x));
  define(env, 'kubernetes.MathNamespace.abs(double): double', (_: unknown, x: number) => Math.abs(x));
  define(env, 'kubernetes.MathNamespace.sign(int): int', (_: unknown, x: bigint) => (x > 0n ? 1n : x < 0n ? -1n : 0n));
  define(env, 'kubernetes.MathNamespace.sign(double): double', (_: unknown, x: number) => Math.sign(x));
  define(
    env,
    'kubernetes.MathNamespace.isInf(double): bool',
    (_: unknown, x: number) => x === Infinity || x === -Infinity,
  );
  define(env, 'kubernetes.MathNamespace.isNaN(double): bool', (_: unknown, x: number) => Number.isNaN(x));
  define(env, 'kubernetes.MathNamespace.isFinite(double): bool', (_: unknown, x: number) => Number.isFinite(x));
}

export function registerEncoders(env: Environment): void {
  namespace(env, 'base64', 'kubernetes.Base64Namespace');
  define(env, 'kubernetes.Base64Namespace.encode(bytes): string', (_: unknown, b: Uint8Array) =>
    Buffer.from(b).toString('base64'),
  );
  define(
    env,
    'kubernetes.Base64Namespace.decode(string): bytes',
    (_: unknown, s: string) => new Uint8Array(Buffer.from(s, 'base64')),
  );
}
