// Structural checks of one value against its schema as kube-apiserver applies them (kube-openapi's
// validator as apiextensions-apiserver maps its results to field errors), plus strict unknown fields.
import { type FieldError, fieldError } from '../errors.js';
import { validateObjectMeta } from '../metadata.js';
import { goNumber } from '../numbers.js';
import { child, index } from '../path.js';
import type { SchemaNode } from '../schema/node.js';
import { integerFormatOk, quantityPattern, stringFormatOk } from './formats.js';
import { canonical, listUniqueness } from './lists.js';
import { objectMetaFields, resourceRootFields } from './meta-fields.js';

export interface StructuralOptions {
  /** Report fields the schema does not declare, as `fieldValidation=Strict` does (default true). */
  strictFields: boolean;
  /** Report missing `required` fields (default true; false for an apply configuration). */
  required?: boolean;
}

type Obj = Record<string, unknown>;

export function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

const inBody = (path: string) => `${path} in body`;

export class StructuralValidator {
  readonly errors: FieldError[] = [];
  constructor(private readonly opts: StructuralOptions) {}

  /** Validates `value` at `path`; `resourceRoot` marks a top-level object or an embedded resource. */
  value(node: SchemaNode, v: unknown, path: string, resourceRoot = false): void {
    if (v === null || v === undefined) {
      if (v === null && !node.raw.nullable && this.declaredType(node)) this.typeError(node, path, 'null');
      return;
    }
    if (!this.typeOk(node, v, path)) return;
    if (node.raw.enum) this.enumOk(node, v, path);
    if (typeof v === 'string') this.string(node, v, path);
    else if (typeof v === 'number') this.number(node, v, path);
    else if (Array.isArray(v)) this.array(node, v, path);
    else if (typeof v === 'object') {
      if (node.embeddedResource && path && this.opts.required !== false) this.embeddedTypeMeta(v as Obj, path);
      this.object(node, v as Obj, path, resourceRoot || node.embeddedResource);
    }
    if (node.hasCombinators) this.combinators(node, v, path);
  }

  /** apiextensions-apiserver requires an embedded resource to say its apiVersion and kind (metadata may be left out). */
  private embeddedTypeMeta(v: Obj, path: string): void {
    for (const k of ['apiVersion', 'kind'])
      if (v[k] === undefined) this.errors.push(fieldError.required(child(path, k), 'must not be empty'));
  }

  private declaredType(node: SchemaNode): string | undefined {
    if (node.intOrString) return 'integer,string';
    if (node.special === 'quantity') return 'string';
    return node.type;
  }

  private typeError(node: SchemaNode, path: string, actual: string): void {
    const want = this.declaredType(node);
    this.errors.push(
      fieldError.typeInvalid(path, actual, `${inBody(path)} must be of type ${want}: ${JSON.stringify(actual)}`),
    );
  }

  private typeOk(node: SchemaNode, v: unknown, path: string): boolean {
    const actual = typeOf(v);
    if (node.special === 'quantity') return this.quantity(v, path);
    if (node.intOrString) {
      if (actual === 'integer' || actual === 'string') return true;
      this.typeError(node, path, actual);
      return false;
    }
    const want = node.type;
    if (!want || want === actual || (want === 'number' && actual === 'integer')) return this.formatOk(node, v, path);
    this.typeError(node, path, actual);
    return false;
  }

  private quantity(v: unknown, path: string): boolean {
    if (typeof v === 'number') return true;
    if (typeof v === 'string' && quantityPattern.test(v)) return true;
    const detail =
      typeof v === 'string'
        ? `quantities must match the regular expression '${quantityPattern.source}'`
        : `${inBody(path)} must be of type string: ${JSON.stringify(typeOf(v))}`;
    this.errors.push(fieldError.invalid(path, typeof v === 'string' ? v : typeOf(v), detail));
    return false;
  }

  private formatOk(node: SchemaNode, v: unknown, path: string): boolean {
    const format = node.raw.format;
    if (!format) return true;
    const ok =
      typeof v === 'string' ? stringFormatOk(format, v) : typeof v === 'number' ? integerFormatOk(format, v) : true;
    if (!ok)
      this.errors.push(
        fieldError.typeInvalid(path, v, `${inBody(path)} must be of type ${format}: ${JSON.stringify(String(v))}`),
      );
    return ok;
  }

  private enumOk(node: SchemaNode, v: unknown, path: string): void {
    const set = node.enumSet;
    if (!set || set.has(v)) return;
    if (typeof v === 'object' && node.raw.enum!.some((e) => canonical(e) === canonical(v))) return;
    const supported = node.raw.enum!.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
    this.errors.push(fieldError.notSupported(path, v, supported));
  }

  private string(node: SchemaNode, v: string, path: string): void {
    const s = node.raw;
    if (s.maxLength === undefined && s.minLength === undefined && s.pattern === undefined) return;
    // kube-openapi's string validator stops at the first of maxLength, minLength and pattern that fails.
    const length = isAscii(v) ? v.length : [...v].length;
    if (s.maxLength !== undefined && length > s.maxLength) this.errors.push(fieldError.tooLong(path, s.maxLength));
    else if (s.minLength !== undefined && length < s.minLength) {
      this.errors.push(fieldError.invalid(path, v, `${inBody(path)} should be at least ${s.minLength} chars long`));
    } else if (node.pattern && !node.pattern.test(v))
      this.errors.push(fieldError.invalid(path, v, `${inBody(path)} should match '${s.pattern}'`));
  }

