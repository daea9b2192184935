// The Quantity fields of a built-in kind as kube-apiserver stores them: decoding into resource.Quantity rewrites
// each in canonical form (`cpu: 1` → "1", "1.5" → "1500m", "2048Mi" → "2Gi"), and refuses a value that is no
// quantity (400). Custom resources keep what they were sent, quantity-like or not: kube-apiserver stores them as
// unstructured JSON and never decodes them into Go types.
// A value that is no quantity is left as written, for validation to report with the object's other causes when
// its checks catch it (422, as `kubegen validate` says); what they let through is refused as the decoder refuses it.
import type { Schema } from '../../core/model/types.js';
import type { ServedResource } from '../api/registry.js';
import { canonicalQuantity, QuantityError, quantityFormatError } from '../defaults/quantity.js';
import { badRequest, type StatusError } from '../http/status.js';
import { kindSchema, type SchemaWalker } from '../patch/schema.js';
import type { KubeObject } from './store.js';

const quantityRef = /^#\/(components\/schemas|definitions)\/io\.k8s\.apimachinery\.pkg\.api\.resource\.Quantity$/;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Rewrites every Quantity field of `obj` (in place) in canonical form. Returns what to answer for the first value
 * that is no quantity (left as written), to be thrown once validation has had its say.
 */
export function canonicalizeQuantities(r: ServedResource, obj: KubeObject): StatusError | undefined {
  if (r.custom) return undefined;
  const { walker, root } = kindSchema(r);
  if (!root) return undefined;
  const refused: QuantityError[] = [];
  visit(walker, root, obj, refused);
  const [first] = refused;
  return first && badRequest(`${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: ${first.message}`);
}

function isQuantity(schema: Schema | undefined): boolean {
  if (!schema) return false;
  if (typeof schema.$ref === 'string') return quantityRef.test(schema.$ref);
  const allOf = schema.allOf;
  return Array.isArray(allOf) && allOf.length === 1 && isQuantity(allOf[0]);
}

/** The canonical text of one field's value (null stays null, as Go leaves it unset); as written when it is none. */
function canonical(value: unknown, refused: QuantityError[]): unknown {
  if (value === null) return null;
  try {
    if (typeof value === 'string' || typeof value === 'number') return canonicalQuantity(value);
    throw new QuantityError(quantityFormatError);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    refused.push(err);
    return value;
  }
}

/** Walks `value` along `schema`, replacing Quantity values in their containers. */
function visit(walker: SchemaWalker, schema: Schema | undefined, value: unknown, refused: QuantityError[]): void {
  if (!mayHoldQuantity(walker, schema)) return;
  const s = walker.resolve(schema);
  if (!s) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isQuantity(s.items)) value[i] = canonical(item, refused);
      else visit(walker, s.items, item, refused);
    });
    return;
  }
  if (!isObj(value)) return;
  const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  for (const [key, item] of Object.entries(value)) {
    const field = s.properties?.[key] ?? extra;
    if (isQuantity(field)) value[key] = canonical(item, refused);
    else visit(walker, field, item, refused);
  }
}

const holds = new WeakMap<Schema, boolean>();

/**
 * Whether a schema can hold a Quantity anywhere below it. Cached; inside a recursive schema a "no" is only known
 * once the outermost walk is done, so only that one is kept.
 */
function mayHoldQuantity(walker: SchemaWalker, schema: Schema | undefined, seen?: Set<Schema>): boolean {
  if (!schema) return false;
  if (isQuantity(schema)) return true;
  const known = holds.get(schema);
  if (known !== undefined) return known;
  if (seen?.has(schema)) return false;
  const walked = seen ?? new Set<Schema>();
  walked.add(schema);
  const s = walker.resolve(schema);
  const children: (Schema | undefined)[] = [s?.items, ...Object.values(s?.properties ?? {})];
  if (typeof s?.additionalProperties === 'object') children.push(s.additionalProperties);
  const found = children.some((child) => mayHoldQuantity(walker, child, walked));
  if (found || !seen) holds.set(schema, found);
  return found;
}
