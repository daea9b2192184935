// The view a group-version's client template renders: one entry per resource and subresource, each method
// with its interface member and its implementation (a compact `$op` call). Derived purely from the model.
import type { ApiModel, Deprecation, Operation, Parameter, Resource, Schema } from '../../core/model/types.js';
import { jsdoc } from './jsdoc.js';
import { NameScope, propertyKey, quote, typeName } from './names.js';
import { extraPathParams, queryParams, resourceMethods, subresourceMethods, type MethodPlan } from './operations.js';
import type { ModulePlan, ModuleRefs, Plan } from './plan.js';
import type { ModuleConversions } from './conversions.js';
import { fragmentText } from './convert.js';
import { directFragment } from './direct.js';
import { prepare } from './schema.js';
import { refResolver } from './types.js';
import { refsIn } from './write.js';
import { compareStrings } from '../../core/spec/values.js';

export interface MethodView {
  key: string;
  doc: string;
  /** The interface member: `get(name: string, options?: …): Promise<Pod>`. */
  member: string;
  /** The implementation: `$op(t, 'request', 'get', 'GET', [...], 'n')`. */
  impl: string;
}

export interface ResourceView {
  key: string;
  doc: string;
  methods: MethodView[];
  subresources: { key: string; doc: string; methods: MethodView[] }[];
}

/**
 * Fragments written directly, by module and by the schema's JSON: thousands of parameters and answers share a few
 * shapes. Asking again only repeats the imports the first asking made.
 */
const directTexts = new WeakMap<ModuleRefs, Map<string, string>>();

/** A schema fragment's type as it reads in `refs`' module: written directly, or converted once per distinct fragment. */
function schemaText(
  schema: Schema | undefined,
  refs: ModuleRefs,
  plan: Plan,
  model: ApiModel,
  conversions: ModuleConversions,
): string {
  if (!schema) return 'unknown';
  let texts = directTexts.get(refs);
  if (!texts) directTexts.set(refs, (texts = new Map()));
  const key = JSON.stringify(schema);
  const known = texts.get(key);
  if (known !== undefined) return known;
  const prepared = prepare(schema, { has: (n) => n in model.schemas }, '#');
  const resolve = refResolver(refs, plan);
  const direct = directFragment(prepared, resolve);
  if (direct !== undefined) {
    texts.set(key, direct);
    return direct;
  }
  return conversions.fragment(prepared, resolve, (recording) => fragmentText(prepared, recording));
}

/** Query parameter interfaces, shared by every module through `support.ts` and named once per distinct shape. */
export class QueryTypes {
  private readonly byShape = new Map<string, string>();
  private readonly declarations: string[] = [];
  private readonly scope = new NameScope();
  /** Told each query type asked for (its shape and hint), in order: what a module's clients add to support.ts. */
  onName?: (shape: string, hint: string) => void;
  /**
   * `known`: the types an earlier build of the whole model named, for rendering some of its modules again; a shape
   * it did not name then throws, since naming it would change support.ts.
   */
  constructor(
    private readonly supportRefs: ModuleRefs,
    private readonly plan: Plan,
    private readonly model: ApiModel,
    private readonly known?: ReadonlyArray<readonly [string, string]>,
  ) {
    for (const [shape, name] of known ?? []) this.byShape.set(shape, this.scope.claim(name));
  }

  /** The support-module name of the interface for these parameters, or undefined when there are none. */
  name(params: Parameter[], hint: string, repeated: Set<string>, conversions: ModuleConversions): string | undefined {
    if (!params.length) return undefined;
    const members = params.map((p) => {
      let type = schemaText(p.schema, this.supportRefs, this.plan, this.model, conversions);
      if (repeated.has(p.name)) type = `${type} | readonly string[]`;
      return { p, text: `${propertyKey(p.name)}${p.required ? ': ' : '?: '}${optional(type, p.required)};` };
    });
    const shape = members.map((m) => m.text).join('\n');
    this.onName?.(shape, hint);
    let name = this.byShape.get(shape);
    if (!name) {
      if (this.known) throw new Error(`a query type the previous build did not name: ${hint}`);
      name = this.scope.claim(`$${typeName(hint)}Query`);
      this.byShape.set(shape, name);
      const body = members.map((m) => `${jsdoc(m.p.description, '  ')}  ${m.text}`).join('\n');
      this.declarations.push(`/** Query parameters of ${hint} calls. */\nexport interface ${name} {\n${body}\n}\n`);
    }
    return name;
  }

  text(): string {
    return this.declarations.join('\n');
  }

  /** Each shape named, with its name, in the order they were named. */
  named(): [string, string][] {
    return [...this.byShape];
  }
}

const PATCH_TYPES: Record<string, string> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

/** Query parameters the API server reads every repeated value of, though the spec types them as one string. */
const REPEATED_QUERY: Record<string, string[]> = { connect: ['command'] };

