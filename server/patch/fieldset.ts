// Sets of field paths as server-side apply tracks them: path elements spelled as in `fieldsV1`
// (`f:name`, `k:{"name":"app"}`, `v:"x"`, `i:0`), converted to and from the `fieldsV1` tree and
// printed as kube-apiserver prints them in conflicts (`.spec.containers[name="app"].image`).
import { compareStrings } from '../../core/spec/values.js';

/** One path element, in its `fieldsV1` spelling. */
export type PathElement = string;

const sep = '\n';

export class FieldSet {
  private readonly paths = new Set<string>();

  static of(paths: Iterable<PathElement[]>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: PathElement[]): void {
    if (path.length > 0) this.paths.add(path.join(sep));
  }

  has(path: PathElement[]): boolean {
    return this.paths.has(path.join(sep));
  }

  get size(): number {
    return this.paths.size;
  }

  *[Symbol.iterator](): Iterator<PathElement[]> {
    for (const p of this.paths) yield p.split(sep);
  }

  union(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths) out.paths.add(p);
    for (const p of other.paths) out.paths.add(p);
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths) if (other.paths.has(p)) out.paths.add(p);
    return out;
  }

  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths) if (!other.paths.has(p)) out.paths.add(p);
    return out;
  }

  /** Paths not matching the predicate are dropped. */
  filter(keep: (path: PathElement[]) => boolean): FieldSet {
    return FieldSet.of([...this].filter(keep));
  }

  /** True when some member lies strictly below `path`. */
  hasDescendantOf(path: PathElement[]): boolean {
    const prefix = path.join(sep) + sep;
    for (const p of this.paths) if (p.startsWith(prefix)) return true;
    return false;
  }

  /** The `fieldsV1` tree: members are `{}` leaves, or carry `".": {}` when they have members below them. */
  toFieldsV1(): Record<string, unknown> {
    const root: Tree = {};
    for (const path of this) {
      let node = root;
      for (const el of path) node = (node[el] ??= {}) as Tree;
      node['.'] = {};
    }
    return normalize(root);
  }

  static fromFieldsV1(tree: unknown): FieldSet {
    const out = new FieldSet();
    const walk = (node: unknown, path: PathElement[]) => {
      if (!node || typeof node !== 'object') return;
      const entries = Object.entries(node as Tree);
      if (path.length > 0 && (entries.length === 0 || '.' in (node as Tree))) out.insert(path);
      for (const [k, v] of entries) if (k !== '.') walk(v, [...path, k]);
    };
    walk(tree, []);
    return out;
  }
}

type Tree = Record<string, unknown>;

const order: Record<string, number> = { '.': 0, f: 1, k: 2, v: 3, i: 4 };

/** Leaves become `{}`; `.` stays only beside children; keys sorted as structured-merge-diff writes them. */
function normalize(node: Tree): Tree {
  const keys = Object.keys(node).sort((a, b) => (order[a[0]!] ?? 9) - (order[b[0]!] ?? 9) || compareStrings(a, b));
  const children = keys.filter((k) => k !== '.');
  if (children.length === 0) return {};
  const out: Tree = {};
  if ('.' in node) out['.'] = {};
  for (const k of children) out[k] = normalize(node[k] as Tree);
  return out;
}

/** A list item's key element: `k:{"containerPort":80,"protocol":"TCP"}` with the key fields sorted. */
export function keyElement(item: Record<string, unknown>, keys: string[]): PathElement {
  const fields: Record<string, unknown> = {};
  for (const k of [...keys].sort()) if (item[k] !== undefined) fields[k] = item[k];
  return `k:${JSON.stringify(fields)}`;
}

/** `.spec.template.spec.containers[name="app"].image`, as fieldpath.Path prints. */
export function pathString(path: PathElement[]): string {
  let out = '';
  for (const el of path) {
    const body = el.slice(2);
    switch (el[0]) {
      case 'f':
        out += `.${body}`;
        break;
      case 'k': {
        const fields = JSON.parse(body) as Record<string, unknown>;
        out += `[${Object.entries(fields)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
        break;
      }
      case 'v':
        out += `[=${body}]`;
        break;
      default:
        out += `[${body}]`;
    }
  }
  return out;
}
