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
  const stack: Record<string, unknown>[] = [schema];
  const push = (v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) stack.push(v as Record<string, unknown>);
  };
  for (let s = stack.pop(); s !== undefined; s = stack.pop()) {
    if (s.type === REF_TYPE && typeof s[REF_KEY] === 'string') out.add(s[REF_KEY]);
    if (typeof s.properties === 'object' && s.properties !== null) Object.values(s.properties).forEach(push);
    for (const v of [s.additionalProperties, s.items, s.allOf, s.oneOf, s.anyOf].flat()) push(v);
  }
  return out;
}
