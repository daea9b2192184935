// What a validator needs of the inputs, without the rest: schemas without their descriptions and examples, and of
// each path only the kinds its operations serve (which tell a kind's scope). A cached 1.35 spec shrinks to a
// fraction of its size, and reads back with one JSON.parse.
import type { OpenAPIDocument, Schema } from '@kubegen/validation/core';
import type { InputCrd } from '../../core/source/inputs/index.js';
import { isObject } from '../../core/spec/values.js';

const dropped = new Set(['description', 'example', 'externalDocs']);
const schemaMaps = new Set(['properties', 'patternProperties']);
const schemaValues = new Set(['items', 'additionalProperties', 'not']);
const schemaLists = new Set(['allOf', 'anyOf', 'oneOf']);

export function trimSchema(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (dropped.has(k)) continue;
    if (schemaMaps.has(k) && isObject(v)) out[k] = mapValues(v, trimSchema);
    else if (schemaValues.has(k)) out[k] = Array.isArray(v) ? v.map(trimSchema) : trimSchema(v);
    else if (schemaLists.has(k) && Array.isArray(v)) out[k] = v.map(trimSchema);
    else out[k] = v;
  }
  return out;
}

export function trimDocument(doc: OpenAPIDocument): OpenAPIDocument {
  const out: OpenAPIDocument = {};
  if (doc.swagger) out.swagger = doc.swagger;
  if (doc.openapi) out.openapi = doc.openapi;
  if (doc.definitions) out.definitions = mapValues(doc.definitions, trimSchema) as Record<string, Schema>;
  if (doc.components?.schemas)
    out.components = { schemas: mapValues(doc.components.schemas, trimSchema) as Record<string, Schema> };
  const paths: NonNullable<OpenAPIDocument['paths']> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      const gvk = isObject(op) ? op['x-kubernetes-group-version-kind'] : undefined;
      if (gvk) (paths[path] ??= {})[method] = { 'x-kubernetes-group-version-kind': gvk };
    }
  }
  out.paths = paths;
  return out;
}

export function trimCrd({ crd, file }: InputCrd): InputCrd {
  const { group, names, scope, versions } = crd.spec;
  const trimmed = versions.map(({ name, served, storage, schema }) => ({
    name,
    served,
    storage,
    ...(schema?.openAPIV3Schema
      ? { schema: { openAPIV3Schema: trimSchema(schema.openAPIV3Schema) as typeof schema.openAPIV3Schema } }
      : {}),
  }));
  return {
    file,
    crd: { ...crd, metadata: { name: crd.metadata.name }, spec: { group, names, scope, versions: trimmed } },
  };
}

function mapValues(o: Record<string, unknown>, f: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = f(v);
  return out;
}
