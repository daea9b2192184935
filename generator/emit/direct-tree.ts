// A prepared schema → the type openapi-typescript's schema conversion makes of it, as a small tree of our own:
// the same unions, intersections and members in the same order, for the shapes Kubernetes' schemas take. Whatever
// else a schema holds (tuples, `const`, discriminators, pattern properties, a type list) throws `Unsupported`,
// and the schema goes through the conversion itself (convert.ts).
import { docLines, type DocFields } from './jsdoc.js';
import { REF_KEY, REF_TYPE } from './schema.js';

export type Tree =
  | { kind: 'keyword'; text: string; primitive: boolean }
  | { kind: 'literal'; text: string }
  | { kind: 'ref'; target: string }
  | { kind: 'record' }
  | { kind: 'array'; element: Tree }
  | { kind: 'union' | 'intersection'; types: Tree[] }
  | { kind: 'object'; members: Member[] };

export interface Member {
  /** The key as written (bare, numeric or quoted); undefined for the `[key: string]` index signature. */
  key: string | undefined;
  optional: boolean;
  readonly: boolean;
  type: Tree;
  /** The member's JSDoc lines (none when comments are not written). */
  doc: string[];
}

/** A shape the direct emitter does not write; the conversion does. */
class Unsupported extends Error {}

const keyword = (text: string, primitive: boolean): Tree => ({ kind: 'keyword', text, primitive });
// Shared, as openapi-typescript's are: a conversion that ends on `unknown` itself is never made nullable.
const STRING = keyword('string', true);
const NUMBER = keyword('number', true);
const BOOLEAN = keyword('boolean', true);
const NULL = keyword('null', true);
const NEVER = keyword('never', true);
const UNKNOWN = keyword('unknown', false);

const TYPES = new Set(['null', 'string', 'number', 'integer', 'boolean', 'array', 'object', REF_TYPE]);

/** What a conversion collects besides its tree: the references in the order the conversion resolves them. */
export interface TreeContext {
  refs: string[];
  /** Whether members carry their JSDoc (declarations) or not (one-line fragments). */
  docs: boolean;
}

/** A schema's type, as `transformSchemaObject` makes it (its composition step). */
export function schemaTree(s: unknown, ctx: TreeContext): Tree {
  const schema = plain(s);
  check(schema);
  if (Array.isArray(schema.enum) && !isObjectLike(schema)) {
    const literals = schema.enum.map(literal);
    if (schema.nullable) literals.push(NULL);
    return union(literals);
  }
  // Most schemas compose nothing: no list is made for an absent allOf, anyOf or oneOf.
  let type = coreTree(schema, ctx);
  if (schema.allOf !== undefined) {
    const allOf = list(schema.allOf).map((item) => schemaTree(withRequired(item, schema.required), ctx));
    if (allOf.length) type = type ? intersection([type, intersection(allOf)]) : intersection(allOf);
  }
  if (schema.anyOf !== undefined) {
    const anyOf = list(schema.anyOf).map((item) => schemaTree(item, ctx));
    if (anyOf.length) type = union([...(type ? [type] : []), ...anyOf]);
  }
  if (!schema.oneOf && schema.type === 'object' && schema.enum) throw new Unsupported('enum of an object');
  if (schema.oneOf === undefined) return finish(schema, type);
  const oneOf = list(schema.oneOf).map((item) => schemaTree(item, ctx));
  if (oneOf.length)
    type = oneOf.every(isPrimitive)
      ? union([...(type ? [type] : []), ...oneOf])
      : intersection([...(type ? [type] : []), union(oneOf)]);
  return finish(schema, type);
}

/** A schema that makes no type is a record when it names a type, else unknown; nullable is a union with null. */
function finish(schema: Record<string, unknown>, made: Tree | undefined): Tree {
  const type = made ?? ('type' in schema ? { kind: 'record' } : UNKNOWN);
  return type !== UNKNOWN && schema.nullable ? { kind: 'union', types: [type, NULL] } : type;
}

function isObjectLike(s: Record<string, unknown>): boolean {
  return ('type' in s && s.type === 'object') || 'properties' in s || 'additionalProperties' in s;
}

/** Throws on the keys whose conversion is not mirrored here; each read by name, as every schema node passes here. */
function check(s: Record<string, unknown>): void {
  if ('$ref' in s) throw new Unsupported('$ref');
  if (s.discriminator || s.prefixItems || s.patternProperties || s.$defs)
    throw new Unsupported('a keyword only the conversion writes');
  if (s.const !== undefined && s.const !== null) throw new Unsupported('const');
  if (s.type !== undefined && !(typeof s.type === 'string' && TYPES.has(s.type))) throw new Unsupported('type');
  if (s.required !== undefined && !Array.isArray(s.required)) throw new Unsupported('required');
  if (s.enum !== undefined && !Array.isArray(s.enum)) throw new Unsupported('enum');
}

/** An allOf member carries its parent's required fields besides its own, as openapi-typescript passes them down. */
function withRequired(item: unknown, required: unknown): Record<string, unknown> {
  const s = plain(item);
  const own = Array.isArray(s.required) ? s.required : [];
  return { ...s, required: [...((required as unknown[] | undefined) ?? []), ...own] };
}

