// The model → the generated files, in memory: pure and deterministic (same model, same bytes).
import type { ApiModel, GroupVersion } from '../../core/model/types.js';
import { kubegenVersion } from '../../core/package.js';
import { QueryTypes, resourceViews } from './client.js';
import { jsdoc } from './jsdoc.js';
import { NameScope, clientFactoryName, quote, typeName } from './names.js';
import { ModuleRefs, planModules, relativeImport, type ImportExtension, type ModulePlan, type Plan } from './plan.js';
import { ConversionCache, type ConversionStore } from './conversions.js';
import { type Prepared, prepareSchemas, schemaDeclarations } from './types.js';
import { type RenderFacts, type RenderedModule, renderFacts } from './facts.js';
import { quantityHolders } from './write.js';
import { ValidatorModules } from './validators.js';
import { template } from './templates.js';
import { compareStrings } from '../../core/spec/values.js';

export interface RenderOptions {
  /** The module generated clients import the runtime's types from. */
  runtimeImport?: string;
  /** Named in every file's header; defaults to this kubegen's version. */
  kubegenVersion?: string;
  /** The extension of relative imports (default `js`). */
  importExtension?: ImportExtension;
  /** Keeps schema conversions between runs (kubegen's cache); the output is the same bytes with or without. */
  conversionStore?: ConversionStore;
  /** Told as each stage ends: `types` (declarations), then `clients`. */
  onStage?: (stage: string) => void;
  /** Emit a validator per kind (`validate/`), and a `validate` option on clients (validators.ts). */
  validators?: boolean;
  /** Told, once rendered, what rebuilding some group-versions alone needs to know of the whole (facts.ts). */
  onFacts?: (facts: RenderFacts) => void;
}

export const DEFAULT_RUNTIME_IMPORT = '@kubegen/runtime';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** Relative path → contents, sorted by path. */
export function renderFiles(model: ApiModel, options: RenderOptions = {}): Map<string, string> {
  const setup = renderSetup(model, options);
  const { header, ext, runtimeImport, prepared } = setup;
  const plan = planModules(model, ext, prepared.nested);
  const supportRefs = new ModuleRefs(plan, plan.support);
  const queries = new QueryTypes(supportRefs, plan, model);
  const files = new Map<string, string>();

  const cache = new ConversionCache(options.conversionStore);
  const metaRefs = new ModuleRefs(plan, plan.meta);
  const meta = schemaDeclarations(model, plan, plan.meta, metaRefs, prepared, cache);
  meta.conversions.save();
  files.set(
    plan.meta.file,
    `${[header, ...metaRefs.importLines(), ''].join('\n')}\n${declarationsText(meta.declarations)}`,
  );
  const validators = options.validators ? new ValidatorModules(model, plan, header) : undefined;
  const modules = renderGroupVersions({
    model,
    plan,
    setup,
    queries,
    factories: factoryNames(plan),
    cache,
    validators,
  });
  for (const m of modules) files.set(m.mod.file, m.text);

  const objectMeta = OBJECT_META in model.schemas ? supportRefs.schema(OBJECT_META) : '{ [field: string]: unknown }';
  const queryTypes = queries.text();
  files.set(
    plan.support.file,
    template('support')({ header, runtimeImport, imports: supportRefs.importLines(), objectMeta, queryTypes }),
  );
  files.set('index.ts', template('index')({ header, ext, runtimeImport, modules: modules.map((m) => m.index) }));
  if (validators) {
    for (const [path, text] of validators.finish()) files.set(path, text);
    files.set(VALIDATING_FILE, template('validating')({ header, runtimeImport }));
  }
  options.onStage?.('clients');
  options.onFacts?.(renderFacts(model, plan, modules, queries));
  return new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
}

/** What every module of a render shares: the header, the import extension, the runtime's module, the schemas prepared. */
export interface RenderSetup {
  header: string;
  ext: ImportExtension;
  runtimeImport: string;
  prepared: Prepared;
  onStage: (stage: string) => void;
}

export function renderSetup(model: ApiModel, options: RenderOptions): RenderSetup {
  const runtimeImport = options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;
  if (!/^[@A-Za-z0-9._/-]+$/.test(runtimeImport))
    throw new Error(`--runtime-import ${JSON.stringify(runtimeImport)} is not a module specifier`);
  return {
    header: fileHeader(options.kubegenVersion ?? kubegenVersion()),
    ext: options.importExtension ?? 'js',
    runtimeImport,
    prepared: prepareSchemas(model),
    onStage: options.onStage ?? (() => undefined),
  };
}

export interface GroupVersionsInput {
  model: ApiModel;
  plan: Plan;
  setup: RenderSetup;
  queries: QueryTypes;
  factories: ReadonlyMap<ModulePlan, string>;
  cache: ConversionCache;
  validators?: ValidatorModules | undefined;
}

