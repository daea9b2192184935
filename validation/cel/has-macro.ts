// has() on a field of any expression (`has(self[0].matches)`, as Gateway API's rules write it): the CEL
// library accepts only chains rooted at an identifier, so such calls get a presence test of our own.
import type { ASTNode } from '@marcbachmann/cel-js';

interface MacroNode {
  op: string;
  args: unknown;
  meta?: { macro?: { args: MacroNode[]; typeCheck: unknown; evaluate: unknown } };
}

// The evaluator and checker the library passes to macros (its internal protocol, pinned by version).
interface Evaluator {
  run(node: unknown, ctx: unknown): unknown;
  debugType(v: unknown): { fieldLazy(obj: unknown, name: string, node: unknown, ev: Evaluator): unknown };
}
interface Checker {
  check(node: unknown, ctx: unknown): unknown;
  getType(name: string): unknown;
}

function rootedAtIdentifier(node: MacroNode): boolean {
  let n = node;
  while (n.op === '.' || n.op === '.?') n = (n.args as MacroNode[])[0]!;
  return n.op === 'id';
}

function patch(call: MacroNode): void {
  const macro = call.meta?.macro;
  const arg = macro?.args[0];
  if (!macro || !arg || arg.op !== '.' || rootedAtIdentifier(arg)) return;
  const [receiver, field] = arg.args as [MacroNode, string];
  macro.typeCheck = (checker: Checker, _m: unknown, ctx: unknown) => {
    checker.check(receiver, ctx);
    return checker.getType('bool');
  };
  macro.evaluate = (ev: Evaluator, _m: unknown, ctx: unknown) => {
    const obj = ev.run(receiver, ctx);
    return ev.debugType(obj).fieldLazy(obj, field, arg, ev) !== undefined;
  };
}

/** Visits every node of a parsed expression. */
export function walk(node: unknown, visit: (n: MacroNode) => void, seen = new Set<unknown>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit, seen);
    return;
  }
  const n = node as MacroNode;
  if (typeof n.op !== 'string') {
    for (const v of Object.values(n)) walk(v, visit, seen);
    return;
  }
  visit(n);
  walk(n.args, visit, seen);
}

export function fixHasMacros(ast: ASTNode): void {
  walk(ast, (n) => {
    if (n.op === 'call' && Array.isArray(n.args) && n.args[0] === 'has') patch(n);
  });
}