/** `transformSchemaObjectCore`: the type a schema's `type`, properties and map values make. */
function coreTree(s: Record<string, unknown>, ctx: TreeContext): Tree | undefined {
  if (s.type) {
    if (s.type === REF_TYPE) return refTree(s, ctx);
    if (s.type === 'null') return NULL;
    if (s.type === 'string') return STRING;
    if (s.type === 'number' || s.type === 'integer') return NUMBER;
    if (s.type === 'boolean') return BOOLEAN;
    if (s.type === 'array') return arrayTree(s, ctx);
  }
  const ap = s.additionalProperties;
  const members: Member[] = [];
  if (s.properties !== undefined) {
    const properties = plain(s.properties);
    for (const key in properties) members.push(propertyMember(key, properties[key], s.required, ctx));
  }
  if (!(members.length || ap)) return undefined;
  if (ap !== undefined && typeof ap !== 'boolean') plain(ap);
  const index =
    typeof ap === 'object' && Object.keys(ap as object).length
      ? schemaTree(ap, ctx)
      : ap === true || typeof ap === 'object'
        ? UNKNOWN
        : undefined;
  if (!index) return members.length ? { kind: 'object', members } : undefined;
  const map: Tree = { kind: 'object', members: [member(undefined, false, false, index, [])] };
  return intersection([...(members.length ? [{ kind: 'object', members } as Tree] : []), map]);
}

/** A reference through kubegen's hook (convert.ts); only a nested object's reference is nullable. */
function refTree(s: Record<string, unknown>, ctx: TreeContext): Tree {
  const target = s[REF_KEY];
  if (typeof target !== 'string') throw new Unsupported('reference without a target');
  ctx.refs.push(target);
  const ref: Tree = { kind: 'ref', target };
  return s.nullable === true ? { kind: 'union', types: [ref, NULL] } : ref;
}

function arrayTree(s: Record<string, unknown>, ctx: TreeContext): Tree {
  let item = UNKNOWN;
  if (s.items) {
    const items = plain(s.items);
    item = items.type === 'array' ? { kind: 'array', element: schemaTree(items, ctx) } : schemaTree(items, ctx);
  }
  return item.kind === 'array' ? item : { kind: 'array', element: item };
}

function propertyMember(key: string, v: unknown, required: unknown, ctx: TreeContext): Member {
  const s = plain(v);
  if ('$ref' in s) throw new Unsupported('$ref');
  const optional = !(required as unknown[] | undefined)?.includes(key);
  let type = schemaTree(s, ctx);
  // The hook runs again on the property's own schema, and its answer wins.
  if (s.type === REF_TYPE) type = refTree(s, ctx);
  return member(propertyKey(key), optional, Boolean('readOnly' in s && s.readOnly), type, ctx.docs ? docOf(s) : []);
}

function member(key: string | undefined, optional: boolean, readonly: boolean, type: Tree, doc: string[]): Member {
  return { key, optional, readonly, type, doc };
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** JSDoc lines the printer writes back as they are: none may hold a line break of its own. */
export function docOf(doc: DocFields): string[] {
  const lines = docLines(doc);
  for (const line of lines) if (LINE_BREAK.test(line)) throw new Unsupported('line break in a comment line');
  return lines;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z_$0-9]*$/;

/** openapi-typescript's property name: a number when it reads back as one, bare when an identifier, else quoted. */
function propertyKey(key: string): string {
  // An identifier first: most keys are, and no identifier is a number that reads back otherwise.
  if (IDENTIFIER.test(key)) return key;
  return String(Number(key)) === key && key[0] !== '-' ? key : printedString(key);
}

function literal(value: unknown): Tree {
  if (value === null) return NULL;
  if (typeof value === 'string') return { kind: 'literal', text: printedString(value) };
  if (typeof value === 'boolean') return { kind: 'literal', text: String(value) };
  if (typeof value === 'number' && Number.isFinite(value))
    return { kind: 'literal', text: value < 0 ? `-${Math.abs(value)}` : String(value) };
  throw new Unsupported('enum value');
}

const ESCAPED: Record<string, string> = {
  '\t': '\\t',
  '\v': '\\v',
  '\f': '\\f',
  '\b': '\\b',
  '\r': '\\r',
  '\n': '\\n',
  '\\': '\\\\',
  "'": "\\'",
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '\u0085': '\\u0085',
};

/** A string literal as the printer writes it single-quoted without ASCII escaping (names.ts' `quote` differs). */
function printedString(text: string): string {
  const body = text.replace(/[\\'\u0000-\u001f\u2028\u2029\u0085]/g, (c, offset: number) => {
    if (c === '\0') return /[0-9]/.test(text[offset + 1] ?? '') ? '\\x00' : '\\0';
    return ESCAPED[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
  return `'${body}'`;
}

/** `tsUnion`: one type stays itself; primitives are kept once. */
function union(types: Tree[]): Tree {
  if (types.length === 0) return NEVER;
  return types.length === 1 ? types[0]! : { kind: 'union', types: deduplicated(types) };
}

function intersection(types: Tree[]): Tree {
  if (types.length === 0) return NEVER;
  return types.length === 1 ? types[0]! : { kind: 'intersection', types: deduplicated(types) };
}

function deduplicated(types: Tree[]): Tree[] {
  const seen = new Set<string>();
  return types.filter((t) => {
    if (t.kind !== 'keyword' || !t.primitive) return true;
    if (seen.has(t.text)) return false;
    seen.add(t.text);
    return true;
  });
}

function isPrimitive(t: Tree): boolean {
  return t.kind === 'keyword' && t.primitive;
}

function list(v: unknown): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Unsupported('composition that is not a list');
  return v;
}

function plain(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Unsupported('schema that is not an object');
  return v as Record<string, unknown>;
}
