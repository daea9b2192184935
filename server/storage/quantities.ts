// The Quantity fields of a built-in kind as kube-apiserver stores them: decoding into resource.Quantity rewrites
// each in canonical form (`cpu: 1` → "1", "1.5" → "1500m", "2048Mi" → "2Gi"), and refuses a value that is no
// quantity. Custom resources keep what they were sent, quantity-like or not: kube-apiserver stores them as
// unstructured JSON and never decodes them into Go types.
import type { Schema } from '../../core/model/types.js';
import type { ServedResource } from '../api/registry.js';
import { canonicalQuantity, QuantityError, quantityFormatError } from '../defaults/quantity.js';
import { badRequest } from '../http/status.js';
import { kindSchema, type SchemaWalker } from '../patch/schema.js';
import type { KubeObject } from './store.js';

const quantityRef = /^#\/(components\/schemas|definitions)\/io\.k8s\.apimachinery\.pkg\.api\.resource\.Quantity$/;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Rewrites every Quantity field of `obj` (in place) in canonical form; a value that is no quantity is a 400. */
export function canonicalizeQuantities(r: ServedResource, obj: KubeObject): void {
  if (r.custom) return;
  const { walker, root } = kindSchema(r);
  if (!root) return;
  try {
    visit(walker, root, obj);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    throw badRequest(`${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: ${err.message}`);
  }
}

function isQuantity(schema: Schema | undefined): boolean {
  if (!schema) return false;
  if (typeof schema.$ref === 'string') return quantityRef.test(schema.$ref);
  const allOf = schema.allOf;
  return Array.isArray(allOf) && allOf.length === 1 && isQuantity(allOf[0]);
}

/** The canonical text of one field's value: a string or a JSON number (null stays null, as Go leaves it unset). */
function canonical(value: unknown): unknown {
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return canonicalQuantity(value);
  throw new QuantityError(quantityFormatError);
}

/** Walks `value` along `schema`, replacing Quantity values in their containers. */
function visit(walker: SchemaWalker, schema: Schema | undefined, value: unknown): void {
  if (!mayHoldQuantity(walker, schema)) return;
  const s = walker.resolve(schema);
  if (!s) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isQuantity(s.items)) value[i] = canonical(item);
      else visit(walker, s.items, item);
    });
    return;
  }
  if (!isObj(value)) return;
  const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  for (const [key, item] of Object.entries(value)) {
    const field = s.properties?.[key] ?? extra;
    if (isQuantity(field)) value[key] = canonical(item);
    else visit(walker, field, item);
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
