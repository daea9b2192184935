// The /openapi/v3 documents of a server given a Swagger 2.0 document, or one OpenAPI v3 file spanning several
// group-versions. kube-apiserver publishes one document per group-version (and one each for `api`, `apis`,
// `apis/<group>`, `version`, `logs`…): the paths under it, and in `components.schemas` every schema those paths
// reach. From v2, a schema's `$ref` with siblings moves into a one-element `allOf`, parameters carry their type
// in `schema`, the body parameter becomes `requestBody` (one entry per `consumes` type) and a response's schema
// goes under each `produces` type. Only the defaults kube-apiserver adds in v3 (`default: {}` on nested structs)
// cannot be recovered: v2 never had them.
import { compareStrings } from '../../core/spec/values.js';

type Doc = Record<string, unknown>;

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/** Types whose v3 schema lists what JSON may carry (kube-openapi's `OpenAPIV3OneOfTypes`); v2 says `string`. */
const oneOfTypes: Record<string, string[]> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': ['integer', 'string'],
  'io.k8s.apimachinery.pkg.api.resource.Quantity': ['string', 'number'],
};

/** The v3 documents, by the path the index lists them under (`api/v1`, `apis/apps/v1`, `version`), of a v2 document. */
export function v3FromV2(v2: Doc): Map<string, Doc> {
  const parameters = (v2.parameters ?? {}) as Record<string, Doc>;
  const paths: Doc = {};
  for (const [path, item] of Object.entries((v2.paths ?? {}) as Record<string, Doc>))
    paths[path] = pathItem(item, parameters, v2);
  const schemas: Doc = {};
  for (const [name, schema] of Object.entries((v2.definitions ?? {}) as Doc)) {
    const converted = v3Schema(schema) as Doc;
    const types = oneOfTypes[name];
    if (types) {
      delete converted.type;
      converted.oneOf = types.map((type) => ({ type }));
    }
    schemas[name] = converted;
  }
  const securitySchemes = v2.securityDefinitions as Doc | undefined;
  return splitByPath({ openapi: '3.0.0', info: v2.info, paths, components: { schemas, securitySchemes } });
}

/** One v3 document per path kube-apiserver would serve it under; a document already for one path comes back whole. */
export function splitByPath(doc: Doc): Map<string, Doc> {
  const components = (doc.components ?? {}) as Doc;
  const schemas = (components.schemas ?? {}) as Doc;
  const byPath = new Map<string, Doc>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Doc)) {
    const key = servedAt(path);
    let paths = byPath.get(key);
    if (!paths) byPath.set(key, (paths = {}));
    paths[path] = item;
  }
  if (byPath.size === 1) return new Map([[[...byPath.keys()][0]!, doc]]);
  const out = new Map<string, Doc>();
  for (const key of [...byPath.keys()].sort(compareStrings)) {
    const paths = byPath.get(key)!;
    const own: Doc = { ...components, schemas: reachable(paths, schemas) };
    if (components.securitySchemes === undefined) delete own.securitySchemes;
    out.set(key, { openapi: doc.openapi ?? '3.0.0', info: doc.info, paths, components: own });
  }
  return out;
}

/** Where kube-apiserver's index lists a path: its group-version, else the fixed segments before any `{param}`. */
export function servedAt(path: string): string {
  const segments = path.split('/').filter(Boolean);
  if (segments[0] === 'api' && segments.length >= 2) return segments.slice(0, 2).join('/');
  if (segments[0] === 'apis' && segments.length >= 3) return segments.slice(0, 3).join('/');
  const param = segments.findIndex((s) => s.startsWith('{'));
  return (param < 0 ? segments : segments.slice(0, param)).join('/');
}

/** The named schemas `paths` reach through `$ref`s, directly or through other schemas, sorted by name. */
function reachable(paths: Doc, schemas: Doc): Doc {
  const found = new Set<string>();
  const pending = refsIn(paths);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (found.has(name) || schemas[name] === undefined) continue;
    found.add(name);
    pending.push(...refsIn(schemas[name]));
  }
  return Object.fromEntries([...found].sort(compareStrings).map((name) => [name, schemas[name]]));
}

function refsIn(value: unknown): string[] {
  const names: string[] = [];
  JSON.stringify(value, (key, v: unknown) => {
    if (key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/'))
      names.push(v.slice('#/components/schemas/'.length));
    return v;
  });
  return names;
}

/** A v2 schema with v3's references: `#/components/schemas/…`, and a `$ref` with siblings inside `allOf`. */
export function v3Schema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(v3Schema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Doc = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === '$ref' ? value : v3Schema(value);
  const ref = out.$ref;
  if (typeof ref !== 'string') return out;
  const target = ref.replace(/^#\/definitions\//, '#/components/schemas/');
  if (Object.keys(out).length === 1) return { $ref: target };
  delete out.$ref;
  return { ...out, allOf: [{ $ref: target }] };
}

function pathItem(item: Doc, shared: Record<string, Doc>, v2: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(item)) {
    if (methods.includes(key)) out[key] = operation(value as Doc, shared, v2);
    else if (key === 'parameters') out.parameters = plainParameters(value as Doc[], shared);
    else if (key.startsWith('x-')) out[key] = value;
  }
  return out;
}

function operation(op: Doc, shared: Record<string, Doc>, v2: Doc): Doc {
  const out: Doc = {};
  for (const key of ['description', 'operationId', 'tags', 'deprecated'] as const)
    if (op[key] !== undefined) out[key] = op[key];
  const declared = ((op.parameters ?? []) as Doc[]).map((p) => resolveParameter(p, shared));
  const parameters = plainParameters(declared, shared);
  if (parameters.length > 0) out.parameters = parameters;
  const body = declared.find((p) => p.in === 'body');
  if (body) {
    const types = mediaTypes(op.consumes ?? v2.consumes);
    const requestBody: Doc = { content: contentOf(types, v3Schema(body.schema)) };
    if (body.required === true) requestBody.required = true;
    out.requestBody = requestBody;
  }
  const responses: Doc = {};
  for (const [code, response] of Object.entries((op.responses ?? {}) as Record<string, Doc>)) {
    const { schema, ...rest } = response;
    responses[code] =
      schema === undefined
        ? rest
        : { ...rest, content: contentOf(mediaTypes(op.produces ?? v2.produces), v3Schema(schema)) };
  }
  out.responses = responses;
  for (const [key, value] of Object.entries(op)) if (key.startsWith('x-')) out[key] = value;
  return out;
}

function resolveParameter(p: Doc, shared: Record<string, Doc>): Doc {
  const ref = p.$ref;
  return typeof ref === 'string' ? (shared[ref.replace(/^#\/parameters\//, '')] ?? p) : p;
}

/** Non-body parameters as v3 writes them: name, place and description beside the `schema` that holds the type. */
function plainParameters(parameters: Doc[], shared: Record<string, Doc>): Doc[] {
  const out: Doc[] = [];
  for (const raw of parameters) {
    const p = resolveParameter(raw, shared);
    if (p.in === 'body') continue;
    const { description, in: place, name, required, ...schema } = p;
    const v3: Doc = {};
    if (description !== undefined) v3.description = description;
    Object.assign(v3, { in: place, name });
    if (required !== undefined) v3.required = required;
    v3.schema = v3Schema(schema);
    out.push(v3);
  }
  return out;
}

function mediaTypes(types: unknown): string[] {
  return Array.isArray(types) && types.length > 0 ? (types as string[]) : ['application/json'];
}

function contentOf(types: string[], schema: unknown): Doc {
  return Object.fromEntries([...types].sort(compareStrings).map((type) => [type, { schema }]));
}
