// Some group-versions of a model rendered again, alone, as a whole render of the model would render them: the
// schemas they reference elsewhere keep the modules and names the whole render gave them (facts.ts), and so do the
// client factories and query types. A module's bytes are then the same as in the whole render as long as the query
// types it asks for are those it asked for then, which the caller compares (RenderedModule.queries).
import type { ApiModel } from '../../core/model/types.js';
import { QueryTypes } from './client.js';
import { ConversionCache, type ConversionStore } from './conversions.js';
import { ModuleRefs, planModules, type ModulePlan } from './plan.js';
import type { RenderFacts, RenderedModule } from './facts.js';
import { type RenderOptions, renderGroupVersions, renderSetup } from './render.js';

export interface PartialOptions extends Pick<RenderOptions, 'runtimeImport' | 'kubegenVersion' | 'importExtension'> {
  conversionStore?: ConversionStore;
}

/**
 * The group-version modules of `model` — a part of the model `facts` describe — rendered as a whole render of that
 * model would render them; `fixed` names the schemas of `model` that live in other modules there. Throws where that
 * cannot hold: a schema of the part that would land outside its group-versions, a module the whole did not have, a
 * query type it did not name, a reference support.ts would import.
 */
export function renderPartial(
  model: ApiModel,
  facts: RenderFacts,
  fixed: ReadonlySet<string>,
  options: PartialOptions = {},
): RenderedModule[] {
  const setup = renderSetup(model, options);
  const homes = new Map([...fixed].map((name) => [name, facts.homes[name]!] as const));
  const plan = planModules(model, setup.ext, setup.prepared.nested, homes);
  const own = new Set<ModulePlan>(plan.groupVersions);
  for (const name of Object.keys(model.schemas))
    if (!fixed.has(name) && !own.has(plan.home.get(name)!)) throw new Error(`${name} would live outside its group`);
  const factories = new Map<ModulePlan, string>();
  for (const mod of plan.groupVersions) {
    const known = facts.modules[mod.key];
    if (!known) throw new Error(`${mod.key} is a new group-version`);
    factories.set(mod, known.index.factory);
  }
  const supportRefs = new ModuleRefs(plan, plan.support);
  const queries = new QueryTypes(supportRefs, plan, model, facts.queries);
  const cache = new ConversionCache(options.conversionStore);
  const modules = renderGroupVersions({ model, plan, setup, queries, factories, cache });
  if (supportRefs.importLines().length) throw new Error('a query type references a schema');
  return modules;
}
