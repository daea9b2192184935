// Whether rules sit below a schema node: read without loading the CEL library, so that objects of kinds
// without rules never need it.
import type { SchemaNode } from '../schema/node.js';

const withRules = new WeakMap<object, boolean>();

/** Whether a node or anything below it carries rules (recursive definitions count once). */
export function containsRules(node: SchemaNode, depth = 0): boolean {
  if (node.memo.containsRules !== undefined) return node.memo.containsRules;
  const cached = withRules.get(node.raw);
  if (cached !== undefined) return cached;
  if (depth > 64) return false;
  withRules.set(node.raw, false);
  const additional = node.additionalProperties;
  const found =
    node.rules.length > 0 ||
    someProperty(node, depth + 1) ||
    (node.items !== undefined && containsRules(node.items, depth + 1)) ||
    (typeof additional === 'object' && containsRules(additional, depth + 1)) ||
    node.allOf.some((n) => containsRules(n, depth + 1));
  withRules.set(node.raw, found);
  node.memo.containsRules = found;
  return found;
}

function someProperty(node: SchemaNode, depth: number): boolean {
  for (const p of node.properties.values()) if (containsRules(p, depth)) return true;
  return false;
}
