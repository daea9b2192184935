// A custom resource against its CRD's openAPIV3Schema: defaults filled in, then every violation (type,
// required, enum, pattern, bounds, lengths, item counts, list uniqueness, int-or-string) reported as the
// field errors kube-apiserver puts in a 422 Invalid Status.
import type { Schema } from '../../core/model/types.js';
import type { StatusCause } from '../http/status.js';
import { deepEqual } from '../patch/strategic.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Fields the server owns at the root, checked elsewhere (metadata as ObjectMeta). */
const rootOwned = new Set(['apiVersion', 'kind', 'metadata']);

/** Fills in `default`s of properties missing from objects that are present (in place). */
export function applySchemaDefaults(schema: Schema | undefined, value: unknown, root = true): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) applySchemaDefaults(schema.items, item, false);
    return;
  }
  if (!isObj(value)) return;
  for (const [k, prop] of Object.entries(schema.properties ?? {})) {
    if (root && rootOwned.has(k)) continue;
    if (value[k] === undefined && prop.default !== undefined) value[k] = structuredClone(prop.default);
    applySchemaDefaults(prop, value[k], false);
  }
  if (typeof schema.additionalProperties === 'object') {
    for (const [k, v] of Object.entries(value))
      if (!schema.properties?.[k]) applySchemaDefaults(schema.additionalProperties, v, false);
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function shown(v: unknown): string {
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

function fits(type: string, v: unknown): boolean {
  const t = typeName(v);
  return t === type || (type === 'number' && t === 'integer');
}

/** Every field error of `value` against `schema`, in the order the fields appear. */
export function validateAgainstSchema(schema: Schema | undefined, value: unknown): StatusCause[] {
  const causes: StatusCause[] = [];
  const invalid = (field: string, v: unknown, why: string, reason = 'FieldValueInvalid') =>
    causes.push({ reason, message: `Invalid value: ${shown(v)}: ${field} in body ${why}`, field });

  const walk = (s: Schema | undefined, v: unknown, field: string, root: boolean) => {
    if (!s) return;
    if (v === null) {
      if (s.nullable !== true && s.type !== undefined)
        invalid(field, 'null', `must be of type ${String(s.type)}: "null"`, 'FieldValueTypeInvalid');
      return;
    }
    if (s['x-kubernetes-int-or-string'] === true) {
      if (!fits('integer', v) && !fits('string', v))
        invalid(
          field,
          typeName(v),
          `must be of type integer,string: ${JSON.stringify(typeName(v))}`,
          'FieldValueTypeInvalid',
        );
    } else if (typeof s.type === 'string' && !fits(s.type, v)) {
      invalid(field, typeName(v), `must be of type ${s.type}: ${JSON.stringify(typeName(v))}`, 'FieldValueTypeInvalid');
      return;
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, v))) {
      causes.push({
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${shown(v)}: supported values: ${s.enum.map(shown).join(', ')}`,
        field,
      });
    }
    if (typeof v === 'string') checkString(s, v, field);
    else if (typeof v === 'number') checkNumber(s, v, field);
    else if (Array.isArray(v)) checkArray(s, v, field);
    else if (isObj(v)) checkObject(s, v, field, root);
  };

  const checkString = (s: Schema, v: string, field: string) => {
    const length = [...v].length;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v))
      invalid(field, v, `should match '${s.pattern}'`);
    if (typeof s.minLength === 'number' && length < s.minLength)
      invalid(field, v, `should be at least ${s.minLength} chars long`);
    if (typeof s.maxLength === 'number' && length > s.maxLength)
      causes.push({
        reason: 'FieldValueTooLong',
        message: `Too long: may not be more than ${s.maxLength} bytes`,
        field,
      });
  };

  const checkNumber = (s: Schema, v: number, field: string) => {
    if (typeof s.minimum === 'number') {
      if (s.exclusiveMinimum === true ? v <= s.minimum : v < s.minimum)
        invalid(field, v, `should be greater than ${s.exclusiveMinimum === true ? '' : 'or equal to '}${s.minimum}`);
    }
    if (typeof s.maximum === 'number') {
      if (s.exclusiveMaximum === true ? v >= s.maximum : v > s.maximum)
        invalid(field, v, `should be less than ${s.exclusiveMaximum === true ? '' : 'or equal to '}${s.maximum}`);
    }
    if (typeof s.multipleOf === 'number' && s.multipleOf > 0 && !Number.isInteger(v / s.multipleOf))
      invalid(field, v, `should be a multiple of ${s.multipleOf}`);
  };

  const checkArray = (s: Schema, v: unknown[], field: string) => {
    if (typeof s.maxItems === 'number' && v.length > s.maxItems)
      causes.push({
        reason: 'FieldValueTooMany',
        message: `Too many: ${v.length}: must have at most ${s.maxItems} items`,
        field,
      });
    if (typeof s.minItems === 'number' && v.length < s.minItems)
      invalid(field, v, `should have at least ${s.minItems} items`);
    v.forEach((item, i) => walk(s.items, item, `${field}[${i}]`, false));
    const listType = s['x-kubernetes-list-type'];
    const keys = (s['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
    if (listType !== 'set' && listType !== 'map') return;
    const identity = (item: unknown) =>
      listType === 'map' && isObj(item) ? Object.fromEntries(keys.map((k) => [k, item[k]])) : item;
    v.forEach((item, i) => {
      if (v.slice(0, i).some((earlier) => deepEqual(identity(earlier), identity(item)))) {
        causes.push({
          reason: 'FieldValueDuplicate',
          message: `Duplicate value: ${JSON.stringify(identity(item))}`,
          field: `${field}[${i}]`,
        });
      }
    });
  };

  const checkObject = (s: Schema, v: Obj, field: string, root: boolean) => {
    const at = (k: string) => (field ? `${field}.${k}` : k);
    for (const k of s.required ?? []) {
      if (root && rootOwned.has(k)) continue;
      if (v[k] === undefined) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: at(k) });
    }
    for (const [k, child] of Object.entries(v)) {
      if (root && rootOwned.has(k)) continue;
      const prop =
        s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      walk(prop, child, at(k), false);
    }
  };

  walk(schema, value, '', true);
  return causes;
}
