// Schema-aware operations on objects for server-side apply, following structured-merge-diff: the set of
// fields a value sets, the comparison of two values, the merge of an applied configuration, and removal.
import type { Schema } from '../../core/model/types.js';
import { FieldSet, keyElement, type PathElement } from './fieldset.js';
import type { SchemaWalker, Shape } from './schema.js';
import { deepEqual } from './strategic.js';

type Obj = Record<string, unknown>;
type Child = Schema | 'any' | undefined;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export class Typed {
  constructor(private readonly walker: SchemaWalker) {}

  private shape(s: Child): Shape {
    return s === 'any' || s === undefined ? { kind: 'any' } : this.walker.shape(s);
  }

  /** How a value is walked: as a leaf, as fields of an object, or as items of a list (with their elements). */
  private view(
    value: unknown,
    s: Child,
  ): { leaf: true } | { leaf: false; object: boolean; children: Map<PathElement, [unknown, Child]> } {
    const shape = this.shape(s);
    if (isObj(value) && (shape.kind === 'struct' || shape.kind === 'map' || shape.kind === 'any')) {
      if (shape.kind !== 'any' && shape.atomic) return { leaf: true };
      const children = new Map<PathElement, [unknown, Child]>();
      for (const [k, v] of Object.entries(value)) children.set(`f:${k}`, [v, this.walker.field(shape, k) ?? 'any']);
      return { leaf: false, object: true, children };
    }
    if (Array.isArray(value) && shape.kind === 'list' && shape.listType !== 'atomic') {
      const children = new Map<PathElement, [unknown, Child]>();
      value.forEach((item, i) => children.set(this.element(item, i, shape), [item, shape.items]));
      return { leaf: false, object: false, children };
    }
    return { leaf: true };
  }

  private element(item: unknown, index: number, shape: Shape & { kind: 'list' }): PathElement {
    if (shape.listType === 'map' && isObj(item) && shape.keys.length > 0) return keyElement(item, shape.keys);
    if (shape.listType === 'set') return `v:${JSON.stringify(item)}`;
    return `i:${index}`;
  }

  /** Whether a field is declared by its object's schema (undeclared map entries are members themselves). */
  private declared(parent: Child, field: string): boolean {
    const shape = this.shape(parent);
    return shape.kind === 'struct' && field in shape.fields;
  }

  /** The fields a value sets: its leaves, its list items, and its undeclared or empty map entries. */
  toFieldSet(value: unknown, schema: Child): FieldSet {
    const out = new FieldSet();
    const walk = (v: unknown, s: Child, path: PathElement[]) => {
      const view = this.view(v, s);
      if (view.leaf) {
        out.insert(path);
        return;
      }
      for (const [el, [child, cs]] of view.children) {
        const p = [...path, el];
        walk(child, cs, p);
        if (!view.object) out.insert(p);
        else if (child === null || (isObj(child) && Object.keys(child).length === 0) || !this.declared(s, el.slice(2)))
          out.insert(p);
      }
    };
    walk(value, schema, []);
    return out;
  }

  /**
   * What changed from `lhs` to `rhs`: leaves added, modified or removed, plus list items and map entries
   * appearing or disappearing as a whole (the `.` members of an Update's fields).
   */
  compare(lhs: unknown, rhs: unknown, schema: Child): Comparison {
    const cmp: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
    const walk = (l: unknown, r: unknown, s: Child, path: PathElement[], whole: boolean) => {
      if (l === undefined && r === undefined) return;
      const lv = l === undefined ? undefined : this.view(l, s);
      const rv = r === undefined ? undefined : this.view(r, s);
      if (lv?.leaf || rv?.leaf || (lv && rv && lv.object !== rv.object)) {
        if (l === undefined) cmp.added.insert(path);
        else if (r === undefined) cmp.removed.insert(path);
        else if (!deepEqual(l, r)) cmp.modified.insert(path);
        return;
      }
      const lc = lv && !lv.leaf ? lv.children : new Map<PathElement, [unknown, Child]>();
      const rc = rv && !rv.leaf ? rv.children : new Map<PathElement, [unknown, Child]>();
      const object = (lv && !lv.leaf && lv.object) || (rv && !rv.leaf && rv.object);
      for (const el of new Set([...lc.keys(), ...rc.keys()])) {
        const cs = (lc.get(el) ?? rc.get(el))![1];
        const whole = !object || !this.declared(s, el.slice(2)) || this.shape(cs).kind === 'map';
        walk(lc.get(el)?.[0], rc.get(el)?.[0], cs, [...path, el], whole);
      }
      if (whole && path.length > 0) {
        if (l === undefined) cmp.added.insert(path);
        else if (r === undefined) cmp.removed.insert(path);
      }
    };
    walk(lhs, rhs, schema, [], false);
    return cmp;
  }

  /** The live object with an applied configuration merged in: granular maps and lists merge, the rest is replaced. */
  merge(live: unknown, config: unknown, schema: Child): unknown {
    if (config === undefined) return structuredClone(live);
    if (live === undefined || live === null) return structuredClone(config);
    const lv = this.view(live, schema);
    const cv = this.view(config, schema);
    if (lv.leaf || cv.leaf || lv.object !== cv.object) return structuredClone(config);
    if (lv.object) {
      const out: Obj = structuredClone(live as Obj);
      for (const [el, [value, cs]] of cv.children) {
        const name = el.slice(2);
        if (value === null) delete out[name];
        else out[name] = this.merge(out[name], value, cs);
      }
      return out;
    }
    const out = (live as unknown[]).map((x) => structuredClone(x));
    const index = [...lv.children.keys()];
    for (const [el, [value, cs]] of cv.children) {
      const at = index.indexOf(el);
      if (at >= 0) out[at] = this.merge(out[at], value, cs);
      else {
        out.push(structuredClone(value));
        index.push(el);
      }
    }
    return out;
  }

  /**
   * Removes the value at `path` from `obj` in place (nothing when it is not there); maps and lists it leaves
   * empty go too, as a built-in kind's `omitempty` fields vanish.
   */
  remove(obj: unknown, path: PathElement[], schema: Child): void {
    const trail: { node: unknown; view: ReturnType<Typed['view']>; el: PathElement }[] = [];
    let node: unknown = obj;
    let s: Child = schema;
    for (const el of path) {
      const view = this.view(node, s);
      if (view.leaf || !view.children.has(el)) return;
      trail.push({ node, view, el });
      [node, s] = view.children.get(el)!;
    }
    for (let i = trail.length - 1; i >= 0; i--) {
      const { node: parent, view, el } = trail[i]!;
      if (view.leaf) return;
      if (view.object) delete (parent as Obj)[el.slice(2)];
      else (parent as unknown[]).splice([...view.children.keys()].indexOf(el), 1);
      const empty = Array.isArray(parent) ? parent.length === 0 : Object.keys(parent as Obj).length === 0;
      if (!empty || i === 0) return;
    }
  }
}
