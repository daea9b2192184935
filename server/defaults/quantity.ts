// Kubernetes resource quantities ("500m", "1.5Gi", "2e3") read exactly, so that two spellings of one amount
// compare equal as kube-apiserver compares them ("1" and "1000m" are the same CPU).

/** An exact amount: numerator over denominator. */
interface Amount {
  num: bigint;
  den: bigint;
}

const binary: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const decimal: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const pattern = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/;

/** The amount a quantity stands for, or undefined when the text is not a quantity. */
export function parseQuantity(text: string): Amount | undefined {
  const m = pattern.exec(text.trim());
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  const [whole = '', fraction = ''] = digits!.split('.');
  let num = BigInt(`${whole}${fraction}` || '0') * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(fraction.length);
  let exponent = 0;
  if (suffix in binary) num *= binary[suffix]!;
  else if (suffix in decimal) exponent = decimal[suffix]!;
  else if (suffix) exponent = Number(suffix.slice(1));
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den *= 10n ** BigInt(-exponent);
  return { num, den };
}

/** Whether two quantities are the same amount (texts that are not quantities compare as text). */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const x = parseQuantity(String(a));
  const y = parseQuantity(String(b));
  if (!x || !y) return String(a) === String(b);
  return x.num * y.den === y.num * x.den;
}

/** Whether a quantity is zero (a text that is not a quantity is not). */
export function isZeroQuantity(q: unknown): boolean {
  return parseQuantity(String(q))?.num === 0n;
}
