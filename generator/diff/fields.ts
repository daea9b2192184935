// Field changes between the two sides' schemas of one name: each schema is flattened into its field paths
// (`spec.replicas`, `spec.ports[].name`, `labels{}`), stopping at references to other named schemas, which are
// compared on their own; a field is added, removed, retyped, or its object's `required` list took it in or let it go.
import type { ApiModel, NamedSchema, Schema } from '../../core/model/types.js';
import { compareStrings } from '../../core/spec/values.js';
import { fieldsChange, stepFor, type ReleaseStep } from './releases.js';
import type { SchemaFieldChanges } from './types.js';

export interface FieldInfo {
  /** A short description of its type (`string`, `integer`, `object`, `io.k8s.api.core.v1.PodSpec`…). */
  type: string;
  /** Listed in its object's `required`. */
  required: boolean;
}

/** Field path → its type and required-ness. */
export type FieldMap = Map<string, FieldInfo>;

const MAX_DEPTH = 64;

export function flattenFields(schema: Schema): FieldMap {
  const out: FieldMap = new Map();
  walk(schema, '', out, 0);
  return out;
}

function walk(schema: Schema, path: string, out: FieldMap, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const p = path ? `${path}.${name}` : name;
    out.set(p, { type: typeOf(child), required: required.has(name) });
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
  return 'any';
}

/** The field changes of every schema both sides have, but those `skip` names, dated by the step between the sides. */
export function fieldChanges(
  a: ApiModel,
  b: ApiModel,
  skip: (schema: string) => boolean,
  step: ReleaseStep,
): SchemaFieldChanges[] {
  const out: SchemaFieldChanges[] = [];
  for (const name of Object.keys(a.schemas).sort(compareStrings)) {
    const after = b.schemas[name];
    if (!after || skip(name)) continue;
    const change = compareFields(flattenFields(a.schemas[name]!.schema), flattenFields(after.schema));
    if (!change) continue;
    const kind = kindLabel(after);
    out.push({ schema: name, ...(kind ? { kind } : {}), ...fieldsChange(stepFor(step, { schema: name })), ...change });
  }
  return out;
}

type FieldLists = Pick<SchemaFieldChanges, 'added' | 'removed' | 'changed' | 'becameRequired' | 'becameOptional'>;

function compareFields(fa: FieldMap, fb: FieldMap): FieldLists | undefined {
  const change: FieldLists = {
    added: [],
    removed: [],
    changed: [],
    becameRequired: [],
    becameOptional: [],
  };
  for (const [field, now] of fb) {
    const old = fa.get(field);
    if (old === undefined) change.added.push({ field, type: now.type, ...(now.required ? { required: true } : {}) });
    else {
      if (old.type !== now.type) change.changed.push({ field, from: old.type, to: now.type });
      if (!old.required && now.required) change.becameRequired.push(field);
      if (old.required && !now.required) change.becameOptional.push(field);
    }
  }
  for (const [field, old] of fa) if (!fb.has(field)) change.removed.push({ field, type: old.type });
  return Object.values(change).some((list) => list.length) ? change : undefined;
}

/** `apps/v1 Deployment`, when the schema is one kind. */
export function kindLabel(s: NamedSchema): string | undefined {
  const gvk = s.gvks.length === 1 ? s.gvks[0] : undefined;
  return gvk ? `${gvk.group ? `${gvk.group}/` : ''}${gvk.version} ${gvk.kind}` : undefined;
}