/** The plan's group-version modules: every module's declarations before any client, so names are claimed in one order. */
export function renderGroupVersions(input: GroupVersionsInput): RenderedModule[] {
  const { model, plan, setup, queries, factories, cache, validators } = input;
  const { header, ext, runtimeImport, prepared } = setup;
  const opsById = new Map(model.operations.map((o) => [o.operationId, o]));
  const holders = quantityHolders(prepared);
  const typed = plan.groupVersions.map((mod) => {
    const refs = new ModuleRefs(plan, mod);
    const { declarations, conversions } = schemaDeclarations(model, plan, mod, refs, prepared, cache);
    return { mod, refs, types: declarationsText(declarations), conversions };
  });
  setup.onStage('types');
  return typed.map(({ mod, refs, types, conversions }) => {
    const asked = new Map<string, string>();
    queries.onName = (shape, hint) => void (asked.has(shape) || asked.set(shape, hint));
    const resources = resourceViews({
      model,
      plan,
      mod,
      refs,
      queries,
      opsById,
      conversions,
      quantityHolders: holders,
    });
    queries.onName = undefined;
    conversions.save();
    const factory = factories.get(mod);
    if (!factory) throw new Error(`no client factory name for ${mod.key}`);
    const clientName = mod.scope.claim(`${typeName(factory)}Client`);
    const view = {
      header,
      runtimeImport,
      imports: refs.importLines(),
      runtimeTypes: runtimeTypes(resources),
      supportImport: relativeImport(mod, plan.support, ext),
      types,
      apiVersion: mod.gv!.apiVersion,
      ...groupVersionDocs(mod.gv!),
      apiVersionLiteral: quote(mod.gv!.apiVersion),
      discoveryPathLiteral: quote(mod.gv!.pathPrefix),
      clientName,
      factory,
      resources,
      validating: validators?.addGroupVersion(mod) ? validatingView(mod, ext) : false,
    };
    const index = {
      factory,
      clientName,
      importPath: mod.file.replace(/\.ts$/, `.${ext}`),
      namespace: typeName(factory),
    };
    const text = template('group-version')(view);
    return { mod, text, index, queries: [...asked] };
  });
}

/**
 * Declarations, a blank line between two. Concatenated, not joined: a module's text of many megabytes is then copied
 * once, when it is first read whole (hashed or written), instead of once more here.
 */
function declarationsText(declarations: string[]): string {
  let text = '';
  for (let i = 0; i < declarations.length; i++) text += i ? `\n\n${declarations[i]}` : declarations[i];
  return declarations.length ? `${text}\n` : '';
}

const VALIDATING_FILE = 'validating.ts';

/** What a client module needs to check objects before it sends them. */
function validatingView(mod: ModulePlan, ext: ImportExtension): object {
  const file = (path: string) => ({ ...mod, file: path });
  return {
    import: relativeImport(mod, file(VALIDATING_FILE), ext),
    validatorsImport: relativeImport(mod, file(ValidatorModules.fileOf(mod)), ext),
  };
}

/** The JSDoc of a group-version's client interface and factory, deprecated with the group-version. */
function groupVersionDocs(gv: GroupVersion): { clientDoc: string; factoryDoc: string } {
  const v = gv.apiVersion;
  return {
    clientDoc: jsdoc(`The \`${v}\` API, one property per resource.`, '', gv.deprecated),
    factoryDoc: jsdoc(
      `The \`${v}\` client: every request goes through \`transport\`. Unless \`options.discovery\` is false, the\nfirst call checks that the cluster serves \`${v}\` and otherwise fails with a \`NotServedError\`.`,
      '',
      gv.deprecated,
    ),
  };
}

/** The runtime types a client module names (`$Transport` always: the factory takes one). */
function runtimeTypes(
  resources: { methods: { member: string }[]; subresources: { methods: { member: string }[] }[] }[],
): string {
  const text = resources
    .flatMap((r) => [...r.methods, ...r.subresources.flatMap((s) => s.methods)])
    .map((m) => m.member)
    .join('\n');
  const names = ['ChannelSession', 'Transport', 'WatchEvent'].filter(
    (n) => n === 'Transport' || text.includes(`$${n}`),
  );
  return names.map((n) => `${n} as $${n}`).join(', ');
}

/** `appsV1`, `coreV1`, `networkingV1`…; the full group name where the short one is taken, else the exact one. */
export function factoryNames(plan: Plan): Map<ModulePlan, string> {
  const spellings = ['short', 'full', 'exact'] as const;
  const spelled = (mod: ModulePlan, i: number) => clientFactoryName(mod.gv!.group, mod.gv!.version, spellings[i]);
  const counts = spellings.map((_, i) => {
    const count = new Map<string, number>();
    for (const mod of plan.groupVersions) count.set(spelled(mod, i), (count.get(spelled(mod, i)) ?? 0) + 1);
    return count;
  });
  const scope = new NameScope();
  const out = new Map<ModulePlan, string>();
  for (const mod of plan.groupVersions) {
    const i = spellings.findIndex((_, i) => counts[i]!.get(spelled(mod, i)) === 1);
    out.set(mod, scope.claim(spelled(mod, i < 0 ? spellings.length - 1 : i)));
  }
  return out;
}

/**
 * Names kubegen's version, not the inputs' hash (the stamp and a package's package.json keep that): a file's bytes
 * then depend only on what it is made from, so one changed CRD changes its own files alone.
 */
function fileHeader(version: string): string {
  const safe = version.replace(/[^A-Za-z0-9.:+=_-]/g, '');
  return `// Generated by kubegen ${safe} from an OpenAPI spec.\n// Do not edit: regenerate with \`kubegen generate\`.`;
}
