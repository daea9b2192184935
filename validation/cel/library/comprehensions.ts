// cel-go's two-variable comprehensions (ext.TwoVarComprehensions: all, exists, existsOne, transformList,
// transformMap, transformMapEntry over (index, value) of a list or (key, value) of a map) and the lists
// extension's sortBy, as macros: the library gives macros their variables through forked contexts.
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './register.js';

// The library's macro interface is untyped: an AST node, a checker and a context with forked variables.
// biome-ignore lint/suspicious/noExplicitAny: the CEL library's macro API
type Any = any;

interface Macro {
  receiver: Any;
  vars: string[];
  exprs: Any[];
  dyn?: Any;
  typeCheck(checker: Any, m: Macro, ctx: Any): Any;
  evaluate(ev: Any, m: Macro, ctx: Any): unknown;
}

type Step = (ev: Any, m: Macro, inner: Any, entries: [unknown, unknown][]) => unknown;

function identifier(node: Any, fn: string): string {
  if (node?.op === 'id') return node.args as string;
  throw celError(`${fn}() variable names must be simple identifiers`);
}

/** The (index, value) pairs of a list, or the (key, value) pairs of a map. */
function entriesOf(v: unknown): [unknown, unknown][] {
  if (Array.isArray(v)) return v.map((x, i) => [BigInt(i), x]);
  if (v instanceof Map) return [...v.entries()];
  if (v !== null && typeof v === 'object') return Object.entries(v);
  throw celError('expression does not evaluate to a list or map');
}

function macro(fn: string, vars: number, result: string, step: Step) {
  return ({ args, receiver }: { args: Any[]; receiver: Any }): Macro => ({
    receiver,
    vars: args.slice(0, vars).map((a) => identifier(a, fn)),
    exprs: args.slice(vars),
    typeCheck(checker, m, ctx) {
      checker.check(m.receiver, ctx);
      m.dyn = checker.getType('dyn');
      const inner = m.vars.reduce((c: Any, name: string) => c.forkWithVariable(name, m.dyn), ctx);
      for (const e of m.exprs) checker.check(e, inner);
      return checker.getType(result);
    },
    evaluate(ev, m, ctx) {
      return step(ev, m, ctx, entriesOf(ev.run(m.receiver, ctx)));
    },
  });
}

/** Runs `expr` with the macro's variables bound to `values`, in contexts of its own (evaluations may nest). */
function run(ev: Any, m: Macro, ctx: Any, expr: Any, values: unknown[]): unknown {
  let c = ctx;
  m.vars.forEach((name, i) => {
    c = c.forkWithVariable(name, m.dyn).setIterValue(values[i], ev);
  });
  return ev.run(expr, c);
}

const bool = (v: unknown, fn: string): boolean => {
  if (typeof v !== 'boolean') throw celError(`${fn}() predicate must return bool`);
  return v;
};

export function registerComprehensions(env: Environment): void {
  const def = (signature: string, m: ReturnType<typeof macro>) => env.registerFunction(signature, m as Any);
  for (const recv of ['list', 'map']) {
    def(
      `${recv}.all(ast, ast, ast): bool`,
      macro('all', 2, 'bool', (ev, m, ctx, entries) =>
        entries.every(([k, v]) => bool(run(ev, m, ctx, m.exprs[0], [k, v]), 'all')),
      ),
    );
    def(
      `${recv}.exists(ast, ast, ast): bool`,
      macro('exists', 2, 'bool', (ev, m, ctx, entries) =>
        entries.some(([k, v]) => bool(run(ev, m, ctx, m.exprs[0], [k, v]), 'exists')),
      ),
    );
    for (const name of ['existsOne', 'exists_one'])
      def(
        `${recv}.${name}(ast, ast, ast): bool`,
        macro(name, 2, 'bool', (ev, m, ctx, entries) => {
          let n = 0;
          for (const [k, v] of entries) if (bool(run(ev, m, ctx, m.exprs[0], [k, v]), name)) n++;
          return n === 1;
        }),
      );
    def(`${recv}.transformList(ast, ast, ast): list<dyn>`, macro('transformList', 2, 'list<dyn>', transformList));
    def(`${recv}.transformList(ast, ast, ast, ast): list<dyn>`, macro('transformList', 2, 'list<dyn>', transformList));
    def(`${recv}.transformMap(ast, ast, ast): map<dyn, dyn>`, macro('transformMap', 2, 'map<dyn, dyn>', transformMap));
    def(
      `${recv}.transformMap(ast, ast, ast, ast): map<dyn, dyn>`,
      macro('transformMap', 2, 'map<dyn, dyn>', transformMap),
    );
    def(
      `${recv}.transformMapEntry(ast, ast, ast): map<dyn, dyn>`,
      macro('transformMapEntry', 2, 'map<dyn, dyn>', transformMapEntry),
    );
    def(
      `${recv}.transformMapEntry(ast, ast, ast, ast): map<dyn, dyn>`,
      macro('transformMapEntry', 2, 'map<dyn, dyn>', transformMapEntry),
    );
  }
  def('list.sortBy(ast, ast): list<dyn>', macro('sortBy', 1, 'list<dyn>', sortBy));
}

/** The entries a filter keeps (the last of two or three expressions is the transform). */
function kept(ev: Any, m: Macro, ctx: Any, entries: [unknown, unknown][], fn: string): [unknown, unknown][] {
  if (m.exprs.length < 2) return entries;
  return entries.filter(([k, v]) => bool(run(ev, m, ctx, m.exprs[0], [k, v]), fn));
}

const last = (m: Macro) => m.exprs[m.exprs.length - 1];

function transformList(ev: Any, m: Macro, ctx: Any, entries: [unknown, unknown][]): unknown {
  return kept(ev, m, ctx, entries, 'transformList').map(([k, v]) => run(ev, m, ctx, last(m), [k, v]));
}

function transformMap(ev: Any, m: Macro, ctx: Any, entries: [unknown, unknown][]): unknown {
  const out = new Map<unknown, unknown>();
  for (const [k, v] of kept(ev, m, ctx, entries, 'transformMap')) out.set(k, run(ev, m, ctx, last(m), [k, v]));
  return out;
}

function transformMapEntry(ev: Any, m: Macro, ctx: Any, entries: [unknown, unknown][]): unknown {
  const out = new Map<unknown, unknown>();
  for (const [k, v] of kept(ev, m, ctx, entries, 'transformMapEntry')) {
    const entry = run(ev, m, ctx, last(m), [k, v]);
    for (const [ek, ev2] of entriesOf(entry)) {
      if (out.has(ek)) throw celError(`insert failed: key ${String(ek)} already exists`);
      out.set(ek, ev2);
    }
  }
  return out;
}

type Key = bigint | number | string | boolean;

function sortBy(ev: Any, m: Macro, ctx: Any, entries: [unknown, unknown][]): unknown {
  const keyed = entries.map(([, v]) => [run(ev, m, ctx, m.exprs[0], [v]) as Key, v] as const);
  const kinds = new Set(keyed.map(([k]) => typeof k));
  if (kinds.size > 1 || [...kinds].some((t) => !['bigint', 'number', 'string', 'boolean'].includes(t)))
    throw celError('sortBy() keys must all be of one comparable type');
  return keyed
    .map((x, i) => [x, i] as const)
    .sort(([[a], i], [[b], j]) => (a < b ? -1 : a > b ? 1 : i - j))
    .map(([[, v]]) => v);
}
