// Strategic merge patch (application/strategic-merge-patch+json) of built-in kinds, read from the schema's
// `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key`: lists merged by key, `replace`, `retainKeys`,
// and the `$patch`, `$retainKeys`, `$setElementOrder/…` and `$deleteFromPrimitiveList/…` directives.
import type { Schema } from '../../core/model/types.js';
import { badRequest, StatusError } from '../http/status.js';
import type { SchemaWalker } from './schema.js';

type Obj = Record<string, unknown>;

const setOrderPrefix = '$setElementOrder/';
const deletePrefix = '$deleteFromPrimitiveList/';

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Applies `patch` to a copy of `original`, whose schema is `root`. */
export function strategicMerge(walker: SchemaWalker, root: Schema | undefined, original: Obj, patch: unknown): Obj {
  if (!isObj(patch))
    throw badRequest(
      `json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`,
    );
  const merged = new Merger(walker).map(structuredClone(original), patch, root);
  return merged ?? {};
}

function strategyOf(s: Schema | undefined): { strategies: string[]; key?: string } {
  const strategies = String(s?.['x-kubernetes-patch-strategy'] ?? '')
    .split(',')
    .filter(Boolean);
  const key = s?.['x-kubernetes-patch-merge-key'];
  return { strategies, key: typeof key === 'string' ? key : undefined };
}

class Merger {
  constructor(private readonly walker: SchemaWalker) {}

  private fieldSchema(schema: Schema | undefined, name: string): Schema | undefined {
    const s = this.walker.resolve(schema);
    const field =
      s?.properties?.[name] ?? (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined);
    return field;
  }

  /** Merges a patch map into an original map; undefined means the map is deleted (`$patch: delete`). */
  map(original: Obj, patch: Obj, schema: Schema | undefined): Obj | undefined {
    const directive = patch.$patch;
    if (directive === 'replace') return this.clean(patch);
    if (directive === 'delete') return undefined;
    if (directive !== undefined && directive !== 'merge')
      throw badRequest(`Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);
    const retain = patch.$retainKeys;
    if (retain !== undefined) {
      if (!Array.isArray(retain)) throw badRequest("doesn't support $retainKeys directive with non-list value");
      for (const k of Object.keys(original)) if (!retain.includes(k)) delete original[k];
    }
    const orders: [string, unknown][] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (k === '$patch' || k === '$retainKeys') continue;
      if (k.startsWith(setOrderPrefix)) {
        orders.push([k.slice(setOrderPrefix.length), v]);
        continue;
      }
      if (k.startsWith(deletePrefix)) {
        this.deleteFromPrimitiveList(original, k.slice(deletePrefix.length), v);
        continue;
      }
      this.key(original, k, v, this.fieldSchema(schema, k));
    }
    for (const [k, order] of orders) this.setElementOrder(original, k, order, this.fieldSchema(schema, k));
    return original;
  }

  private key(original: Obj, k: string, v: unknown, schema: Schema | undefined): void {
    if (v === null) {
      delete original[k];
      return;
    }
    const current = original[k];
    const { strategies, key } = strategyOf(this.walker.resolve(schema));
    if (isObj(v)) {
      if (strategies.includes('replace') && v.$patch === undefined) original[k] = this.clean(v);
      else {
        const merged = this.map(isObj(current) ? current : {}, v, schema);
        if (merged === undefined) delete original[k];
        else original[k] = merged;
      }
      return;
    }
    if (Array.isArray(v)) {
      const list = Array.isArray(current) ? current : [];
      original[k] = strategies.includes('merge') ? this.mergeList(list, v, schema, key) : this.replaceList(v);
      return;
    }
    original[k] = v;
  }

  /** A list under the replace strategy (the default): the patch's list, directives honoured. */
  private replaceList(patch: unknown[]): unknown[] {
    return patch.filter((e) => !(isObj(e) && e.$patch !== undefined)).map((e) => (isObj(e) ? this.clean(e) : e));
  }

  private mergeList(
    original: unknown[],
    patch: unknown[],
    schema: Schema | undefined,
    key: string | undefined,
  ): unknown[] {
    const items = this.walker.resolve(schema)?.items;
    if (patch.some((e) => isObj(e) && e.$patch === 'replace')) return this.replaceList(patch);
    if (!patch.some(isObj) && !original.some(isObj)) {
      const out = [...original];
      for (const e of patch) if (!out.some((o) => deepEqual(o, e))) out.push(e);
      return out;
    }
    if (!key) throw badRequest(`merging an object in json but data type is not struct, instead is: map`);
    const out = [...original];
    for (const e of patch) {
      if (!isObj(e))
        throw badRequest(`Invalid patch: list elements under the merge strategy must be objects: ${JSON.stringify(e)}`);
      if (!(key in e))
        throw new StatusError(500, '', `map: ${goMap(e)} does not contain declared merge key: ${key}`, {});
      const at = out.findIndex((o) => isObj(o) && deepEqual(o[key], e[key]));
      if (e.$patch === 'delete') {
        if (at >= 0) out.splice(at, 1);
        continue;
      }
      if (at >= 0) {
        const merged = this.map(out[at] as Obj, e, items);
        if (merged === undefined) out.splice(at, 1);
        else out[at] = merged;
      } else {
        out.push(this.map({}, e, items) ?? {});
      }
    }
    return out;
  }

  private deleteFromPrimitiveList(original: Obj, k: string, values: unknown): void {
    if (!Array.isArray(values)) throw badRequest(`invalid patch: $deleteFromPrimitiveList/${k} must be a list`);
    const current = original[k];
    if (!Array.isArray(current)) return;
    original[k] = current.filter((e) => !values.some((v) => deepEqual(v, e)));
  }

  /**
   * Orders a merged list as `$setElementOrder` says; elements only the server has keep their place relative
   * to the ordered ones, as the real server interleaves them.
   */
  private setElementOrder(original: Obj, k: string, order: unknown, schema: Schema | undefined): void {
    if (!Array.isArray(order)) throw badRequest(`invalid patch: $setElementOrder/${k} must be a list`);
    const list = original[k];
    if (!Array.isArray(list)) return;
    const { key } = strategyOf(this.walker.resolve(schema));
    const identity = (e: unknown) => (key && isObj(e) ? e[key] : e);
    const rank = (e: unknown) => order.findIndex((o) => deepEqual(identity(o), identity(e)));
    const ordered = list.filter((e) => rank(e) >= 0).sort((a, b) => rank(a) - rank(b));
    const serverOnly = list.filter((e) => rank(e) < 0);
    const out: unknown[] = [];
    let i = 0;
    let j = 0;
    while (i < ordered.length || j < serverOnly.length) {
      if (j < serverOnly.length && (i >= ordered.length || list.indexOf(serverOnly[j]) < list.indexOf(ordered[i])))
        out.push(serverOnly[j++]);
      else out.push(ordered[i++]);
    }
    original[k] = out;
  }

  /** A patch value stored as it is: directives dropped, nulls kept out. */
  private clean(v: Obj): Obj {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('$') || x === null) continue;
      out[k] = isObj(x) ? this.clean(x) : Array.isArray(x) ? this.replaceList(x) : x;
    }
    return out;
  }
}

function goMap(o: Obj): string {
  return `map[${Object.keys(o)
    .sort()
    .map((k) => `${k}:${typeof o[k] === 'object' ? JSON.stringify(o[k]) : String(o[k])}`)
    .join(' ')}]`;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as Obj);
  const kb = Object.keys(b as Obj);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Obj)[k], (b as Obj)[k]));
}
