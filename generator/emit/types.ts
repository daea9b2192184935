// Named schemas → TypeScript declarations, through openapi-typescript's schema conversion. Each schema is
// prepared (Kubernetes extensions, see schema.ts; inline objects named, see nested.ts) and converted once, into
// the module the plan gives it; its text depends only on its prepared schema and the names it references.
import ts from 'typescript';
import { NULL, transformSchemaObject } from 'openapi-typescript';
import type { GlobalContext, SchemaObject } from 'openapi-typescript';
import { SpecError } from '../../core/spec/errors.js';
import type { ApiModel, GroupVersionKind } from '../../core/model/types.js';
import { commentText, docLines, plainText, type DocFields } from './jsdoc.js';
import { extractNested, type NestedSchema } from './nested.js';
import type { ModulePlan, ModuleRefs, Plan } from './plan.js';
import { printNode } from './print.js';
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
  const has = (name: string) => name in model.schemas;
  for (const name of Object.keys(model.schemas).sort()) {
    const named = model.schemas[name]!;
    const pointer = named.origin.pointer || `/components/schemas/${escapePointer(name)}`;
    try {
      const { schema, nested } = extractNested(
        name,
        prepareNamed(name, named.schema, named.gvks.map(kindOf), { has }, pointer),
      );
      prepared.schemas.set(name, schema);
      if (nested.length) prepared.nested.set(name, nested);
      const taken = nested.find((n) => has(n.key));
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
          .filter((n) => !Object.hasOwn(SUPPORT_TYPES, n))
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

/** The declarations of one module as text, a blank line between two. */
export function schemaDeclarationsText(
  model: ApiModel,
  plan: Plan,
  mod: ModulePlan,
  refs: ModuleRefs,
  prepared: Prepared,
): string {
  return schemaDeclarations(model, plan, mod, refs, prepared)
    .map((d) => `${d}\n`)
    .join('\n');
}

/**
 * The declarations of one module, each printed as soon as it is made (a module of many megabytes never holds its
 * whole syntax tree): every named schema, followed by the objects nested in it.
 */
export function schemaDeclarations(
  model: ApiModel,
  plan: Plan,
  mod: ModulePlan,
  refs: ModuleRefs,
  prepared: Prepared,
): string[] {
  const out: string[] = [];
  for (const name of mod.schemas) {
    const named = model.schemas[name]!;
    const convert = (key: string, schema: Record<string, unknown>, doc: DocFields) => {
      try {
        out.push(declarationText(mod.local.get(key)!, schema, doc, refs, plan, key));
      } catch (err) {
        throw locate(err, named.origin.file, named.origin.pointer);
      }
    };
    const schema = prepared.schemas.get(name)!;
    convert(name, schema, { ...schema, deprecation: named.deprecated ?? false });
    for (const n of prepared.nested.get(name) ?? []) {
      const root = mod.local.get(name)!;
      // A field name may hold `*/`: the description is made inert as the spec's own descriptions are.
      convert(n.key, n.schema, { description: plainText(`The \`${n.field}\` field of a \`${root}\`.`) });
    }
  }
  return out;
}

/** One declaration: an interface when the schema is an object type, else a type alias. */
function declarationText(
  id: string,
  schema: Record<string, unknown>,
  doc: DocFields,
  refs: ModuleRefs,
  plan: Plan,
  key: string,
): string {
  const docs = new DocCollector();
  const node = transformSchemaObject(schema as SchemaObject, {
    path: `#/components/schemas/${escapePointer(key)}`,
    ctx: conversionContext(refs, plan, docs),
  });
  docs.apply();
  const decl = ts.isTypeLiteralNode(node)
    ? ts.factory.createInterfaceDeclaration(EXPORT, id, undefined, undefined, node.members)
    : ts.factory.createTypeAliasDeclaration(EXPORT, id, undefined, node);
  setDoc(decl, doc);
  return printNode(decl);
}

const EXPORT = [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)];

/**
 * openapi-typescript writes its own JSDoc on each property (format first, the description under `@description`,
 * empty `@default` tags, `@enum`); each property's comment is replaced by ours once the conversion is done.
 */
class DocCollector {
  private readonly properties: [ts.Node, DocFields][] = [];
  readonly transformProperty = (property: ts.PropertySignature, schema: unknown): ts.PropertySignature => {
    this.properties.push([property, schema as DocFields]);
    return property;
  };
  apply(): void {
    for (const [node, schema] of this.properties) setDoc(node, schema);
  }
}

function setDoc(node: ts.Node, doc: DocFields): void {
  const text = commentText(docLines(doc));
  ts.setSyntheticLeadingComments(
    node,
    text === undefined
      ? undefined
      : [{ kind: ts.SyntaxKind.MultiLineCommentTrivia, text, hasTrailingNewLine: true, pos: -1, end: -1 }],
  );
}

/** Converts one schema fragment (a parameter's or a response's) to a type, in the given module. */
export function fragmentType(schema: Record<string, unknown>, refs: ModuleRefs, plan: Plan): ts.TypeNode {
  return transformSchemaObject(schema as SchemaObject, { path: '#/fragment', ctx: conversionContext(refs, plan) });
}

function conversionContext(refs: ModuleRefs, plan: Plan, docs?: DocCollector): GlobalContext {
  const transform = (schema: SchemaObject): ts.TypeNode | undefined => {
    const s = schema as Record<string, unknown>;
    if (s.type !== REF_TYPE) return undefined;
    const target = s[REF_KEY] as string;
    const support = Object.hasOwn(SUPPORT_TYPES, target) ? SUPPORT_TYPES[target] : undefined;
    const id = support ? refs.from(plan.support, support) : refs.schema(target);
    const type = ts.factory.createTypeReferenceNode(id);
    // Only a nested object's reference is nullable (a `$ref`'s siblings are ignored, as OpenAPI 3.0 says).
    return s.nullable === true ? ts.factory.createUnionTypeNode([type, NULL]) : type;
  };
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: false,
    discriminators: { objects: {}, refsHandled: [] },
    emptyObjectsUnknown: true,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    redoc: undefined as unknown as GlobalContext['redoc'],
    silent: true,
    transform,
    transformProperty: docs?.transformProperty,
    resolve: () => undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
  };
}
