// Numbers printed as Go prints them in kube-apiserver's messages: int64 values bare, float64 with %v.

/** Go's %v of a float64: shortest digits, in exponent form below 1e-4 and from 1e+06 on. */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp >= -4 && exp < 6) return String(n);
  const [mantissa, e] = n.toExponential().split('e') as [string, string];
  const sign = e.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/** A bound or value as kube-openapi prints it: integers bare when the data is an integer, else Go's float form. */
export function goNumber(n: number, asInteger: boolean): string {
  return asInteger && Number.isInteger(n) ? String(n) : goFloat(n);
}
