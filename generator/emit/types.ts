// Named schemas → TypeScript declarations, written directly (direct.ts) or, for the shapes only openapi-typescript
// writes, through its schema conversion, whose text the conversion cache keeps between runs. Each schema is
// prepared (Kubernetes extensions, see schema.ts; inline objects named, see nested.ts) and converted once, into
// the module the plan gives it; its text depends only on its prepared schema and the names it references.
import { SpecError } from '../../core/spec/errors.js';
import type { ApiModel, GroupVersionKind, NamedSchema } from '../../core/model/types.js';
import { ConversionCache, type ModuleConversions, type ResolveRef } from './conversions.js';
import { declarationText } from './convert.js';
import { directDeclaration } from './direct.js';
import { plainText, type DocFields } from './jsdoc.js';
import { extractNested, type NestedSchema } from './nested.js';
import type { ModulePlan, ModuleRefs, Plan } from './plan.js';
import { REF_KEY, REF_TYPE, SUPPORT_TYPES, SchemaError, escapePointer, prepareNamed } from './schema.js';

export interface Prepared {
  /** Full schema name → the schema, ready for conversion. */
  schemas: Map<string, Record<string, unknown>>;
  /** Full schema name → the objects taken out of it, in pre-order. */
  nested: Map<string, NestedSchema[]>;
}

/** Prepares every named schema once; errors name the spec file and JSON pointer. */
export function prepareSchemas(model: ApiModel): Prepared {
  const prepared: Prepared = { schemas: new Map(), nested: new Map() };
  const names = Object.keys(model.schemas);
  const known = new Set(names);
  const has = (name: string) => known.has(name);
  // Only a schema named with a `#` can take a nested object's key: most specs have none, and skip the check.
  const nestedLike = names.some((name) => name.includes('#'));
  for (const name of names.sort()) {
    const named = model.schemas[name]!;
    const pointer = named.origin.pointer || `/components/schemas/${escapePointer(name)}`;
    try {
      const { schema, nested } = extractNested(
        name,
        prepareNamed(name, named.schema, named.gvks.map(kindOf), { has }, pointer),
      );
      prepared.schemas.set(name, schema);
      if (nested.length) prepared.nested.set(name, nested);
      const taken = nestedLike ? nested.find((n) => has(n.key)) : undefined;
      if (taken)
        throw new SchemaError(
          `a schema is named ${JSON.stringify(taken.key)}, as kubegen names a nested object`,
          pointer,
        );
    } catch (err) {
      throw locate(err, named.origin.file, pointer);
    }
  }
  checkAliasCycles(model, prepared.schemas);
  return prepared;
}

function kindOf(g: GroupVersionKind): { apiVersion: string; kind: string } {
  return { apiVersion: g.group ? `${g.group}/${g.version}` : g.version, kind: g.kind };
}

function locate(err: unknown, file: string, pointer: string): SpecError {
  if (err instanceof SchemaError) return new SpecError(file, err.pointer, err.message);
  return new SpecError(file, pointer, err instanceof Error ? err.message : String(err), { cause: err });
}

/**
 * A chain of schemas that are nothing but references to each other (`A = B`, `B = A & {…}`) has no
 * TypeScript type; references through properties, items and maps are fine (they become recursive types).
 */
function checkAliasCycles(model: ApiModel, prepared: Map<string, Record<string, unknown>>): void {
  const direct = (s: Record<string, unknown>, out: string[]): string[] => {
    if (s.type === REF_TYPE) out.push(s[REF_KEY] as string);
    for (const key of ['allOf', 'oneOf', 'anyOf'])
      for (const sub of (s[key] as Record<string, unknown>[] | undefined) ?? []) direct(sub, out);
    return out;
  };
  const done = new Set<string>();
  for (const start of prepared.keys()) {
    // Depth-first without recursion: a chain of references may be as long as the spec has schemas.
    const path: { name: string; next: string[] }[] = [];
    const active = new Set<string>();
    const enter = (name: string) => {
      path.push({
        name,
        next: direct(prepared.get(name) ?? {}, [])
          .filter((n) => !isSupportType(n))
          .reverse(),
      });
      active.add(name);
    };
    if (!done.has(start)) enter(start);
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const next = top.next.pop();
      if (next === undefined) {
        path.pop();
        active.delete(top.name);
        done.add(top.name);
      } else if (active.has(next)) {
        throw cycleError(model, [...path.slice(path.findIndex((p) => p.name === next)).map((p) => p.name), next]);
      } else if (!done.has(next)) {
        enter(next);
      }
    }
  }
}

function cycleError(model: ApiModel, cycle: string[]): SpecError {
  const origin = model.schemas[cycle[0]!]!.origin;
  return new SpecError(
    origin.file,
    origin.pointer,
    `$ref cycle ${cycle.join(' → ')} has no TypeScript type (nothing but references)`,
  );
}

export interface DeclarationInput {
  /** The full schema name, or a nested object's key. */
  key: string;
  id: string;
  schema: Record<string, unknown>;
  doc: DocFields;
  named: NamedSchema;
}

/**
 * The declarations of one module — every named schema, followed by the objects nested in it — and its conversions,
 * for its clients to add to (then save). Each is printed as soon as it is made (a module of many megabytes never
 * holds its whole syntax tree), or taken from the cache when it holds it for the same inputs.
 */
export function schemaDeclarations(
  model: ApiModel,
  plan: Plan,
  mod: ModulePlan,
  refs: ModuleRefs,
  prepared: Prepared,
  cache = new ConversionCache(undefined),
): { declarations: string[]; conversions: ModuleConversions } {
  const inputs = declarationInputs(model, mod, prepared);
  const conversions = cache.module(inputs.map((d) => [d.key, d.id, d.schema, d.doc]));
  const resolve = refResolver(refs, plan);
  const declarations = inputs.map((d, i) => {
    try {
      return (
        directDeclaration(d.id, d.schema, d.doc, resolve) ??
        conversions.declaration(i, resolve, (recording) => declarationText(d.id, d.schema, d.doc, recording, d.key))
      );
    } catch (err) {
      throw locate(err, d.named.origin.file, d.named.origin.pointer);
    }
  });
  return { declarations, conversions };
}

/** What each declaration of a module is made from, in order. */
export function declarationInputs(model: ApiModel, mod: ModulePlan, prepared: Prepared): DeclarationInput[] {
  const out: DeclarationInput[] = [];
  for (const name of mod.schemas) {
    const named = model.schemas[name]!;
    const schema = prepared.schemas.get(name)!;
    const root = mod.local.get(name)!;
    out.push({ key: name, id: root, schema, doc: { ...schema, deprecation: named.deprecated ?? false }, named });
    for (const n of prepared.nested.get(name) ?? []) {
      // A field's name may hold `*/`: made inert as a spec's descriptions are.
      const doc = { description: plainText(`The \`${n.field}\` field of a \`${root}\`.`) };
      out.push({ key: n.key, id: mod.local.get(n.key)!, schema: n.schema, doc, named });
    }
  }
  return out;
}

/** How a module names a schema it references (importing it), and the support types (an embedded object, a Quantity). */
export function refResolver(refs: ModuleRefs, plan: Plan): ResolveRef {
  return (target) => (isSupportType(target) ? refs.from(plan.support, SUPPORT_TYPES[target]!) : refs.schema(target));
}

/**
 * Whether a reference names a support type. Their names start with `#`, tested first: looking a long nested key up
 * as a property name costs more than resolving it.
 */
function isSupportType(target: string): boolean {
  return target.startsWith('#') && Object.hasOwn(SUPPORT_TYPES, target);
}
