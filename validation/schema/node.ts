// A resolved view of one schema: $refs followed, keywords read once, children built lazily so that
// recursive definitions (JSONSchemaProps) and documents of thousands of schemas cost nothing until used.
import type { Schema, ValidationRule } from './types.js';

/** How unknown fields and empty objects are read: CRD schemas prune, built-in definitions allow free-form objects. */
export type Dialect = 'crd' | 'builtin';

export type Special = 'quantity' | 'int-or-string' | 'object-meta' | undefined;

/** Resolves a `$ref` to its schema and a name for it (the definition's key). */
export type RefResolver = (ref: string) => { schema: Schema; name: string } | undefined;

const specials: Record<string, Special> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': 'object-meta',
};

export class SchemaNode {
  readonly raw: Schema;
  readonly dialect: Dialect;
  readonly special: Special;
  /** Where this schema came from: the definition name or a JSON pointer, for errors about the schema itself. */
  readonly origin: string;
  private readonly resolve: RefResolver;
  private cache: {
    properties?: Map<string, SchemaNode>;
    additional?: SchemaNode | boolean | undefined;
    items?: SchemaNode | undefined;
    allOf?: SchemaNode[];
    anyOf?: SchemaNode[];
    oneOf?: SchemaNode[];
    not?: SchemaNode | undefined;
    pattern?: RegExp | null;
    enumSet?: Set<unknown>;
  } = {};

  // Read once: every object checked reads them at every node.
  /** Whether allOf/anyOf/oneOf/not apply (most schemas have none). */
  readonly hasCombinators: boolean;
  readonly type: string | undefined;
  readonly intOrString: boolean;
  readonly preserveUnknownFields: boolean;
  readonly embeddedResource: boolean;
  /** What the checks derive from this node once (whether rules sit below it…). */
  readonly memo: { containsRules?: boolean; hasDefaults?: boolean; defaulting?: [string, SchemaNode][] } = {};

  constructor(raw: Schema, dialect: Dialect, resolve: RefResolver, origin: string, special?: Special) {
    this.dialect = dialect;
    this.resolve = resolve;
    this.origin = origin;
    const followed = follow(raw, resolve);
    const r = followed.schema;
    this.raw = r;
    this.special = special ?? followed.special ?? (r.format === 'int-or-string' ? 'int-or-string' : undefined);
    this.hasCombinators = !!(r.allOf?.length || (!this.special && (r.anyOf?.length || r.oneOf?.length)) || r.not);
    this.type = Array.isArray(r.type) ? r.type[0] : r.type;
    this.intOrString = r['x-kubernetes-int-or-string'] === true || this.special === 'int-or-string';
    this.preserveUnknownFields = r['x-kubernetes-preserve-unknown-fields'] === true;
    this.embeddedResource = r['x-kubernetes-embedded-resource'] === true;
  }

  get rules(): readonly ValidationRule[] {
    return this.raw['x-kubernetes-validations'] ?? [];
  }

  get properties(): ReadonlyMap<string, SchemaNode> {
    if (this.cache.properties) return this.cache.properties;
    const map = new Map<string, SchemaNode>();
    for (const [name, s] of Object.entries(this.raw.properties ?? {}))
      map.set(name, this.child(s, `properties/${name}`));
    return (this.cache.properties = map);
  }

  /** The schema of map values, `true` for any value, `false`/undefined for none. */
  get additionalProperties(): SchemaNode | boolean | undefined {
    if ('additional' in this.cache) return this.cache.additional;
    const a = this.raw.additionalProperties;
    return (this.cache.additional =
      a === undefined || typeof a === 'boolean' ? a : this.child(a, 'additionalProperties'));
  }

  get items(): SchemaNode | undefined {
    if ('items' in this.cache) return this.cache.items;
    return (this.cache.items = this.raw.items ? this.child(this.raw.items, 'items') : undefined);
  }

  get allOf(): readonly SchemaNode[] {
    return (this.cache.allOf ??= (this.raw.allOf ?? []).map((s, i) => this.child(s, `allOf/${i}`)));
  }

  get anyOf(): readonly SchemaNode[] {
    return (this.cache.anyOf ??= this.special ? [] : (this.raw.anyOf ?? []).map((s, i) => this.child(s, `anyOf/${i}`)));
  }

  get oneOf(): readonly SchemaNode[] {
    return (this.cache.oneOf ??= this.special ? [] : (this.raw.oneOf ?? []).map((s, i) => this.child(s, `oneOf/${i}`)));
  }

  get not(): SchemaNode | undefined {
    if ('not' in this.cache) return this.cache.not;
    return (this.cache.not = this.raw.not ? this.child(this.raw.not, 'not') : undefined);
  }

  /** The pattern as a JavaScript RegExp; null when RE2 syntax has no JavaScript equivalent. */
  get pattern(): RegExp | null | undefined {
    if (this.raw.pattern === undefined) return undefined;
    if ('pattern' in this.cache) return this.cache.pattern;
    return (this.cache.pattern = compilePattern(this.raw.pattern));
  }

  /** Enum members as a set of primitives (objects compared structurally by the caller). */
  get enumSet(): Set<unknown> | undefined {
    if (!this.raw.enum) return undefined;
    return (this.cache.enumSet ??= new Set(this.raw.enum));
  }

  private child(s: Schema, at: string): SchemaNode {
    return new SchemaNode(s, this.dialect, this.resolve, `${this.origin}/${at}`);
  }
}

/** Follows `$ref` and v3's `allOf: [{$ref}]` wrapper, keeping sibling validations of the wrapper. */
function follow(raw: Schema, resolve: RefResolver): { schema: Schema; special?: Special } {
  let schema = raw;
  let special: Special;
  for (let hops = 0; hops < 32; hops++) {
    const ref =
      schema.$ref ??
      (schema.allOf?.length === 1 && schema.allOf[0]!.$ref && !schema.type ? schema.allOf[0]!.$ref : undefined);
    if (!ref) break;
    const target = resolve(ref);
    if (!target) throw new Error(`unresolved $ref ${JSON.stringify(ref)}`);
    special ??= specials[target.name];
    const { $ref: _r, allOf: _a, description: _d, default: _f, ...siblings } = schema;
    schema = Object.keys(siblings).length ? { ...target.schema, ...siblings } : target.schema;
  }
  return { schema, special };
}

/** kube-apiserver matches patterns with Go's RE2; JavaScript's syntax covers what CRDs use in practice. */
export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return null;
    }
  }
}
