// Size bounds of values a rule can see, for the cost estimate: from the schema (maxLength, maxItems,
// maxProperties, or what fits in kube-apiserver's 3 MiB request when unbounded) or from a concrete value.
import type { SchemaNode } from '../schema/node.js';
import { escapeProperty } from './names.js';

export const maxRequestSizeBytes = 3 * 1024 * 1024;

export interface Shape {
  /** Largest length of a string/bytes, or number of items of a list/map. */
  readonly size: number;
  /** The shape of list items or map values. */
  elem(): Shape;
  /** The shape of a declared field (escaped name), or undefined when the schema has no such field. */
  field(name: string): Shape | undefined;
  /** Whether field access is checked against declared properties (objects with a fixed set of fields). */
  readonly closed: boolean;
}

export const unknownShape: Shape = {
  size: maxRequestSizeBytes,
  elem: () => unknownShape,
  field: () => unknownShape,
  closed: false,
};

/** Smallest JSON text of a value of this schema, as kube-apiserver estimates unbounded lists. */
function minSerializedSize(node: SchemaNode | undefined): number {
  if (!node) return 1;
  if (node.raw.nullable) return 4;
  if (node.intOrString) return 1;
  switch (node.type) {
    case 'string':
      return 2 + (node.raw.minLength ?? 0);
    case 'boolean':
      return 4;
    case 'integer':
    case 'number':
      return 1;
    default:
      return 2;
  }
}

const escapedNames = new WeakMap<SchemaNode, Map<string, SchemaNode>>();

/** A node's declared properties by the names rules select them with (the first of a name, as a scan finds it). */
function byEscapedName(node: SchemaNode): Map<string, SchemaNode> {
  let names = escapedNames.get(node);
  if (!names) {
    names = new Map();
    for (const [k, prop] of node.properties) {
      const name = escapeProperty(k);
      if (name !== undefined && !names.has(name)) names.set(name, prop);
    }
    escapedNames.set(node, names);
  }
  return names;
}

export class SchemaShape implements Shape {
  constructor(readonly node: SchemaNode) {}

  get size(): number {
    const s = this.node.raw;
    if (this.node.type === 'string') return s.maxLength ?? maxRequestSizeBytes - 2;
    if (this.node.type === 'array') {
      return s.maxItems ?? Math.floor((maxRequestSizeBytes - 2) / (minSerializedSize(this.node.items) + 1));
    }
    if (this.node.type === 'object') {
      if (s.maxProperties !== undefined) return s.maxProperties;
      const value = typeof this.node.additionalProperties === 'object' ? this.node.additionalProperties : undefined;
      return Math.floor((maxRequestSizeBytes - 2) / (minSerializedSize(value) + 4));
    }
    return 1;
  }

  get closed(): boolean {
    const n = this.node;
    return (
      n.type === 'object' &&
      n.properties.size > 0 &&
      !n.preserveUnknownFields &&
      !n.embeddedResource &&
      n.additionalProperties === undefined
    );
  }

  elem(): Shape {
    const n = this.node;
    const next =
      n.type === 'array' ? n.items : typeof n.additionalProperties === 'object' ? n.additionalProperties : undefined;
    return next ? new SchemaShape(next) : unknownShape;
  }

  field(name: string): Shape | undefined {
    const prop = byEscapedName(this.node).get(name);
    if (prop) return new SchemaShape(prop);
    if (typeof this.node.additionalProperties === 'object') return new SchemaShape(this.node.additionalProperties);
    return this.closed ? undefined : unknownShape;
  }
}

/** The shape of a concrete value: the runtime cost is the estimate taken over the actual sizes. */
export class ValueShape implements Shape {
  constructor(private readonly v: unknown) {}
  readonly closed = false;

  get size(): number {
    const v = this.v;
    if (typeof v === 'string') return v.length;
    if (Array.isArray(v)) return v.length;
    if (v instanceof Uint8Array) return v.length;
    if (v && typeof v === 'object') return Object.keys(v).length;
    return 1;
  }

  elem(): Shape {
    const v = this.v;
    let largest: unknown;
    let best = -1;
    const values = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [];
    for (const x of values) {
      const size = new ValueShape(x).size;
      if (size > best) [best, largest] = [size, x];
    }
    return new ValueShape(largest);
  }

  field(name: string): Shape {
    const v = this.v as Record<string, unknown> | undefined;
    return new ValueShape(v && typeof v === 'object' ? v[name] : undefined);
  }
}
