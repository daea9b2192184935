// Small helpers for filling in fields of decoded JSON objects.

export type Obj = Record<string, unknown>;

/** The object at `o[key]`, created empty when it is missing or not an object. */
export function at(o: Obj, key: string): Obj {
  const v = o[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  const created: Obj = {};
  o[key] = created;
  return created;
}

/** The objects of an array (anything else is skipped). */
export function objects(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter((x): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];
}

/** The object at `o[key]` when there is one. */
export function child(o: Obj, key: string): Obj | undefined {
  const v = o[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}
