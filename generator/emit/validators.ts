// `--validators`: a validator per kind, beside the clients and apart from them. `validate/schemas.ts` holds each
// built-in definition once, as data read on first use; `validate/<group>/<version>.ts` exports `validateKind` and
// `assertValidKind` for each kind of a group-version (functions, so that a bundler keeps only those imported).
// Only these modules import @kubegen/validation: a client loads them when it is created with `validate: true`.
import type { ApiModel, GroupVersion, Schema } from '../../core/model/types.js';
import { compareStrings } from '../../core/spec/values.js';
import { NameScope, propertyKey, quote, typeName } from './names.js';
import { ModuleRefs, type ModulePlan, type Plan, relativeImport } from './plan.js';
import { parsedJson, referencedDefinitions, validationSchema } from './validator-data.js';

export const VALIDATION_IMPORT = '@kubegen/validation';
const SCHEMAS_FILE = 'validate/schemas.ts';

interface KindView {
  kind: string;
  /** The model's schema name. */
  schema: string;
  plurals: string[];
  namespaced: boolean;
  crd: boolean;
}

/** The validator modules of a plan, by path; the path of each group-version's module is in `moduleOf`. */
export class ValidatorModules {
  private readonly definitions = new Map<string, string>();
  private readonly names = new NameScope();
  readonly files = new Map<string, string>();

  constructor(
    private readonly model: ApiModel,
    private readonly plan: Plan,
    private readonly header: string,
  ) {}

  /** The module of a group-version's validators, relative to the output folder (undefined when it has no kind). */
  static fileOf(mod: ModulePlan): string {
    return `validate/${mod.file}`;
  }

  /** Renders the validators of one group-version; false when it serves no kind with a schema. */
  addGroupVersion(mod: ModulePlan): boolean {
    const kinds = kindsOf(this.model, mod.gv!);
    if (!kinds.length) return false;
    const file = ValidatorModules.fileOf(mod);
    const self: ModulePlan = { key: file, file, schemas: [], local: new Map(), scope: new NameScope() };
    const refs = new ModuleRefs(this.plan, self);
    const used = new Set<string>();
    const byResource: string[] = [];
    const blocks = kinds.map((k) => {
      const block = this.kindBlock(k, self, refs, used, mod.gv!);
      for (const p of k.plurals) byResource.push(`  ${propertyKey(p)}: ${block.validator},`);
      return block.text;
    });
    const schemasImport = relativeImport(self, { ...self, file: SCHEMAS_FILE }, this.plan.importExtension);
    const imports = [
      `import { KindValidator, type KindDefinition, type ValidateOptions, type ValidationResult } from '${VALIDATION_IMPORT}';`,
      ...refs.importLines(),
      ...(used.size ? [`import { ${[...used].sort(compareStrings).join(', ')} } from '${schemasImport}';`] : []),
    ];
    const text = [
      this.header,
      `// Validators of the ${mod.gv!.apiVersion} kinds: each reads its schema and compiles its rules on first use.`,
      ...imports,
      '',
      ...blocks,
      "/** Each resource's validator by plural, for clients created with `validate: true`. */",
      'export const $byResource: Record<string, () => { assertValid(obj: unknown, options?: ValidateOptions): void }> = {',
      ...byResource,
      '};',
      '',
    ].join('\n');
    this.files.set(file, text);
    return true;
  }

  /** `validate/schemas.ts`, once every group-version is added. */
  finish(): Map<string, string> {
    if (this.definitions.size) {
      const lines = [...this.definitions]
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([name, id]) => {
          const data = parsedJson(validationSchema(this.model.schemas[name]!.schema, false));
          return `export const ${id} = (): Schema => ${data};`;
        });
      this.files.set(
        SCHEMAS_FILE,
        [
          this.header,
          '// The built-in definitions the validators refer to, each parsed when a validator first needs it.',
          `import type { Schema } from '${VALIDATION_IMPORT}';`,
          '',
          ...lines,
          '',
        ].join('\n'),
      );
    }
    return this.files;
  }

  private kindBlock(
    k: KindView,
    self: ModulePlan,
    refs: ModuleRefs,
    used: Set<string>,
    gv: GroupVersion,
  ): { text: string; validator: string } {
    const type = refs.schema(k.schema);
    const id = typeName(k.kind);
    const named = self.scope.claim(`$${id}Validator`);
    const kindFn = self.scope.claim(`$${id}Kind`);
    const state = self.scope.claim(`$${id.replace(/^./, (c) => c.toLowerCase())}`);
    const validate = self.scope.claim(`validate${id}`);
    const assert = self.scope.claim(`assertValid${id}`);
    const root = this.model.schemas[k.schema]!.schema;
    const fields = [
      `  group: ${quote(gv.apiGroup)},`,
      `  version: ${quote(gv.version)},`,
      `  kind: ${quote(k.kind)},`,
      `  namespaced: ${k.namespaced},`,
    ];
    if (k.crd) {
      fields.push('  crd: true,', `  schema: ${parsedJson(validationSchema(root, true))},`);
    } else {
      fields.push(`  schema: ${this.definition(k.schema, used)}(),`);
      const defs = referencedDefinitions(root, this.model.schemas).map(
        (n) => `    ${quote(n)}: ${this.definition(n, used)},`,
      );
      if (defs.length) fields.push('  definitions: {', ...defs, '  },');
    }
    const what = `\`${k.kind}\` (${gv.apiVersion})`;
    const text = [
      `const ${kindFn} = (): KindDefinition => ({`,
      ...fields,
      '});',
      `let ${state}: KindValidator<${type}> | undefined;`,
      `const ${named} = (): KindValidator<${type}> => (${state} ??= new KindValidator<${type}>(${kindFn}));`,
      '',
      `/** The field errors kube-apiserver would answer for this ${what} on create (on update, given \`oldObject\`). */`,
      `export function ${validate}(obj: unknown, options?: ValidateOptions): ValidationResult {`,
      `  return ${named}().validate(obj, options);`,
      '}',
      '',
      `/** Throws a \`ValidationError\`, worded as kube-apiserver's 422, unless \`obj\` is a valid ${what}. */`,
      `export function ${assert}(obj: unknown, options?: ValidateOptions): asserts obj is ${type} {`,
      `  const validator: KindValidator<${type}> = ${named}();`,
      '  validator.assertValid(obj, options);',
      '}',
      '',
    ].join('\n');
    return { text, validator: named };
  }

  /** The `validate/schemas.ts` export of a definition, named once. */
  private definition(name: string, used: Set<string>): string {
    let id = this.definitions.get(name);
    if (!id) this.definitions.set(name, (id = this.names.claim(`$${name.replace(/[^A-Za-z0-9_]/g, '_')}`)));
    used.add(id);
    return id;
  }
}

/** The kinds a group-version's resources hold (a kind served by several resources once, with all their plurals). */
function kindsOf(model: ApiModel, gv: GroupVersion): KindView[] {
  const byKind = new Map<string, KindView>();
  for (const r of gv.resources) {
    if (!r.schema || !model.schemas[r.schema]) continue;
    const known = byKind.get(r.kind);
    if (known) known.plurals.push(r.plural);
    else {
      const schema: Schema = model.schemas[r.schema]!.schema;
      byKind.set(r.kind, {
        kind: r.kind,
        schema: r.schema,
        plurals: [r.plural],
        namespaced: r.namespaced,
        crd: schema['x-kubegen-crd'] !== undefined,
      });
    }
  }
  return [...byKind.values()].sort((a, b) => compareStrings(a.kind, b.kind));
}
