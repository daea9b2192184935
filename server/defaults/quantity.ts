// Kubernetes resource quantities as apimachinery's resource.Quantity reads and writes them: parsed exactly (to the
// nano, a finer amount rounded away from zero; binary amounts capped at 2^63-1), compared as amounts ("1" and
// "1000m" are the same CPU), and written in the canonical form kube-apiserver answers with: no fraction, the
// largest suffix that loses nothing, of the kind the text was written with ("1.5" → "1500m", "1536Mi" stays,
// "2048Mi" → "2Gi", "1e3" stays). A text that is already canonical as written comes back as written.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact amount: `±digits × 10^exponent`, and the kind of suffix it is written with. */
export interface Quantity {
  negative: boolean;
  digits: bigint;
  exponent: number;
  format: QuantityFormat;
  /** The text, when kube-apiserver writes it back unchanged. */
  text?: string;
}

/** The pattern apimachinery names in its error for a text that is no quantity. */
const shape = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const quantityFormatError = `quantities must match the regular expression '${shape}'`;

export class QuantityError extends Error {}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const maxBinary = (1n << 63n) - 1n;

/** The parts of a quantity's text: sign, digits before and after the point, and the suffix. */
interface Parts {
  negative: boolean;
  whole: string;
  fraction: string;
  suffix: string;
  /** Whether the number is written with any digit (a bare sign or point is read as zero, but not everywhere). */
  written: boolean;
}

/** Splits as apimachinery's scanner does: leading zeros dropped, the suffix checked later. */
function split(text: string): Parts {
  const m = /^([+-]?)(0*)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/.exec(text);
  if (!m) throw new QuantityError(quantityFormatError);
  const [, sign, zeros, whole, fraction = '', suffix] = m;
  return {
    negative: sign === '-',
    whole: whole || '0',
    fraction,
    suffix: suffix!,
    written: !!(zeros || whole || fraction),
  };
}

function suffixOf(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  if (suffix in decimalSuffixes) return { base: 10, exponent: decimalSuffixes[suffix]!, format: 'DecimalSI' };
  if (suffix in binarySuffixes) return { base: 2, exponent: binarySuffixes[suffix]!, format: 'BinarySI' };
  if (/^[eE][-+]?\d+$/.test(suffix)) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) <= 2 ** 31 - 1) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityError("unable to parse quantity's suffix");
}

/** Reads a quantity (surrounding spaces allowed, as in JSON); throws a QuantityError with apimachinery's message. */
export function parseQuantity(input: string): Quantity {
  const text = input.trim();
  if (text === '') throw new QuantityError(quantityFormatError);
  if (text === '0') return { negative: false, digits: 0n, exponent: 0, format: 'DecimalSI', text };
  const parts = split(text);
  const { base, exponent, format } = suffixOf(parts.suffix);
  const shifted = parts.whole + parts.fraction;
  const quick = quickForm(parts, base, exponent, format, text);
  if (quick) return quick;
  if (!parts.written) throw new QuantityError('unable to parse numeric part of quantity');
  let digits = BigInt(shifted);
  let scale = exponent - parts.fraction.length;
  if (base === 2) {
    digits <<= BigInt(exponent);
    scale = -parts.fraction.length;
  }
  // Finer than a nano: rounded away from zero to the next nano, so that a request for some gets some.
  if (digits !== 0n && scale < -9) {
    const unit = 10n ** BigInt(-9 - scale);
    digits = (digits + unit - 1n) / unit;
    scale = -9;
  }
  let kind = format;
  if (kind === 'BinarySI') {
    if (digits !== 0n && compare(digits, scale, maxBinary, 0) > 0) [digits, scale] = [maxBinary, 0];
    if (digits !== 0n && compare(digits, scale, 1n, 0) < 0) kind = 'DecimalSI';
  }
  return { negative: parts.negative && digits !== 0n, digits, exponent: scale, format: kind };
}

/**
 * apimachinery's int64 fast path: when the amount fits in 18 digits at a nano or coarser, it is exact as written, and
 * a text already in canonical form (no trailing "000", no leading zero, an exponent divisible by 3) is kept verbatim.
 */