export interface ClientContext {
  model: ApiModel;
  plan: Plan;
  mod: ModulePlan;
  refs: ModuleRefs;
  queries: QueryTypes;
  opsById: Map<string, Operation>;
  conversions: ModuleConversions;
  /** Schemas that hold a Quantity: a request body holding one is typed `$Write<T>`. */
  quantityHolders: ReadonlySet<string>;
}

const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';

export function resourceViews(ctx: ClientContext): ResourceView[] {
  const views: ResourceView[] = [];
  for (const resource of ctx.mod.gv!.resources) {
    const ops = resource.operations.map((id) => ctx.opsById.get(id)).filter((o): o is Operation => !!o);
    const kindType =
      resource.schema && resource.schema in ctx.model.schemas ? ctx.refs.schema(resource.schema) : 'unknown';
    const plans = resourceMethods(resource, ops);
    const methods = plans.map((m) => methodView(ctx, m, kindType, ''));
    const keys = new NameScope(methods.map((m) => m.key));
    const subresources = [...resource.subresources]
      .sort((a, b) => compareStrings(a.name, b.name))
      .map((sub) => {
        const subOps = sub.operations.map((id) => ctx.opsById.get(id)).filter((o): o is Operation => !!o);
        const subKind = sub.schema && sub.schema in ctx.model.schemas ? ctx.refs.schema(sub.schema) : kindType;
        const key = keys.has(sub.name) ? `${sub.name}Subresource` : sub.name;
        keys.claim(key);
        return {
          key: propertyKey(key),
          doc: jsdoc(`The \`${sub.name}\` subresource${sub.kind ? ` (${sub.kind})` : ''}.`, '    '),
          methods: subresourceMethods(sub, subOps).map((m) => methodView(ctx, m, subKind, sub.name)),
        };
      });
    views.push({ key: propertyKey(resource.plural), doc: resourceDoc(resource, plans), methods, subresources });
  }
  return views;
}

/** The verbs the client serves: a watch rides on the list path (`?watch=true`), so specs rarely name it as a verb. */
function resourceDoc(r: Resource, plans: MethodPlan[]): string {
  const scope = r.namespaced ? 'namespaced' : 'cluster-scoped';
  const verbs = new Set<string>(r.verbs);
  if (plans.some((m) => m.call === 'watch')) verbs.add('watch');
  const list = [...verbs].sort(compareStrings).join(', ');
  return jsdoc(`${r.kind}: \`${r.plural}\`, ${scope}. Verbs: ${list}.`, '  ', r.deprecated);
}

function methodView(ctx: ClientContext, m: MethodPlan, kindType: string, sub: string): MethodView {
  const first = m.ops[0]!;
  const options = optionsType(ctx, m, sub);
  const optional = options.required ? '' : '?';
  const name = m.args.includes('n') ? 'name: string, ' : '';
  // A patch's body is typed by `$Patch` from the target: naming the spec's body schema would import it unused.
  const body = m.args.includes('b') && m.call !== 'patch' ? `body: ${bodyType(ctx, first.requestBody?.schema)}, ` : '';
  const opts = `options${optional}: ${options.text}`;
  const paths = `[${m.ops
    .map((o) => quote(o.path))
    .filter((p, i, a) => a.indexOf(p) === i)
    .join(', ')}]`;
  const impl = `$op(t, '${m.call}', '${m.verb}', '${m.method}', ${paths}, '${m.args}')`;
  const key = propertyKey(m.name);
  let member: string;
  switch (m.call) {
    case 'patch': {
      const target = responseType(ctx, first, kindType);
      member = `${key}: ${ctx.refs.from(ctx.plan.support, '$Patch')}<${target}, ${options.text}, ${patchTypes(first)}>`;
      break;
    }
    case 'watch':
      member = `${key}(${name}${opts}): AsyncIterable<$WatchEvent<${watchEventTypes(ctx, kindType)}>>`;
      break;
    case 'connect':
      member = `${key}(${name}${opts}): Promise<$ChannelSession>`;
      break;
    case 'stream':
      member = `${key}(${name}${opts}): Promise<AsyncIterable<Uint8Array>>`;
      break;
    default:
      member = `${key}(${name}${body}${opts}): Promise<${responseType(ctx, first, kindType)}>`;
  }
  return { key, doc: jsdoc(first.description, sub ? '      ' : '    ', methodDeprecation(m)), member, impl };
}

/** A method is deprecated when every operation it may call is; `/watch/` paths are, in every release, by design. */
function methodDeprecation(m: MethodPlan): Deprecation | undefined {
  const notes = m.ops.filter((o) => !o.legacyWatch).map((o) => o.deprecated);
  return notes.length && notes.every(Boolean) ? notes[0] : undefined;
}

