// Which schemas a request may send a quantity in. Their request bodies are typed `$Write<T>` (support.ts), where a
// `Quantity` may also be a number, as kube-apiserver accepts (`cpu: 1`) before it answers the canonical string.
import { QUANTITY, REF_KEY, REF_TYPE } from './schema.js';
import type { Prepared } from './types.js';

/** The schemas (full names, and nested objects' keys) that hold a Quantity at some depth. */
export function quantityHolders(prepared: Prepared): Set<string> {
  const referrers = new Map<string, string[]>();
  const add = (from: string, schema: Record<string, unknown>) => {
    for (const to of refsIn(schema)) {
      const list = referrers.get(to);
      if (list) list.push(from);
      else referrers.set(to, [from]);
    }
  };
  for (const [name, schema] of prepared.schemas) {
    add(name, schema);
    for (const n of prepared.nested.get(name) ?? []) add(n.key, n.schema);
  }
  const holders = new Set<string>();
  const queue = prepared.schemas.has(QUANTITY) ? [QUANTITY] : [];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (holders.has(name)) continue;
    holders.add(name);
    queue.push(...(referrers.get(name) ?? []));
  }
  return holders;
}

/** The schemas a prepared schema references, at any depth (its own nested objects are references too). */
export function refsIn(schema: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  // Walked without a list per node: every schema of a large spec passes here.
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const s = stack.pop();
    if (typeof s !== 'object' || s === null || Array.isArray(s)) continue;
    const o = s as Record<string, unknown>;
    if (o.type === REF_TYPE && typeof o[REF_KEY] === 'string') out.add(o[REF_KEY]);
    const properties = o.properties;
    if (typeof properties === 'object' && properties !== null)
      for (const key in properties) stack.push((properties as Record<string, unknown>)[key]);
    // Where a prepared schema holds other schemas besides its properties, each read by name (a key taken from a
    // list is a generic lookup).
    held(stack, o.additionalProperties);
    held(stack, o.items);
    held(stack, o.allOf);
    held(stack, o.oneOf);
    held(stack, o.anyOf);
  }
  return out;
}

/** One schema, or a list of them. */
function held(stack: unknown[], v: unknown): void {
  if (Array.isArray(v)) for (const x of v) stack.push(x);
  else if (typeof v === 'object' && v !== null) stack.push(v);
}
