// Every `$ref` must name a schema of the merged model (`#/components/schemas/NAME`). Cycles are fine: a `$ref`
// is only a name here, and TypeScript can express recursive types. Walks schemas keyword by keyword so that
// data (`enum`, `default`, `example`) and property names such as `$ref` are never mistaken for references.
import { PointerAt as At, SpecError } from '../spec/errors.js';
import type { MergedApi } from './merge.js';
import type { Schema } from './types.js';
import { isObject } from '../spec/values.js';

export const schemaRefPrefix = '#/components/schemas/';

/** Keywords whose values are data, not schemas. */
const dataKeywords = new Set([
  'enum',
  'default',
  'example',
  'examples',
  'const',
  'required',
  'type',
  'format',
  'description',
]);
/** Keywords whose values map names to schemas. */
const schemaMaps = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

/** The schema name a `$ref` points to, or undefined when it is not a `#/components/schemas/` reference. */
export function refName(ref: string): string | undefined {
  if (!ref.startsWith(schemaRefPrefix)) return undefined;
  const name = ref.slice(schemaRefPrefix.length);
  return name.includes('~') ? name.replace(/~1/g, '/').replace(/~0/g, '~') : name;
}

/** Throws a SpecError naming the file and the pointer of the first `$ref` that names no schema. */
export function checkRefs(api: MergedApi): void {
  const known = (name: string) => api.schemas.has(name);
  const check = (schema: Schema, file: string, pointer: string) => {
    // The walk that tracks where it is runs only over a schema known to hold a bad reference.
    if (!refsKnown(schema, known)) walkSchema(schema, file, pointer, known);
  };
  for (const s of api.schemas.values()) check(s.schema, s.origin.file, s.origin.pointer);
  for (const op of api.operations) {
    const file = op.origin.file;
    for (const p of op.parameters) check(p.schema, file, p.pointer);
    if (op.requestBody) check(op.requestBody.schema, file, op.requestBody.pointer);
    for (const code in op.responses) {
      const r = op.responses[code]!;
      if (r.schema) check(r.schema, file, r.pointer);
    }
  }
}

/** Whether every `$ref` in a schema names a known schema: walkSchema's walk, without pointers. */
function refsKnown(schema: Schema, known: (name: string) => boolean): boolean {
  for (const key in schema) {
    const value = schema[key];
    if (key === '$ref') {
      const name = typeof value === 'string' ? refName(value) : undefined;
      if (name === undefined || !known(name)) return false;
    } else if (dataKeywords.has(key) || key.startsWith('x-')) {
    } else if (schemaMaps.has(key) && isObject(value)) {
      for (const name in value) if (!valueRefsKnown(value[name], known)) return false;
    } else if (typeof value === 'object' && value !== null && !valueRefsKnown(value, known)) return false;
  }
  return true;
}

function valueRefsKnown(value: unknown, known: (name: string) => boolean): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (!valueRefsKnown(item, known)) return false;
    return true;
  }
  return !isObject(value) || refsKnown(value as Schema, known);
}

function walkSchema(schema: Schema, file: string, pointer: At | string, known: (name: string) => boolean): void {
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    if (key === '$ref') {
      checkRef(value, file, new At(pointer, ['$ref']), known);
    } else if (dataKeywords.has(key) || key.startsWith('x-')) {
    } else if (schemaMaps.has(key) && isObject(value)) {
      for (const name of Object.keys(value)) walkValue(value[name], file, new At(pointer, [key, name]), known);
    } else if (typeof value === 'object' && value !== null) {
      walkValue(value, file, new At(pointer, [key]), known);
    }
  }
}

function walkValue(value: unknown, file: string, pointer: At, known: (name: string) => boolean): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walkValue(value[i], file, new At(pointer, [i]), known);
  } else if (isObject(value)) walkSchema(value as Schema, file, pointer, known);
}

function checkRef(ref: unknown, file: string, at: At, known: (name: string) => boolean): void {
  if (typeof ref !== 'string') throw new SpecError(file, String(at), '`$ref` must be a string');
  const name = refName(ref);
  if (name === undefined) {
    throw new SpecError(
      file,
      String(at),
      `$ref "${ref}" is not a reference to #/components/schemas/ (or #/definitions/ in Swagger 2.0)`,
    );
  }
  if (!known(name)) throw new SpecError(file, String(at), `dangling $ref: no schema named "${name}"`);
}
