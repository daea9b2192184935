// The engine's entry point: kinds from OpenAPI documents and CRDs, each compiled on first use, and
// objects checked as kube-apiserver checks them on create and update.
import { containsRules } from './cel/contains.js';
import { ruleEngine } from './cel/engine.js';
import type { FieldError } from './errors.js';
import { fieldError } from './errors.js';
import { checkObjectMeta } from './metadata.js';
import { type KindEntry, type OpenAPIDocument, gvkKey, kindsOfCRD, kindsOfOpenAPI } from './schema/documents.js';
import type { SchemaNode } from './schema/node.js';
import type { GroupVersionKind } from './schema/types.js';
import { withDefaults } from './structural/defaults.js';
import { checkStructure } from './structural/validate.js';

export interface ValidateOptions {
  /** The object before an update: enables transition rules (`oldSelf`). */
  oldObject?: unknown;
  /** Report undeclared fields as `fieldValidation=Strict` does (default true). */
  strictFields?: boolean;
  /** Run x-kubernetes-validations rules (default true). */
  rules?: boolean;
  /**
   * The object is a server-side apply configuration: only the fields it sets are checked (no `required`), and no
   * rules run, since kube-apiserver applies both to the object the configuration merges into.
   */
  partial?: boolean;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly FieldError[];
  readonly gvk: GroupVersionKind;
}

/** An object that cannot be validated at all: no apiVersion/kind, or a kind no input defines. */
export class ValidationInputError extends Error {
  override readonly name = 'ValidationInputError';
}

/** One CEL rule of a kind and whether it compiled. */
export interface RuleReport {
  readonly gvk: GroupVersionKind;
  readonly source: string;
  /** JSON-pointer-like location of the rule's schema inside the kind's schema. */
  readonly schemaPath: string;
  readonly rule: string;
  readonly error?: string;
}