function optionsType(ctx: ClientContext, m: MethodPlan, sub: string): { text: string; required: boolean } {
  const parts = [ctx.refs.from(ctx.plan.support, '$CallOptions')];
  if (m.ops.some((o) => o.path.includes('{namespace}'))) {
    parts.push(ctx.refs.from(ctx.plan.support, m.ops.some((o) => o.allNamespaces) ? '$AnyNamespace' : '$InNamespace'));
  }
  const params = queryParams(m);
  const repeated = new Set(REPEATED_QUERY[m.call] ?? []);
  const query = ctx.queries.name(params, `${sub} ${m.name}`, repeated, ctx.conversions);
  if (query) parts.push(ctx.refs.from(ctx.plan.support, query));
  const extras = extraPathParams(m).map((p) => `${propertyKey(p)}?: string | undefined`);
  const first = m.ops[0]!;
  if ((m.verb === 'delete' || m.verb === 'deletecollection') && first.requestBody) {
    extras.push(`body?: ${optional(bodyType(ctx, first.requestBody.schema), false)}`);
  } else if (m.call === 'stream' && ['POST', 'PUT', 'PATCH'].includes(m.method)) {
    extras.push('body?: string | Uint8Array | undefined');
  }
  if (extras.length) parts.push(`{ ${extras.join('; ')} }`);
  return { text: parts.join(' & '), required: params.some((p) => p.required) };
}

/** A request body's type: `$Write<T>` where it may hold a quantity, which a request may send as a number. */
function bodyType(ctx: ClientContext, schema: Schema | undefined): string {
  const text = schemaText(schema, ctx.refs, ctx.plan, ctx.model, ctx.conversions);
  if (!schema) return text;
  const refs = refsIn(prepare(schema, { has: (n) => n in ctx.model.schemas }, '#'));
  const holds = [...refs].some((n) => ctx.quantityHolders.has(n));
  return holds ? `${ctx.refs.from(ctx.plan.support, '$Write')}<${text}>` : text;
}

/** A watch's event types: its kind, and the Status an ERROR event carries (unknown when the spec has none). */
function watchEventTypes(ctx: ClientContext, kindType: string): string {
  return STATUS in ctx.model.schemas ? `${kindType}, ${ctx.refs.schema(STATUS)}` : kindType;
}

/** An option's type: an optional one also takes `undefined` (unset), as exactOptionalPropertyTypes asks it to say. */
function optional(type: string, required: boolean): string {
  return required || /(^|\| )undefined$/.test(type) ? type : `${type} | undefined`;
}

/**
 * The union of an operation's 2xx answers (a `oneOf` of references counts as its members), or the kind when the spec
 * names none. Several answers are each written as `$Answer<T>`, which sets `kind`, so that the union narrows on it.
 */
function responseType(ctx: ClientContext, op: Operation, kindType: string): string {
  const types: string[] = [];
  for (const code of Object.keys(op.responses).sort()) {
    if (!code.startsWith('2')) continue;
    const schema = op.responses[code]!.schema;
    if (!schema) continue;
    const members =
      Array.isArray(schema.oneOf) && schema.oneOf.every((m) => typeof m.$ref === 'string') ? schema.oneOf : [schema];
    for (const member of members) {
      const text = schemaText(member, ctx.refs, ctx.plan, ctx.model, ctx.conversions);
      if (!types.includes(text)) types.push(text);
    }
  }
  if (types.length === 0) return kindType;
  if (types.length === 1) return types[0]!;
  return types.map((t) => `${ctx.refs.from(ctx.plan.support, '$Answer')}<${t}>`).join(' | ');
}

function patchTypes(op: Operation): string {
  const from = op.patchTypes.length ? op.patchTypes : (op.requestBody?.contentTypes ?? []);
  const types = [...new Set(from.map((c) => PATCH_TYPES[c]).filter((t): t is string => !!t))].sort();
  return (types.length ? types : ['json', 'merge']).map((t) => `'${t}'`).join(' | ');
}

/** Which client method serves each operation (`deployments.list`, `pods.exec.connect`): every one is served. */
export function operationMethods(model: ApiModel): Map<string, string> {
  const opsById = new Map(model.operations.map((o) => [o.operationId, o]));
  const out = new Map<string, string>();
  for (const group of model.groups) {
    for (const gv of group.versions) {
      for (const r of gv.resources) {
        const ops = r.operations.map((id) => opsById.get(id)).filter((o): o is Operation => !!o);
        for (const m of resourceMethods(r, ops))
          for (const o of m.ops) if (!out.has(o.operationId)) out.set(o.operationId, `${r.plural}.${m.name}`);
        // Deprecated `/watch/` paths are served by the resource's watch.
        for (const o of ops)
          if (o.verb === 'watch' && !out.has(o.operationId)) out.set(o.operationId, `${r.plural}.watch`);
        for (const sub of r.subresources) {
          const subOps = sub.operations.map((id) => opsById.get(id)).filter((o): o is Operation => !!o);
          for (const m of subresourceMethods(sub, subOps))
            for (const o of m.ops) out.set(o.operationId, `${r.plural}.${sub.name}.${m.name}`);
          // exec/attach/portforward: the POST variants are the same WebSocket connection.
          for (const o of subOps)
            if (!out.has(o.operationId) && o.verb === 'connect')
              out.set(o.operationId, `${r.plural}.${sub.name}.connect`);
        }
      }
    }
  }
  return out;
}
