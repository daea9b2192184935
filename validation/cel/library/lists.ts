// Kubernetes' list library (isSorted, sum, min, max, indexOf, lastIndexOf) and cel-go's lists
// extension (slice, flatten, distinct, sort, reverse, first, last, lists.range).
import { type Environment, Optional } from '@marcbachmann/cel-js';
import { canonical } from '../../structural/lists.js';
import { celError, define, namespace } from './register.js';

type Comparable = bigint | number | string | boolean;

function compare(a: Comparable, b: Comparable): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const same = (a: unknown, b: unknown) => a === b || canonical(a) === canonical(b);

export function registerLists(env: Environment): void {
  define(env, 'list.isSorted(): bool', (l: Comparable[]) => l.every((v, i) => i === 0 || compare(l[i - 1]!, v) <= 0));
  define(env, 'list.sum(): dyn', (l: Comparable[]) => {
    if (l.length === 0) return 0n;
    if (typeof l[0] === 'bigint') return (l as bigint[]).reduce((a, b) => a + b, 0n);
    return (l as number[]).reduce((a, b) => a + Number(b), 0);
  });
  define(env, 'list.min(): dyn', (l: Comparable[]) => extreme(l, -1));
  define(env, 'list.max(): dyn', (l: Comparable[]) => extreme(l, 1));
  define(env, 'list.indexOf(dyn): int', (l: unknown[], v: unknown) => BigInt(l.findIndex((x) => same(x, v))));
  define(env, 'list.lastIndexOf(dyn): int', (l: unknown[], v: unknown) => {
    for (let i = l.length - 1; i >= 0; i--) if (same(l[i], v)) return BigInt(i);
    return -1n;
  });
  define(env, 'list.slice(int, int): list', (l: unknown[], a: bigint, b: bigint) => {
    if (a < 0n || b < a || b > BigInt(l.length)) throw celError(`cannot slice(${a}, ${b}), list is length ${l.length}`);
    return l.slice(Number(a), Number(b));
  });
  define(env, 'list.flatten(): list', (l: unknown[]) => l.flatMap((x) => (Array.isArray(x) ? x : [x])));
  define(env, 'list.flatten(int): list', (l: unknown[], d: bigint) => (l as unknown[][]).flat(Number(d)));
  define(env, 'list.distinct(): list', (l: unknown[]) => l.filter((x, i) => l.findIndex((y) => same(x, y)) === i));
  define(env, 'list.sort(): list', (l: Comparable[]) => [...l].sort(compare));
  define(env, 'list.reverse(): list', (l: unknown[]) => [...l].reverse());
  define(env, 'list.first(): optional<dyn>', (l: unknown[]) => (l.length ? Optional.of(l[0]) : Optional.none()));
  define(env, 'list.last(): optional<dyn>', (l: unknown[]) =>
    l.length ? Optional.of(l[l.length - 1]) : Optional.none(),
  );
  namespace(env, 'lists', 'kubernetes.ListsNamespace');
  define(env, 'kubernetes.ListsNamespace.range(int): list<int>', (_: unknown, n: bigint) =>
    Array.from({ length: Number(n) }, (_x, i) => BigInt(i)),
  );
}

function extreme(l: Comparable[], sign: 1 | -1): Comparable {
  if (l.length === 0) throw celError(sign > 0 ? 'max of empty list' : 'min of empty list');
  return l.reduce((best, v) => (compare(v, best) * sign > 0 ? v : best));
}
