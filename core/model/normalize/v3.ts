// OpenAPI 3.x documents (kube-apiserver's `/openapi/v3/...`) are already in the model's flavour: this reads
// their schemas and operations as they are, resolving local parameter, body and response references.
import { SpecError, pointerOf } from '../../spec/errors.js';
import {
  infoVersionOf,
  mergeParameters,
  operationsOfPaths,
  originOf,
  parameterList,
  resolveLocal,
  sortedUnique,
  sourceOperation,
} from './common.js';
import type {
  SourceBody,
  SourceDocument,
  SourceOperation,
  SourceParameter,
  SourceResponse,
  SourceSchema,
} from '../source-types.js';
import type { HttpMethod, Schema } from '../types.js';
import { compareStrings, isObject, statusRecord } from '../../spec/values.js';

export function normalizeV3(doc: Record<string, unknown>, file: string): SourceDocument {
  const out: SourceDocument = {
    file,
    format: 'v3',
    schemas: schemasOf(doc, file),
    operations: operationsOfPaths(doc, file, parametersOf, operationOf),
  };
  const infoVersion = infoVersionOf(doc);
  if (infoVersion) out.infoVersion = infoVersion;
  return out;
}

function schemasOf(doc: Record<string, unknown>, file: string): SourceSchema[] {
  const components = doc.components;
  if (components === undefined) return [];
  if (!isObject(components)) throw new SpecError(file, '/components', '`components` must be an object');
  const schemas = components.schemas ?? {};
  if (!isObject(schemas)) throw new SpecError(file, '/components/schemas', '`components.schemas` must be an object');
  return Object.keys(schemas).map((name) => {
    const pointer = pointerOf('components', 'schemas', name);
    const schema = schemas[name];
    if (!isObject(schema)) throw new SpecError(file, pointer, 'a schema must be an object');
    return { name, schema: schema as Schema, origin: { file, pointer } };
  });
}

function operationOf(
  doc: Record<string, unknown>,
  file: string,
  path: string,
  method: HttpMethod,
  op: Record<string, unknown>,
  shared: SourceParameter[],
): SourceOperation {
  const origin = originOf(file, path, method.toLowerCase());
  const parameters = mergeParameters(shared, parametersOf(doc, op.parameters, file, `${origin.pointer}/parameters`));
  const responses = responsesOf(doc, op.responses, file, `${origin.pointer}/responses`);
  const out = sourceOperation(op, method, path, origin, { parameters, responses, produces: producesOf(op.responses) });
  if (op.requestBody !== undefined)
    out.requestBody = bodyOf(doc, op.requestBody, file, `${origin.pointer}/requestBody`);
  return out;
}

function parametersOf(doc: Record<string, unknown>, value: unknown, file: string, pointer: string): SourceParameter[] {
  return parameterList(value, file, pointer).map((entry) => {
    const { value: p, pointer: at } = resolveLocal(doc, entry.value, file, entry.pointer);
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.in !== 'string') {
      throw new SpecError(file, at, 'a parameter needs a `name` and an `in`');
    }
    const schema = isObject(p.schema) ? (p.schema as Schema) : (contentSchema(p.content) ?? {});
    const param: SourceParameter = {
      name: p.name,
      in: p.in,
      required: p.required === true || p.in === 'path',
      schema,
      pointer: `${at}/schema`,
    };
    if (typeof p.description === 'string') param.description = p.description;
    return param;
  });
}

function bodyOf(doc: Record<string, unknown>, value: unknown, file: string, pointer: string): SourceBody {
  const { value: body, pointer: at } = resolveLocal(doc, value, file, pointer);
  if (!isObject(body)) throw new SpecError(file, at, 'a request body must be an object');
  const content = isObject(body.content) ? body.content : {};
  const type = preferredType(Object.keys(content));
  return {
    schema: mediaSchema(content, type) ?? {},
    required: body.required === true,
    contentTypes: sortedUnique(Object.keys(content)),
    pointer: type === undefined ? at : at + contentPointer(type),
  };
}

function responsesOf(
  doc: Record<string, unknown>,
  value: unknown,
  file: string,
  pointer: string,
): Record<string, SourceResponse> {
  if (value === undefined) return {};
  if (!isObject(value)) throw new SpecError(file, pointer, '`responses` must be an object');
  const out = statusRecord<SourceResponse>();
  for (const code of Object.keys(value).sort(compareStrings)) {
    const { value: r, pointer: at } = resolveLocal(doc, value[code], file, pointer + pointerOf(code));
    if (!isObject(r)) throw new SpecError(file, at, 'a response must be an object');
    const content = isObject(r.content) ? r.content : {};
    const type = preferredType(Object.keys(content));
    const response: SourceResponse = { pointer: type === undefined ? at : at + contentPointer(type) };
    const schema = mediaSchema(content, type);
    if (schema) response.schema = schema;
    if (typeof r.description === 'string') response.description = r.description;
    out[code] = response;
  }
  return out;
}

/** Where a media type's schema sits in a body or response, escaped once per type (each has a `/` to escape). */
const contentPointers = new Map<string, string>();

function contentPointer(type: string): string {
  let pointer = contentPointers.get(type);
  if (pointer === undefined) contentPointers.set(type, (pointer = pointerOf('content', type, 'schema')));
  return pointer;
}

/** The media types the operation answers with, over all its responses. */
function producesOf(responses: unknown): string[] {
  if (!isObject(responses)) return [];
  // A few media types, most of them repeated by every response: kept once as they are met.
  const types: string[] = [];
  for (const code in responses) {
    const r = responses[code];
    if (isObject(r) && isObject(r.content)) for (const type in r.content) if (!types.includes(type)) types.push(type);
  }
  return types.sort(compareStrings);
}

/** JSON first (every Kubernetes operation speaks it), then anything, then the first in order. */
function preferredType(types: string[]): string | undefined {
  if (types.includes('application/json')) return 'application/json';
  if (types.includes('*/*')) return '*/*';
  return [...types].sort(compareStrings)[0];
}

function contentSchema(content: unknown): Schema | undefined {
  return isObject(content) ? mediaSchema(content, preferredType(Object.keys(content))) : undefined;
}

/** The schema of the content's media type `type`. */
function mediaSchema(content: Record<string, unknown>, type: string | undefined): Schema | undefined {
  const media = type === undefined ? undefined : content[type];
  return isObject(media) && isObject(media.schema) ? (media.schema as Schema) : undefined;
}
