// The /openapi/v2 document of a server given only /openapi/v3 documents: kube-apiserver serves both from one
// source, and kubectl reads v2 for what v3 does not cover (the query parameters of an endpoint that v3 does not
// list, the validation of a `List`). Paths keep their operations, parameters and responses in Swagger 2.0's
// shape (a request body becomes the `body` parameter); component schemas become definitions.

type Doc = Record<string, unknown>;
import { compareStrings } from '../../core/spec/values.js';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

export function v2FromV3(documents: Doc[]): Doc {
  const paths: Doc = {};
  const definitions: Doc = {};
  const securityDefinitions: Doc = {};
  for (const doc of documents) {
    const components = (doc.components ?? {}) as Doc;
    for (const [name, schema] of Object.entries((components.schemas ?? {}) as Doc))
      definitions[name] ??= v2Schema(schema);
    Object.assign(securityDefinitions, components.securitySchemes ?? {});
    for (const [path, item] of Object.entries((doc.paths ?? {}) as Doc)) paths[path] ??= pathItem(item as Doc);
  }
  const out: Doc = {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: sortedKeys(paths),
    definitions: sortedKeys(definitions),
  };
  if (Object.keys(securityDefinitions).length > 0) {
    out.securityDefinitions = securityDefinitions;
    out.security = Object.keys(securityDefinitions).map((name) => ({ [name]: [] }));
  }
  return out;
}

/** A schema with v2's references: `#/definitions/…`, and a lone `allOf` (v3's way to put siblings beside a `$ref`) undone. */
export function v2Schema(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema, (_key, value: unknown) => unwrapAllOf(value)).replaceAll(
      '"#/components/schemas/',
      '"#/definitions/',
    ),
  );
}

function unwrapAllOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { allOf, ...rest } = value as Doc;
  if (!Array.isArray(allOf) || allOf.length !== 1 || typeof allOf[0] !== 'object') return value;
  return { ...(allOf[0] as Doc), ...rest };
}

function pathItem(item: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(item)) {
    if (methods.includes(key)) out[key] = operation(value as Doc);
    else if (key === 'parameters') out.parameters = (value as Doc[]).map(parameter);
    else if (key.startsWith('x-')) out[key] = value;
  }
  return out;
}

function operation(op: Doc): Doc {
  const out: Doc = {};
  const body = op.requestBody as Doc | undefined;
  const bodyContent = (body?.content ?? {}) as Record<string, Doc>;
  const produces = new Set<string>();
  const responses: Doc = {};
  for (const [code, response] of Object.entries((op.responses ?? {}) as Record<string, Doc>)) {
    const content = (response.content ?? {}) as Record<string, Doc>;
    for (const type of Object.keys(content)) produces.add(type);
    const schema = Object.values(content)[0]?.schema;
    responses[code] =
      schema === undefined
        ? { description: response.description ?? '' }
        : { description: response.description ?? '', schema: v2Schema(schema) };
  }
  if (Object.keys(bodyContent).length > 0) out.consumes = Object.keys(bodyContent);
  for (const key of ['description', 'operationId', 'tags', 'deprecated'] as const)
    if (op[key] !== undefined) out[key] = op[key];
  const parameters = ((op.parameters ?? []) as Doc[]).map(parameter);
  const bodySchema = Object.values(bodyContent)[0]?.schema;
  if (bodySchema !== undefined)
    parameters.unshift({ in: 'body', name: 'body', required: body?.required === true, schema: v2Schema(bodySchema) });
  if (parameters.length > 0) out.parameters = parameters;
  if (produces.size > 0) out.produces = [...produces];
  out.responses = responses;
  out.schemes = ['https'];
  for (const [key, value] of Object.entries(op)) if (key.startsWith('x-')) out[key] = value;
  return out;
}

/** A v3 parameter (its type in `schema`) as v2 writes it (the type beside the name). */
function parameter(p: Doc): Doc {
  const { schema, ...rest } = p;
  return typeof schema === 'object' && schema !== null ? { ...rest, ...(v2Schema(schema) as Doc) } : rest;
}

function sortedKeys(o: Doc): Doc {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => compareStrings(a, b)));
}
