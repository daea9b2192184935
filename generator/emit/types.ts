// Named schemas → TypeScript declarations, through openapi-typescript's schema conversion. Each schema is
// prepared (Kubernetes extensions, see schema.ts) and converted once, into the module the plan gives it.
import ts from 'typescript';
import { addJSDocComment, transformSchemaObject } from 'openapi-typescript';
import type { GlobalContext, SchemaObject } from 'openapi-typescript';
import { SpecError } from '../../core/spec/errors.js';
import type { ApiModel, GroupVersionKind } from '../../core/model/types.js';
import type { ModulePlan, ModuleRefs, Plan } from './plan.js';
import { EMBEDDED_OBJECT, REF_KEY, REF_TYPE, SchemaError, escapePointer, prepareNamed } from './schema.js';

export type Prepared = Map<string, Record<string, unknown>>;

/** Prepares every named schema once; errors name the spec file and JSON pointer. */
export function prepareSchemas(model: ApiModel): Prepared {
  const prepared: Prepared = new Map();
  const has = (name: string) => name in model.schemas;
  for (const name of Object.keys(model.schemas).sort()) {
    const named = model.schemas[name]!;
    const pointer = named.origin.pointer || `/components/schemas/${escapePointer(name)}`;
    try {
      prepared.set(name, prepareNamed(name, named.schema, named.gvks.map(kindOf), { has }, pointer));
    } catch (err) {
      throw locate(err, named.origin.file, pointer);
    }
  }
  checkAliasCycles(model, prepared);
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
function checkAliasCycles(model: ApiModel, prepared: Prepared): void {
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
          .filter((n) => n !== EMBEDDED_OBJECT)
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

/**
 * The declarations of one module as text, each schema as an interface when it is an object type, else a type alias.
 * Each is printed as soon as it is made, so a module of many megabytes never holds its whole syntax tree at once.
 */
export function schemaDeclarationsText(
  model: ApiModel,
  plan: Plan,
  mod: ModulePlan,
  refs: ModuleRefs,
  prepared: Prepared,
): string {
  const ctx = conversionContext(refs, plan);
  const file = ts.createSourceFile('types.ts', '', ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
  const out: string[] = [];
  for (const name of mod.schemas) {
    const named = model.schemas[name]!;
    const schema = prepared.get(name)!;
    let node: ts.TypeNode;
    try {
      node = transformSchemaObject(schema as SchemaObject, {
        path: `#/components/schemas/${escapePointer(name)}`,
        ctx,
      });
    } catch (err) {
      throw locate(err, named.origin.file, named.origin.pointer);
    }
    out.push(printer.printNode(ts.EmitHint.Unspecified, declaration(mod.local.get(name)!, node, schema), file), '\n');
  }
  return out.join('');
}

const EXPORT = [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)];

function declaration(id: string, node: ts.TypeNode, schema: Record<string, unknown>): ts.Statement {
  const decl = ts.isTypeLiteralNode(node)
    ? ts.factory.createInterfaceDeclaration(EXPORT, id, undefined, undefined, node.members)
    : ts.factory.createTypeAliasDeclaration(EXPORT, id, undefined, node);
  addJSDocComment({ description: schema.description as string | undefined }, decl as unknown as ts.PropertySignature);
  return decl;
}

/** Converts one schema fragment (a parameter's or a response's) to a type, in the given module. */
export function fragmentType(schema: Record<string, unknown>, refs: ModuleRefs, plan: Plan): ts.TypeNode {
  return transformSchemaObject(schema as SchemaObject, { path: '#/fragment', ctx: conversionContext(refs, plan) });
}

function conversionContext(refs: ModuleRefs, plan: Plan): GlobalContext {
  const transform = (schema: SchemaObject): ts.TypeNode | undefined => {
    const s = schema as Record<string, unknown>;
    if (s.type !== REF_TYPE) return undefined;
    const target = s[REF_KEY] as string;
    const id = target === EMBEDDED_OBJECT ? refs.from(plan.support, '$KubernetesObject') : refs.schema(target);
    return ts.factory.createTypeReferenceNode(id);
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
    transformProperty: undefined,
    resolve: () => undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
  };
}
