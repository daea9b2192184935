// Swagger 2.0 (kube-apiserver's `/openapi/v2`) → the OpenAPI 3 flavour of the model: definitions become
// `#/components/schemas/NAME`, body parameters become request bodies typed by `consumes`, and plain
// parameters get a `schema` holding their type.
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
import type { SourceBody, SourceDocument, SourceOperation, SourceParameter, SourceResponse } from '../source-types.js';
import type { HttpMethod, Schema } from '../types.js';
import { compareStrings, isObject, statusRecord } from '../../spec/values.js';

/** Parameter fields that describe the parameter, not its value's type. */
const parameterOnlyFields = new Set([
  'name',
  'in',
  'required',
  'description',
  'collectionFormat',
  'allowEmptyValue',
  'schema',
]);

export function normalizeV2(doc: Record<string, unknown>, file: string): SourceDocument {
  const out: SourceDocument = {
    file,
    format: 'v2',
    schemas: definitionsOf(doc, file),
    operations: operationsOfPaths(doc, file, parametersOf, operationOf),
  };
  const infoVersion = infoVersionOf(doc);
  if (infoVersion) out.infoVersion = infoVersion;
  return out;
}

/** Rewrites `#/definitions/X` references to `#/components/schemas/X` in a copy (one native round trip). */
export function toV3Refs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/definitions/', '"#/components/schemas/')) as T;
}

function definitionsOf(doc: Record<string, unknown>, file: string) {
  const defs = doc.definitions ?? {};
  if (!isObject(defs)) throw new SpecError(file, '/definitions', '`definitions` must be an object');
  const converted = toV3Refs(defs);
  return Object.keys(converted).map((name) => {
    const pointer = pointerOf('definitions', name);
    const schema = converted[name];
    if (!isObject(schema)) throw new SpecError(file, pointer, 'a definition must be an object');
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
  const all = mergeParameters(shared, parametersOf(doc, op.parameters, file, `${origin.pointer}/parameters`));
  const body = all.find((p) => p.in === 'body');
  const out = sourceOperation(op, method, path, origin, {
    parameters: all.filter((p) => p.in !== 'body' && p.in !== 'formData'),
    responses: responsesOf(doc, op.responses, file, `${origin.pointer}/responses`),
    produces: sortedUnique(mediaTypes(op.produces ?? doc.produces) ?? []),
  });
  if (body) out.requestBody = bodyOf(body, mediaTypes(op.consumes ?? doc.consumes));
  return out;
}

/** A body parameter as an OpenAPI 3 request body; without `consumes`, any media type (as kube-openapi converts it). */
function bodyOf(body: SourceParameter, consumes: string[] | undefined): SourceBody {
  return {
    schema: body.schema,
    required: body.required,
    contentTypes: sortedUnique(consumes?.length ? consumes : ['*/*']),
    pointer: body.pointer,
  };
}

function parametersOf(doc: Record<string, unknown>, value: unknown, file: string, pointer: string): SourceParameter[] {
  return parameterList(value, file, pointer).map((entry) => {
    const { value: p, pointer: at } = resolveLocal(doc, entry.value, file, entry.pointer);
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.in !== 'string') {
      throw new SpecError(file, at, 'a parameter needs a `name` and an `in`');
    }
    const param: SourceParameter = {
      name: p.name,
      in: p.in,
      required: p.required === true || p.in === 'path',
      schema: p.in === 'body' ? toV3Refs(isObject(p.schema) ? (p.schema as Schema) : {}) : valueSchema(p),
      pointer: p.in === 'body' ? `${at}/schema` : at,
    };
    if (typeof p.description === 'string') param.description = p.description;
    return param;
  });
}

/** A plain parameter's type fields (`type`, `format`, `items`, `enum`…) as a schema. */
function valueSchema(p: Record<string, unknown>): Schema {
  const schema: Schema = {};
  for (const key of Object.keys(p)) if (!parameterOnlyFields.has(key)) schema[key] = p[key];
  return toV3Refs(schema);
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
    const response: SourceResponse = { pointer: `${at}/schema` };
    if (isObject(r.schema)) response.schema = toV3Refs(r.schema as Schema);
    if (typeof r.description === 'string') response.description = r.description;
    out[code] = response;
  }
  return out;
}

function mediaTypes(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}
