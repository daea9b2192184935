// How deep objects and arrays may nest in any input, and the walks that tell. Every later step walks schemas
// recursively (the model's checks, the emitter, the TypeScript printer), so a bound here keeps each of them far
// from the end of the stack whatever document it is given.
import { pointerOf } from './errors.js';

/**
 * The deepest nesting of objects and arrays allowed. The deepest real input known, a cert-manager CRD, nests 38
 * levels (19 levels of schema); the emitter's deepest recursion still has ample stack at 128.
 */
export const maxNesting = 128;

/** How many object keys a value holds, and whether it nests deeper than `max`. Iterative: any depth is safe. */
export function measureNesting(root: unknown, max = maxNesting): { keys: number; tooDeep: boolean } {
  if (typeof root !== 'object' || root === null) return { keys: 0, tooDeep: false };
  const values: object[] = [root];
  const depths: number[] = [1];
  let keys = 0;
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > max) return { keys, tooDeep: true };
    if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item !== 'object' || item === null) continue;
        values.push(item);
        depths.push(depth + 1);
      }
    } else {
      for (const key in value) {
        keys++;
        const item = (value as Record<string, unknown>)[key];
        if (typeof item !== 'object' || item === null) continue;
        values.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return { keys, tooDeep: false };
}

/** Values a reader measured within `maxNesting` as it parsed them: the model builder need not walk them again. */
const bounded = new WeakSet<object>();

export function markBounded(root: object): void {
  bounded.add(root);
}

/** The JSON pointer of the first object or array nested deeper than `max`, or undefined when there is none. */
export function tooDeepAt(root: unknown, max = maxNesting): string | undefined {
  if (max >= maxNesting && typeof root === 'object' && root !== null && bounded.has(root)) return undefined;
  if (!measureNesting(root, max).tooDeep) return undefined;
  interface Entry {
    value: unknown;
    depth: number;
    parent: Entry | undefined;
    token: string;
  }
  const stack: Entry[] = [{ value: root, depth: 1, parent: undefined, token: '' }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) {
      const tokens: string[] = [];
      for (let e: Entry | undefined = entry; e?.parent; e = e.parent) tokens.push(e.token);
      return pointerOf(...tokens.reverse());
    }
    const children = Object.entries(value as Record<string, unknown>).reverse();
    for (const [token, child] of children) stack.push({ value: child, depth: depth + 1, parent: entry, token });
  }
  return undefined;
}
