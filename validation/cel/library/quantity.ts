// Kubernetes' quantity library over exact decimals (resource.Quantity semantics): quantity(), isQuantity(),
// sign, isInteger, asInteger, asApproximateFloat, add, sub, compareTo, isLessThan, isGreaterThan.
import type { Environment } from '@marcbachmann/cel-js';
import { isQuantity } from '../../structural/formats.js';
import { celError, define } from './register.js';

const binary: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** value = units × 10^-scale, exactly. */
export class Quantity {
  constructor(
    readonly units: bigint,
    readonly scale: number,
    readonly text: string,
  ) {}

  static parse(s: string): Quantity {
    if (!isQuantity(s))
      throw celError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(s)!;
    const [, sign, whole, frac = '', suffix] = m as unknown as [string, string, string, string, string];
    let units = BigInt(`${sign}${whole || '0'}${frac}` || '0');
    let scale = frac.length;
    if (binary[suffix] !== undefined) units *= binary[suffix]!;
    else if (/^[eE]/.test(suffix)) scale -= Number(suffix.slice(1));
    else scale -= decimal[suffix]!;
    if (scale < 0) {
      units *= 10n ** BigInt(-scale);
      scale = 0;
    }
    return new Quantity(units, scale, s);
  }

  private aligned(o: Quantity): [bigint, bigint, number] {
    const scale = Math.max(this.scale, o.scale);
    return [this.units * 10n ** BigInt(scale - this.scale), o.units * 10n ** BigInt(scale - o.scale), scale];
  }

  compare(o: Quantity): number {
    const [a, b] = this.aligned(o);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  plus(o: Quantity, sign: 1n | -1n): Quantity {
    const [a, b, scale] = this.aligned(o);
    const units = a + sign * b;
    return new Quantity(units, scale, render(units, scale));
  }

  get isInteger(): boolean {
    return this.units % 10n ** BigInt(this.scale) === 0n;
  }
}

function render(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
  return neg ? `-${text}` : text;
}

const asQuantity = (v: Quantity | bigint) => (typeof v === 'bigint' ? new Quantity(v, 0, v.toString()) : v);
const maxInt64 = (1n << 63n) - 1n;

export function registerQuantity(env: Environment): void {
  env.registerType('kubernetes.Quantity', Quantity);
  define(env, 'quantity(string): kubernetes.Quantity', (s: string) => Quantity.parse(s));
  define(env, 'isQuantity(string): bool', (s: string) => isQuantity(s));
  define(env, 'kubernetes.Quantity.sign(): int', (q: Quantity) => BigInt(q.units > 0n ? 1 : q.units < 0n ? -1 : 0));
  define(env, 'kubernetes.Quantity.isInteger(): bool', (q: Quantity) => q.isInteger);
  define(env, 'kubernetes.Quantity.asInteger(): int', (q: Quantity) => {
    const v = q.units / 10n ** BigInt(q.scale);
    if (!q.isInteger || v > maxInt64 || v < -maxInt64 - 1n) throw celError('cannot convert value to integer');
    return v;
  });
  define(env, 'kubernetes.Quantity.asApproximateFloat(): double', (q: Quantity) => Number(q.units) / 10 ** q.scale);
  for (const t of ['kubernetes.Quantity', 'int']) {
    define(env, `kubernetes.Quantity.add(${t}): kubernetes.Quantity`, (a: Quantity, b: Quantity | bigint) =>
      a.plus(asQuantity(b), 1n),
    );
    define(env, `kubernetes.Quantity.sub(${t}): kubernetes.Quantity`, (a: Quantity, b: Quantity | bigint) =>
      a.plus(asQuantity(b), -1n),
    );
  }
  define(env, 'kubernetes.Quantity.compareTo(kubernetes.Quantity): int', (a: Quantity, b: Quantity) =>
    BigInt(a.compare(b)),
  );
  define(
    env,
    'kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool',
    (a: Quantity, b: Quantity) => a.compare(b) < 0,
  );
  define(
    env,
    'kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool',
    (a: Quantity, b: Quantity) => a.compare(b) > 0,
  );
  try {
    env.registerOperator(
      'kubernetes.Quantity == kubernetes.Quantity',
      (a: Quantity, b: Quantity) => a.compare(b) === 0,
    );
  } catch {
    // already declared
  }
  define(env, 'string(kubernetes.Quantity): string', (q: Quantity) => q.text);
}
