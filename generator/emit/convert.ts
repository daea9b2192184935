// One schema → TypeScript text, through openapi-typescript's schema conversion and the compiler's printer, for the
// shapes the direct emitter (direct.ts) leaves to them: the only code that needs either, loaded on first use
// (toolchain.ts). References are resolved by the caller, which records them for the conversion cache (conversions.ts).
import type ts from 'typescript';
import type { GlobalContext, SchemaObject } from 'openapi-typescript';
import type { ResolveRef } from './conversions.js';
import { commentText, docLines, type DocFields } from './jsdoc.js';
import { printInline, printNode } from './print.js';
import { REF_KEY, REF_TYPE, escapePointer } from './schema.js';
import { schemaConversion, typescript } from './toolchain.js';

/** One declaration: an interface when the schema is an object type, else a type alias. */
export function declarationText(
  id: string,
  schema: Record<string, unknown>,
  doc: DocFields,
  resolve: ResolveRef,
  key: string,
): string {
  const ts = typescript();
  const docs = new DocCollector();
  const node = schemaConversion().transformSchemaObject(schema as SchemaObject, {
    path: `#/components/schemas/${escapePointer(key)}`,
    ctx: conversionContext(resolve, docs),
  });
  docs.apply();
  const decl = ts.isTypeLiteralNode(node)
    ? ts.factory.createInterfaceDeclaration(exported(), id, undefined, undefined, node.members)
    : ts.factory.createTypeAliasDeclaration(exported(), id, undefined, node);
  setDoc(decl, doc);
  return printNode(decl);
}

function exported(): ts.Modifier[] {
  const ts = typescript();
  return [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)];
}

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
  const ts = typescript();
  const text = commentText(docLines(doc));
  ts.setSyntheticLeadingComments(
    node,
    text === undefined
      ? undefined
      : [{ kind: ts.SyntaxKind.MultiLineCommentTrivia, text, hasTrailingNewLine: true, pos: -1, end: -1 }],
  );
}

/** One schema fragment (a parameter's or a response's) as a type on one line, without comments. */
export function fragmentText(schema: Record<string, unknown>, resolve: ResolveRef): string {
  const ctx = conversionContext(resolve);
  return printInline(schemaConversion().transformSchemaObject(schema as SchemaObject, { path: '#/fragment', ctx }));
}

function conversionContext(resolve: ResolveRef, docs?: DocCollector): GlobalContext {
  const transform = (schema: SchemaObject): ts.TypeNode | undefined => {
    const s = schema as Record<string, unknown>;
    if (s.type !== REF_TYPE) return undefined;
    const id = resolve(s[REF_KEY] as string);
    const { factory } = typescript();
    const type = factory.createTypeReferenceNode(id);
    // Only a nested object's reference is nullable (a `$ref`'s siblings are ignored, as OpenAPI 3.0 says).
    return s.nullable === true ? factory.createUnionTypeNode([type, schemaConversion().NULL]) : type;
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
