// Object schemas written inline inside a named schema (every field of a CRD kind is) become named schemas of
// their own, so that users can import `CertificateSpecKeystoresJks`. Pure: works on prepared schemas (schema.ts).
import { EMBEDDED_OBJECT, REF_KEY, REF_TYPE, escapePointer, put } from './schema.js';

export interface NestedSchema {
  /** Unique among schema names: the root's name, `#`, and the JSON pointer of the object inside it. */
  key: string;
  /** Name parts after the root's: each property on the way, `value` for a map's values beside fields. */
  path: string[];
  /** Where it sits, as users write it: `spec.listeners[*].authentication`, `spec.settings.*`. */
  field: string;
  schema: Record<string, unknown>;
}

type Prepared = Record<string, unknown>;

/** Doc fields stay on the property that holds the object: its hover shows them. */
const PROPERTY_DOC = new Set(['description', 'default', 'example', 'deprecated', 'nullable']);

/**
 * The root with every nested object replaced by a reference, and the nested objects in pre-order. Arrays' items
 * and maps' values take the name of the property holding them; objects inside allOf/oneOf/anyOf stay inline.
 */
export function extractNested(root: string, schema: Prepared): { schema: Prepared; nested: NestedSchema[] } {
  const nested: NestedSchema[] = [];
  const visit = (s: Prepared, path: string[], field: string, pointer: string): Prepared => {
    if (!isNamedObject(s)) return within(s, path, field, pointer);
    const key = `${root}#${pointer}`;
    const entry: NestedSchema = { key, path, field, schema: {} };
    nested.push(entry);
    const inner: Prepared = {};
    const doc: Prepared = {};
    for (const k of Object.keys(s)) put(PROPERTY_DOC.has(k) ? doc : inner, k, s[k]);
    entry.schema = within(inner, path, field, pointer);
    return { type: REF_TYPE, [REF_KEY]: key, ...doc };
  };
  const within = (s: Prepared, path: string[], field: string, pointer: string): Prepared => {
    const out = { ...s };
    const properties = s.properties as Record<string, Prepared> | undefined;
    if (properties && typeof properties === 'object') {
      const copied: Prepared = {};
      for (const k of Object.keys(properties)) {
        const v = properties[k]!;
        put(
          copied,
          k,
          bare(v)
            ? v
            : visit(v, [...path, k], field ? `${field}.${k}` : k, `${pointer}/properties/${escapePointer(k)}`),
        );
      }
      out.properties = copied;
    }
    if (isSchema(s.items)) out.items = visit(s.items, path, `${field}[*]`, `${pointer}/items`);
    if (isSchema(s.additionalProperties)) {
      // A map beside declared fields would share their object's name: its values are `…Value`.
      const mapPath = properties && Object.keys(properties).length ? [...path, 'value'] : path;
      out.additionalProperties = visit(
        s.additionalProperties,
        mapPath,
        `${field}.*`,
        `${pointer}/additionalProperties`,
      );
    }
    if (isEmbedded(s)) {
      const [object, fields] = s.allOf as Prepared[];
      out.allOf = [object, within(fields!, path, field, `${pointer}/allOf/1`)];
    }
    return out;
  };
  return { schema: within(schema, [], '', ''), nested };
}

/** A schema holding no other: nothing in it to take out, so it is kept as it is (most fields of a large spec). */
function bare(s: Prepared): boolean {
  return s.properties === undefined && !isSchema(s.items) && !isSchema(s.additionalProperties) && !isEmbedded(s);
}

/** An object with declared fields, or an embedded resource (an object of any kind, with fields of its own). */
function isNamedObject(s: Prepared): boolean {
  if (s.type === REF_TYPE) return false;
  if (isEmbedded(s)) return hasProperties((s.allOf as Prepared[])[1]!);
  return (s.type === 'object' || s.type === undefined) && hasProperties(s);
}

function isEmbedded(s: Prepared): boolean {
  const all = s.allOf as Prepared[] | undefined;
  return Array.isArray(all) && all.length === 2 && all[0]![REF_KEY] === EMBEDDED_OBJECT && isSchema(all[1]);
}

function hasProperties(s: Prepared): boolean {
  return isSchema(s.properties) && Object.keys(s.properties).length > 0;
}

function isSchema(v: unknown): v is Prepared {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
