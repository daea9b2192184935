// Kubernetes' regex library: `find` and `findAll` over RE2 patterns (JavaScript syntax covers them).
import type { Environment } from '@marcbachmann/cel-js';
import { celError, define } from './register.js';

const cache = new Map<string, RegExp>();

export function regex(pattern: string, flags = 'u'): RegExp {
  const id = `${flags}/${pattern}`;
  let re = cache.get(id);
  if (!re) {
    try {
      re = new RegExp(pattern, flags);
    } catch (e) {
      throw celError(`error parsing regexp: ${(e as Error).message}`);
    }
    cache.set(id, re);
  }
  return re;
}

export function registerRegex(env: Environment): void {
  define(env, 'string.find(string): string', (s: string, p: string) => regex(p).exec(s)?.[0] ?? '');
  define(env, 'string.findAll(string): list<string>', (s: string, p: string) =>
    [...s.matchAll(regex(p, 'gu'))].map((m) => m[0]),
  );
  define(env, 'string.findAll(string, int): list<string>', (s: string, p: string, n: bigint) => {
    const all = [...s.matchAll(regex(p, 'gu'))].map((m) => m[0]);
    return n < 0n ? all : all.slice(0, Number(n));
  });
}
