// Schemas as generated validators carry them: what @kubegen/validation reads, without descriptions and examples,
// written as JSON text that is parsed on a validator's first use (an import costs no more than reading a string).
import type { Schema } from '../../core/model/types.js';
import { quote } from './names.js';

const OBJECT_META_REF = '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const dropped = new Set(['description', 'example', 'externalDocs', 'x-kubernetes-group-version-kind']);
const schemaMaps = new Set(['properties', 'patternProperties']);
const schemaValues = new Set(['items', 'additionalProperties', 'not']);
const schemaLists = new Set(['allOf', 'anyOf', 'oneOf']);

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The validation keywords of a schema. A CRD kind reads as its CRD does: the ObjectMeta the published OpenAPI
 * refers to is kube-apiserver's own metadata check, not part of the CRD's schema.
 */
export function validationSchema(schema: Schema, crd: boolean): Json {
  return trim(schema, crd) as Json;
}

function trim(schema: unknown, crd: boolean): unknown {
  if (!isJson(schema)) return schema;
  if (crd && schema.$ref === OBJECT_META_REF) return { type: 'object' };
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (crd && k === 'required' && schema['x-kubernetes-embedded-resource'] === true && Array.isArray(v)) {
      // The published OpenAPI requires apiVersion and kind here; the validator itself words that as the server does.
      const own = v.filter((r) => r !== 'apiVersion' && r !== 'kind');
      if (own.length) out[k] = own;
      continue;
    }
    if (dropped.has(k) || k.startsWith('x-kubegen-') || (!crd && k === 'default')) continue;
    if (schemaMaps.has(k) && isJson(v)) out[k] = mapValues(v, (s) => trim(s, crd));
    else if (schemaValues.has(k)) out[k] = trim(v, crd);
    else if (schemaLists.has(k) && Array.isArray(v)) out[k] = v.map((s) => trim(s, crd));
    else out[k] = v;
  }
  return out;
}

/** The definitions a schema's `$ref`s reach, itself excluded unless it refers to itself; sorted. */
export function referencedDefinitions(start: Schema, schemas: Readonly<Record<string, { schema: Schema }>>): string[] {
  const seen = new Set<string>();
  const pending: unknown[] = [start];
  while (pending.length) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (isJson(value)) {
      const ref = value.$ref;
      const name = typeof ref === 'string' ? ref.replace(/^#\/components\/schemas\//, '') : undefined;
      if (name && !seen.has(name) && schemas[name]) {
        seen.add(name);
        pending.push(schemas[name].schema);
      }
      for (const [k, v] of Object.entries(value)) if (k !== '$ref' && typeof v === 'object') pending.push(v);
    }
  }
  return [...seen].sort();
}

/** `JSON.parse('…')`: the schema as a single-quoted JSON text. */
export function parsedJson(value: unknown): string {
  return `JSON.parse(${quote(JSON.stringify(value))})`;
}

function mapValues(o: Json, f: (v: unknown) => unknown): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) out[k] = f(v);
  return out;
}