/** What defines a deferred kind, as addOpenAPI and addCRDs take it: documents with the schemas it uses, or a CRD. */
export type DeferredKind = { openapi: readonly OpenAPIDocument[]; source: string } | { crd: unknown; source: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export class Validator {
  private readonly entries = new Map<string, KindEntry>();
  private readonly deferred = new Map<string, { gvk: GroupVersionKind; read: () => DeferredKind }>();
  /** Entries found by apiVersion then kind, as objects name them: no key is built per object checked. */
  private readonly found = new Map<string, Map<string, KindEntry>>();

  /** Kinds of /openapi/v2 or /openapi/v3 documents (pass all v3 documents of a cluster together). */
  addOpenAPI(docs: OpenAPIDocument | readonly OpenAPIDocument[], source = 'openapi'): this {
    for (const e of kindsOfOpenAPI(Array.isArray(docs) ? docs : [docs as OpenAPIDocument], source)) this.set(e);
    return this;
  }

  /** Kinds of CustomResourceDefinition objects (a CRD's kind replaces a built-in one of the same name). */
  addCRDs(crds: readonly unknown[], source = 'crd'): this {
    crds.forEach((crd, i) => {
      for (const e of kindsOfCRD(crd, crds.length > 1 ? `${source}[${i}]` : source)) this.set(e);
    });
    return this;
  }

  /**
   * Kinds known by name whose definitions are read on first use: a cache that keeps each kind apart then parses
   * only the kinds a run checks. Like the other adds, replaces kinds of the same name added before.
   */
  addDeferred(gvks: readonly GroupVersionKind[], read: (gvk: GroupVersionKind) => DeferredKind): this {
    for (const gvk of gvks) {
      const key = gvkKey(gvk);
      this.entries.delete(key);
      this.found.clear();
      this.deferred.set(key, { gvk, read: () => read(gvk) });
    }
    return this;
  }

  kinds(): GroupVersionKind[] {
    return [...[...this.entries.values()].map((e) => e.gvk), ...[...this.deferred.values()].map((d) => d.gvk)];
  }

  entry(apiVersion: string, kind: string): KindEntry | undefined {
    const known = this.found.get(apiVersion)?.get(kind);
    if (known) return known;
    const { group, version } = parseApiVersion(apiVersion);
    const key = gvkKey({ group, version, kind });
    const entry = this.entries.get(key) ?? this.readDeferred(key);
    if (entry) {
      let kinds = this.found.get(apiVersion);
      if (!kinds) this.found.set(apiVersion, (kinds = new Map()));
      kinds.set(kind, entry);
    }
    return entry;
  }

  /** Checks one object; throws ValidationInputError when it has no known apiVersion and kind. */
  validate(obj: unknown, opts: ValidateOptions = {}): ValidationResult {
    if (!isObj(obj)) throw new ValidationInputError('the object is not a JSON object');
    const { apiVersion, kind } = obj;
    if (typeof kind !== 'string' || !kind) throw new ValidationInputError(`Object 'Kind' is missing in ${brief(obj)}`);
    if (typeof apiVersion !== 'string' || !apiVersion)
      throw new ValidationInputError(`Object 'apiVersion' is missing in ${brief(obj)}`);
    const entry = this.entry(apiVersion, kind);
    if (!entry)
      throw new ValidationInputError(
        `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`,
      );
    const errors = validateEntry(entry, obj, opts);
    return { valid: errors.length === 0, errors, gvk: entry.gvk };
  }

  /**
   * The object with its CRD's schema defaults filled in, as kube-apiserver stores it (a copy that shares unchanged
   * parts); objects of other kinds come back as they are.
   */
  withDefaults<T>(obj: T): T {
    if (!isObj(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return obj;
    const entry = this.entry(obj.apiVersion, obj.kind);
    return entry?.dialect === 'crd' ? (withDefaults(entry.root(), obj) as T) : obj;
  }

  /** Whether objects of this kind run CEL rules (with `@kubegen/validation/core`: await `loadRules()` first). */
  hasRules(apiVersion: string, kind: string): boolean {
    const entry = this.entry(apiVersion, kind);
    return entry !== undefined && containsRules(entry.root());
  }

  /** Compiles every CEL rule of every kind (or of the kinds given) and reports each. */
  compileRules(only?: (gvk: GroupVersionKind) => boolean): RuleReport[] {
    for (const [key, { gvk }] of [...this.deferred]) if (!only || only(gvk)) this.readDeferred(key);
    const reports: RuleReport[] = [];
    for (const e of this.entries.values()) {
      if (only && !only(e.gvk)) continue;
      visitRules(e.root(), '', true, (node, at, root) => {
        for (const r of ruleEngine().compiledRules(node, root)) {
          reports.push({
            gvk: e.gvk,
            source: e.source,
            schemaPath: at || '/',
            rule: r.rule.rule,
            ...(r.error ? { error: r.error } : {}),
          });
        }
      });
    }
    return reports;
  }

  private set(e: KindEntry): void {
    const key = gvkKey(e.gvk);
    this.deferred.delete(key);
    this.entries.set(key, e);
    this.found.clear();
  }

  private readDeferred(key: string): KindEntry | undefined {
    const deferred = this.deferred.get(key);
    if (!deferred) return undefined;
    const d = deferred.read();
    const kinds = 'crd' in d ? kindsOfCRD(d.crd, d.source) : kindsOfOpenAPI(d.openapi, d.source);
    const entry = kinds.find((e) => gvkKey(e.gvk) === key);
    this.deferred.delete(key);
    if (entry) this.entries.set(key, entry);
    return entry;
  }
}

/** The field errors of `input` against one kind's schema, metadata rules and CEL rules. */
export function validateEntry(entry: KindEntry, input: Obj, opts: ValidateOptions): FieldError[] {
  const errors: FieldError[] = [];
  const root = entry.root();
  const crd = entry.dialect === 'crd';
  // kube-apiserver decodes a built-in kind into Go structs, where a missing field is its zero value, and checks its
  // status only in hand-written code: the schema's `required` there would refuse status it accepts.
  const obj = crd ? (withDefaults(root, input) as Obj) : withoutStatus(input);
  const old = crd && opts.oldObject !== undefined ? withDefaults(root, opts.oldObject) : opts.oldObject;
  const meta = obj.metadata;
  if (isObj(meta)) checkObjectMeta(meta, 'metadata', entry, errors);
  else if (meta === undefined && !opts.partial)
    errors.push(fieldError.required('metadata.name', 'name or generateName is required'));
  checkStructure(root, obj, errors, { strictFields: opts.strictFields ?? true, required: !opts.partial });
  if (opts.rules === false || opts.partial || !containsRules(root)) return errors;
  const rules = new (ruleEngine().RuleRunner)();
  rules.value(root, obj, old, '', true);
  errors.push(...rules.errors);
  return errors;
}

function withoutStatus(obj: Obj): Obj {
  if (obj.status === undefined) return obj;
  const { status: _status, ...rest } = obj;
  return rest;
}

function visitRules(
  node: SchemaNode,
  at: string,
  root: boolean,
  visit: (n: SchemaNode, at: string, root: boolean) => void,
  depth = 0,
): void {
  if (depth > 64 || !containsRules(node)) return;
  if (node.rules.length) visit(node, at, root);
  for (const [k, p] of node.properties) visitRules(p, `${at}/properties/${k}`, p.embeddedResource, visit, depth + 1);
  if (node.items) visitRules(node.items, `${at}/items`, node.items.embeddedResource, visit, depth + 1);
  const a = node.additionalProperties;
  if (typeof a === 'object') visitRules(a, `${at}/additionalProperties`, a.embeddedResource, visit, depth + 1);
  node.allOf.forEach((s, i) => visitRules(s, `${at}/allOf/${i}`, root, visit, depth + 1));
}

function brief(obj: Obj): string {
  const text = JSON.stringify(obj);
  return `'${text.length > 80 ? `${text.slice(0, 77)}...` : text}'`;
}