  private number(node: SchemaNode, v: number, path: string): void {
    const s = node.raw;
    const int = Number.isInteger(v);
    if (s.multipleOf !== undefined && s.multipleOf > 0 && !Number.isInteger(v / s.multipleOf)) {
      this.errors.push(
        fieldError.invalid(path, v, `${inBody(path)} should be a multiple of ${goNumber(s.multipleOf, int)}`),
      );
    }
    if (s.maximum !== undefined) {
      const exclusive = s.exclusiveMaximum === true;
      if (exclusive ? v >= s.maximum : v > s.maximum) {
        const how = exclusive ? 'less than' : 'less than or equal to';
        this.errors.push(fieldError.invalid(path, v, `${inBody(path)} should be ${how} ${goNumber(s.maximum, int)}`));
      }
    }
    if (s.minimum !== undefined) {
      const exclusive = s.exclusiveMinimum === true;
      if (exclusive ? v <= s.minimum : v < s.minimum) {
        const how = exclusive ? 'greater than' : 'greater than or equal to';
        this.errors.push(fieldError.invalid(path, v, `${inBody(path)} should be ${how} ${goNumber(s.minimum, int)}`));
      }
    }
  }

  private array(node: SchemaNode, v: unknown[], path: string): void {
    const s = node.raw;
    if (s.maxItems !== undefined && v.length > s.maxItems)
      this.errors.push(fieldError.tooMany(path, v.length, s.maxItems));
    if (s.minItems !== undefined && v.length < s.minItems) {
      this.errors.push(fieldError.invalid(path, v.length, `${inBody(path)} should have at least ${s.minItems} items`));
    }
    const items = node.items;
    if (items) for (let i = 0; i < v.length; i++) this.value(items, v[i], index(path, i));
    listUniqueness(node, v, path, this.errors);
  }

  private object(node: SchemaNode, v: Obj, path: string, resourceRoot: boolean): void {
    const s = node.raw;
    const keys = Object.keys(v);
    if (s.maxProperties !== undefined && keys.length > s.maxProperties)
      this.errors.push(fieldError.tooMany(path, keys.length, s.maxProperties));
    if (s.minProperties !== undefined && keys.length < s.minProperties) {
      this.errors.push(
        fieldError.invalid(path, s.minProperties, `${inBody(path)} should have at least ${s.minProperties} properties`),
      );
    }
    if (s.required && this.opts.required !== false)
      for (const k of s.required)
        if (v[k] === undefined && !(resourceRoot && k === 'metadata'))
          this.errors.push(fieldError.required(child(path, k)));
    const props = node.properties;
    const additional = node.additionalProperties;
    for (const k of keys) {
      const at = child(path, k);
      const prop = props.get(k);
      if (prop) {
        if (resourceRoot && k === 'metadata' && node.dialect === 'crd') this.crdMeta(prop, v[k], at);
        else this.value(prop, v[k], at);
      } else if (typeof additional === 'object') this.value(additional, v[k], at);
      else if (resourceRoot && resourceRootFields.has(k)) {
        if (k === 'metadata') this.embeddedMeta(v[k], at);
      } else if (this.opts.strictFields && additional !== true && !this.freeForm(node))
        this.errors.push(fieldError.unknown(at));
    }
  }

  /** Built-in schemas declare `type: object` alone for free-form values (RawExtension, JSON); CRDs prune them. */
  private freeForm(node: SchemaNode): boolean {
    if (node.preserveUnknownFields) return true;
    return node.dialect === 'builtin' && node.properties.size === 0 && node.raw.additionalProperties === undefined;
  }

  /** A CRD may narrow metadata (say, a name's maxLength); the rest of ObjectMeta is kube-apiserver's own. */
  private crdMeta(node: SchemaNode, meta: unknown, path: string): void {
    this.embeddedMeta(meta, path);
    if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return;
    for (const [k, prop] of node.properties) {
      const value = (meta as Obj)[k];
      if (value !== undefined) this.value(prop, value, child(path, k));
    }
  }

  private embeddedMeta(meta: unknown, path: string): void {
    if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return;
    this.objectMeta(meta as Obj, path, true);
  }

  private objectMeta(meta: Obj, path: string, checkTypes = false): void {
    if (!this.opts.strictFields && !checkTypes) return;
    for (const k of Object.keys(meta)) {
      const type = objectMetaFields.get(k);
      if (type === undefined) {
        if (this.opts.strictFields) this.errors.push(fieldError.unknown(child(path, k)));
      } else if (
        checkTypes &&
        meta[k] != null &&
        typeOf(meta[k]) !== type &&
        !(type === 'number' && typeOf(meta[k]) === 'integer')
      ) {
        const at = child(path, k);
        this.errors.push(
          fieldError.typeInvalid(
            at,
            typeOf(meta[k]),
            `${inBody(at)} must be of type ${type}: ${JSON.stringify(typeOf(meta[k]))}`,
          ),
        );
      }
    }
  }

  private combinators(node: SchemaNode, v: unknown, path: string): void {
    for (const sub of node.allOf) this.value(sub, v, path);
    if (node.anyOf.length && !node.anyOf.some((sub) => this.passes(sub, v))) {
      this.errors.push(fieldError.invalid(path, v, `${inBody(path)} must match at least one schema in anyOf`));
    }
    if (node.oneOf.length && node.oneOf.filter((sub) => this.passes(sub, v)).length !== 1) {
      this.errors.push(fieldError.invalid(path, v, `${inBody(path)} must validate one and only one schema (oneOf)`));
    }
    if (node.not && this.passes(node.not, v))
      this.errors.push(fieldError.invalid(path, v, `${inBody(path)} must not validate the schema (not)`));
  }

  /** Whether `v` satisfies a value-validation branch (no unknown-field checks inside combinators). */
  private passes(node: SchemaNode, v: unknown): boolean {
    const probe = new StructuralValidator({ strictFields: false });
    probe.value(node, v, '');
    return probe.errors.length === 0;
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

export { validateObjectMeta };