function quickForm(
  parts: Parts,
  base: 2 | 10,
  exponent: number,
  format: QuantityFormat,
  text: string,
): Quantity | undefined {
  const shifted = parts.whole + parts.fraction;
  const precision =
    base === 10
      ? 18 - shifted.length
      : parts.fraction === ''
        ? 15 - parts.whole.length - Math.trunc((exponent * 3) / 10) - 1
        : -1;
  const scale = (base === 10 ? exponent : 0) - parts.fraction.length;
  if (precision < 0 || scale < -9) return undefined;
  const value = BigInt(shifted);
  const digits = base === 2 ? value << BigInt(exponent) : value;
  if (digits > maxBinary) return undefined;
  const canonical =
    base === 2 ? (value & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  const q: Quantity = { negative: parts.negative && digits !== 0n, digits, exponent: scale, format };
  if (canonical) q.text = text;
  return q;
}

/** Compares a×10^ae with b×10^be (both non-negative). */
function compare(a: bigint, ae: number, b: bigint, be: number): number {
  const e = Math.min(ae, be);
  const x = a * 10n ** BigInt(ae - e);
  const y = b * 10n ** BigInt(be - e);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** The text kube-apiserver writes for a quantity. */
export function formatQuantity(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.digits === 0n) return '0';
  const sign = q.negative ? '-' : '';
  if (q.format === 'BinarySI') {
    const small = compare(q.digits, q.exponent, 1024n, 0) < 0;
    const whole = q.exponent >= 0 ? q.digits * 10n ** BigInt(q.exponent) : undefined;
    const exact =
      whole ?? (q.digits % 10n ** BigInt(-q.exponent) === 0n ? q.digits / 10n ** BigInt(-q.exponent) : undefined);
    if (!small && exact !== undefined) return sign + binaryText(exact);
  }
  return sign + decimalText(q.digits, q.exponent, q.format === 'DecimalExponent');
}

/** Digits without trailing zeros, the exponent brought down to a multiple of 3, then the suffix for it. */
function decimalText(digits: bigint, exponent: number, asExponent: boolean): string {
  let d = digits;
  let e = exponent;
  while (d % 10n === 0n) {
    d /= 10n;
    e += 1;
  }
  const down = ((e % 3) + 3) % 3;
  d *= 10n ** BigInt(down);
  e -= down;
  const si = Object.entries(decimalSuffixes).find(([, x]) => x === e)?.[0];
  if (!asExponent && si !== undefined) return `${d}${si}`;
  return e === 0 ? `${d}` : `${d}e${e}`;
}

function binaryText(value: bigint): string {
  let v = value;
  let power = 0;
  while (v % 1024n === 0n && power < 6) {
    v /= 1024n;
    power += 1;
  }
  const suffix = Object.entries(binarySuffixes).find(([, x]) => x === power * 10)?.[0] ?? '';
  return `${v}${suffix}`;
}

/** The canonical text of a quantity written as text or as a JSON number; throws a QuantityError when it is neither. */
export function canonicalQuantity(value: string | number): string {
  return formatQuantity(parseQuantity(typeof value === 'number' ? numberText(value) : value));
}

/** A JSON number as its text: JavaScript's shortest round-trip spelling (the number's own spelling is gone). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(quantityFormatError);
  return Object.is(n, -0) ? '0' : String(n);
}

function amountOf(value: unknown): Quantity | undefined {
  try {
    return parseQuantity(typeof value === 'number' ? numberText(value) : String(value));
  } catch {
    return undefined;
  }
}

/** Whether two quantities are the same amount (texts that are not quantities compare as text). */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const x = amountOf(a);
  const y = amountOf(b);
  if (!x || !y) return String(a) === String(b);
  return x.negative === y.negative && compare(x.digits, x.exponent, y.digits, y.exponent) === 0;
}

/** Whether a quantity is zero (a text that is not a quantity is not). */
export function isZeroQuantity(q: unknown): boolean {
  return amountOf(q)?.digits === 0n;
}
