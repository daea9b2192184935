// Flattens a named schema into its field paths (`spec.replicas`, `spec.ports[].name`, `labels{}`), stopping at
// references to other named schemas, which are compared on their own. Used to tell fields added and removed.
import type { Schema } from '../../core/model/types.js';

/** Field path → a short description of its type (`string`, `integer`, `object`, `io.k8s.api.core.v1.PodSpec`…). */
export type FieldMap = Map<string, string>;

const MAX_DEPTH = 64;

export function flattenFields(schema: Schema): FieldMap {
  const out: FieldMap = new Map();
  walk(schema, '', out, 0);
  return out;
}

function walk(schema: Schema, path: string, out: FieldMap, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const p = path ? `${path}.${name}` : name;
    out.set(p, typeOf(child));
    walk(unwrap(child), p, out, depth + 1);
  }
  if (schema.items && !Array.isArray(schema.items)) walk(unwrap(schema.items), `${path}[]`, out, depth + 1);
  if (typeof schema.additionalProperties === 'object')
    walk(unwrap(schema.additionalProperties), `${path}{}`, out, depth + 1);
}

/** A `$ref` wrapped in allOf (how the server attaches a description to a reference) is the reference itself. */
function unwrap(schema: Schema): Schema {
  if (!schema.$ref && schema.allOf?.length === 1 && schema.allOf[0]!.$ref) return schema.allOf[0]!;
  return schema;
}

export function typeOf(raw: Schema): string {
  const schema = unwrap(raw);
  if (schema.$ref) return schema.$ref.replace(/^#\/(components\/schemas|definitions)\//, '');
  if (schema['x-kubernetes-int-or-string'] === true) return 'int-or-string';
  const type = Array.isArray(schema.type) ? schema.type.join('|') : schema.type;
  if (type === 'array' && schema.items && !Array.isArray(schema.items)) return `${typeOf(schema.items)}[]`;
  if (type === 'object' && typeof schema.additionalProperties === 'object')
    return `map of ${typeOf(schema.additionalProperties)}`;
  if (type) return schema.format ? `${type} (${schema.format})` : type;
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) return 'any';
  return 'any';
}

/** True when a description says the field is deprecated, the way Kubernetes and CRD authors write it. */
export function isDeprecatedDescription(schema: Schema | undefined): boolean {
  const text = schema?.description;
  return typeof text === 'string' && /(^|\n|\.\s+)Deprecated[:.,\s]/.test(text);
}
