// Each schema node compiled once into the check of a value against it, as kube-apiserver applies it
// (kube-openapi's validator as apiextensions-apiserver maps its results to field errors): the keywords are read
// when the check is built, never per value, and the common shapes get a fast path (fast-paths.ts).
import { fieldError } from '../errors.js';
import type { SchemaNode } from '../schema/node.js';
import { arrayCheck } from './arrays.js';
import { type Slot, leafOf, scalarPath } from './fast-paths.js';
import { objectCheck } from './objects.js';
import { declaredType, enumCheck, inBody, numberCheck, stringCheck, typeCheck, typeError } from './scalars.js';
import { type Check, Walk } from './walk.js';

const compiled = [new WeakMap<SchemaNode, Check>(), new WeakMap<SchemaNode, Check>()];

/** The check of values at `node`; `resourceRoot` marks a top-level object (embedded resources are always one). */
export function checkOf(node: SchemaNode, resourceRoot: boolean): Check {
  const root = resourceRoot || node.embeddedResource;
  const cache = compiled[root ? 1 : 0]!;
  let check = cache.get(node);
  if (!check) cache.set(node, (check = compile(node, root)));
  return check;
}

/** A child's check, compiled when first called: recursive definitions (JSONSchemaProps) unfold only as deep as a value goes. */
function slot(node: SchemaNode): Slot {
  const s: Slot = { check: (v, w) => (s.check = checkOf(node, false))(v, w), leaf: leafOf(node) };
  return s;
}

function compile(node: SchemaNode, resourceRoot: boolean): Check {
  const nullOk = node.raw.nullable === true || !declaredType(node);
  const type = typeCheck(node);
  const members = enumCheck(node);
  const string = stringCheck(node);
  const number = numberCheck(node);
  // The array and object checks take the values of other types to the complete check, so that they can stand
  // for it where the schema declares their type.
  const otherwise: Check = (v, w) => complete(v, w);
  const array = arrayCheck(node, slot, otherwise);
  const object = objectCheck(node, resourceRoot, slot, otherwise);
  const embedded = node.embeddedResource;
  const combinators = node.hasCombinators ? combinatorsCheck(node) : undefined;
  const complete: Check = (v, w) => {
    if (v === null || v === undefined) {
      if (v === null && !nullOk) typeError(node, w, 'null');
      return;
    }
    if (!type(v, w)) return;
    if (members) members(v, w);
    if (typeof v === 'string') string?.(v, w);
    else if (typeof v === 'number') number?.(v, w);
    else if (Array.isArray(v)) array(v, w);
    else if (typeof v === 'object') {
      if (embedded && w.required && w.depth > 0 && w.path()) embeddedTypeMeta(v as Record<string, unknown>, w);
      object(v, w);
    }
    if (combinators) combinators(v, w);
  };
  if (node.hasCombinators || node.raw.enum || node.special || node.intOrString)
    return scalarPath(node, complete) ?? complete;
  if (node.type === 'array') return array;
  if (node.type === 'object' && !embedded) return object;
  return scalarPath(node, complete) ?? complete;
}

/** apiextensions-apiserver requires an embedded resource to say its apiVersion and kind (metadata may be left out). */
function embeddedTypeMeta(v: Record<string, unknown>, w: Walk): void {
  for (const k of ['apiVersion', 'kind'])
    if (v[k] === undefined) w.errors.push(fieldError.required(w.pathTo(k), 'must not be empty'));
}

function combinatorsCheck(node: SchemaNode): Check {
  const allOf = node.allOf.map(slot);
  const anyOf = node.anyOf.map(slot);
  const oneOf = node.oneOf.map(slot);
  const not = node.not ? slot(node.not) : undefined;
  const invalid = (w: Walk, v: unknown, what: string) => {
    const path = w.path();
    w.errors.push(fieldError.invalid(path, v, `${inBody(path)} ${what}`));
  };
  return (v, w) => {
    for (const sub of allOf) sub.check(v, w);
    if (anyOf.length && !anyOf.some((sub) => satisfies(sub, v)))
      invalid(w, v, 'must match at least one schema in anyOf');
    if (oneOf.length && oneOf.filter((sub) => satisfies(sub, v)).length !== 1)
      invalid(w, v, 'must validate one and only one schema (oneOf)');
    if (not && satisfies(not, v)) invalid(w, v, 'must not validate the schema (not)');
  };
}

/** Whether `v` satisfies a value-validation branch (no unknown-field checks inside combinators). */
function satisfies(sub: Slot, v: unknown): boolean {
  const probe = new Walk([], false, true);
  sub.check(v, probe);
  return probe.errors.length === 0;
}
