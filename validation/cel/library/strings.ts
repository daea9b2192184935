// cel-go's strings extension as Kubernetes enables it (charAt, replace, reverse, quote, format…)
// on top of what the base library already has (indexOf, substring, split, join, trim…).
import type { Environment } from '@marcbachmann/cel-js';
import { celError, define, namespace } from './register.js';
import { formatString } from './string-format.js';

const runes = (s: string) => [...s];

export function registerStrings(env: Environment): void {
  define(env, 'string.charAt(int): string', (s: string, i: bigint) => {
    const r = runes(s);
    if (i < 0n || i > BigInt(r.length)) throw celError(`index out of range: ${i}`);
    return r[Number(i)] ?? '';
  });
  define(env, 'string.replace(string, string): string', (s: string, a: string, b: string) => s.split(a).join(b));
  define(env, 'string.replace(string, string, int): string', (s: string, a: string, b: string, n: bigint) =>
    replaceN(s, a, b, Number(n)),
  );
  define(env, 'string.reverse(): string', (s: string) => runes(s).reverse().join(''));
  define(env, 'string.format(list): string', (s: string, args: unknown[]) => formatString(s, args));
  namespace(env, 'strings', 'kubernetes.StringsNamespace');
  define(env, 'kubernetes.StringsNamespace.quote(string): string', (_: unknown, s: string) => JSON.stringify(s));
}

function replaceN(s: string, from: string, to: string, n: number): string {
  if (n === 0) return s;
  if (n < 0 || from === '') return s.split(from).join(to);
  let out = '';
  let rest = s;
  for (let i = 0; i < n; i++) {
    const at = rest.indexOf(from);
    if (at < 0) break;
    out += rest.slice(0, at) + to;
    rest = rest.slice(at + from.length);
  }
  return out + rest;
}
