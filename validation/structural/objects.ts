// The checks of an object against one schema node, compiled once: property counts, required fields, each
// field's own check (by name, or the map's value schema), unknown fields, and ObjectMeta at resource roots.
import { fieldError } from '../errors.js';
import type { SchemaNode } from '../schema/node.js';
import { type Slot, passes } from './fast-paths.js';
import { objectMetaFields, resourceRootFields } from './meta-fields.js';
import { inBody, typeOf } from './scalars.js';
import type { Check, Walk } from './walk.js';

type Obj = Record<string, unknown>;

/**
 * `resourceRoot`: a top-level object or an embedded resource, where apiVersion, kind and metadata are implied.
 * Values that are not objects go to `otherwise`.
 */
export function objectCheck(
  node: SchemaNode,
  resourceRoot: boolean,
  slot: (n: SchemaNode) => Slot,
  otherwise: Check,
): Check {
  const s = node.raw;
  const { maxProperties, minProperties } = s;
  const counted = maxProperties !== undefined || minProperties !== undefined;
  // kube-apiserver fills metadata in itself, so a resource may leave it out.
  const required = (s.required ?? []).filter((k) => !(resourceRoot && k === 'metadata'));
  const properties = new Map<string, Slot>();
  for (const [k, p] of node.properties) properties.set(k, slot(p));
  const a = node.additionalProperties;
  const values = typeof a === 'object' ? slot(a) : undefined;
  const crdMeta =
    resourceRoot && node.dialect === 'crd' && node.properties.has('metadata')
      ? crdMetaCheck(node.properties.get('metadata')!, slot)
      : undefined;
  // Built-in schemas declare `type: object` alone for free-form values (RawExtension, JSON); CRDs prune them.
  const freeForm =
    a === true ||
    node.preserveUnknownFields ||
    (node.dialect === 'builtin' && node.properties.size === 0 && s.additionalProperties === undefined);
  return (value, w) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return otherwise(value, w);
    const v = value as Obj;
    const keys = Object.keys(v);
    if (counted) propertyCounts(keys.length, maxProperties, minProperties, w);
    if (required.length && w.required)
      for (const k of required) if (v[k] === undefined) w.errors.push(fieldError.required(w.pathTo(k)));
    const at = w.depth++;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const property = properties.get(k) ?? values;
      w.segments[at] = k;
      if (property) {
        const x = v[k];
        if (crdMeta && k === 'metadata') crdMeta(x, w);
        else if (!passes(property.leaf, x)) property.check(x, w);
      } else if (resourceRoot && resourceRootFields.has(k)) {
        if (k === 'metadata') embeddedMeta(v[k], w);
      } else if (w.strictFields && !freeForm) w.errors.push(fieldError.unknown(w.path()));
    }
    w.depth--;
  };
}

function propertyCounts(count: number, max: number | undefined, min: number | undefined, w: Walk): void {
  if (max !== undefined && count > max) w.errors.push(fieldError.tooMany(w.path(), count, max));
  if (min !== undefined && count < min) {
    const path = w.path();
    w.errors.push(fieldError.invalid(path, min, `${inBody(path)} should have at least ${min} properties`));
  }
}

/** metadata (the current value): a CRD may narrow it (say, a name's maxLength); the rest of ObjectMeta is kube-apiserver's own. */
function crdMetaCheck(node: SchemaNode, slot: (n: SchemaNode) => Slot): (meta: unknown, w: Walk) => void {
  const properties = [...node.properties].map(([k, p]) => [k, slot(p)] as const);
  return (meta, w) => {
    embeddedMeta(meta, w);
    if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return;
    for (const [k, p] of properties) {
      const value = (meta as Obj)[k];
      if (value !== undefined) w.visit(p.check, value, k);
    }
  };
}

/** metadata (the current value) at a resource root the schema leaves undeclared: ObjectMeta's fields and their types. */
function embeddedMeta(meta: unknown, w: Walk): void {
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return;
  const m = meta as Obj;
  for (const k of Object.keys(m)) {
    const type = objectMetaFields.get(k);
    const value = m[k];
    if (type === undefined) {
      if (w.strictFields) w.errors.push(fieldError.unknown(w.pathTo(k)));
    } else if (value != null && typeOf(value) !== type && !(type === 'number' && typeOf(value) === 'integer')) {
      const at = w.pathTo(k);
      const actual = typeOf(value);
      w.errors.push(
        fieldError.typeInvalid(at, actual, `${inBody(at)} must be of type ${type}: ${JSON.stringify(actual)}`),
      );
    }
  }
}
