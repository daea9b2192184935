// What rendering some group-versions of a model again, alone (partial.ts), needs to know of the whole render they
// belong to: where every other schema lives and is named, each module's client factory, the query types support.ts
// names, and what each module asked of support.ts.
import type { ApiModel } from '../../core/model/types.js';
import type { QueryTypes } from './client.js';
import type { FixedHome, ModulePlan, Plan } from './plan.js';

/** A group-version module rendered: its text, its entry in index.ts, and the query types its clients asked for. */
export interface RenderedModule {
  mod: ModulePlan;
  text: string;
  index: IndexEntry;
  /** sha256 over the query types asked for, in order (shape and hint): what this module adds to support.ts. */
  queries: string;
}

export interface IndexEntry {
  factory: string;
  clientName: string;
  importPath: string;
  namespace: string;
}

export interface RenderFacts {
  /** Every named schema → its module's key and file, and its name there. */
  homes: Record<string, FixedHome>;
  /** Every group-version module, by key: its client factory, its entry in index.ts, its query types' hash. */
  modules: Record<string, { factory: string; index: IndexEntry; queries: string }>;
  /** The query types support.ts declares: shape and name, in order. */
  queries: [string, string][];
}

export function renderFacts(model: ApiModel, plan: Plan, modules: RenderedModule[], queries: QueryTypes): RenderFacts {
  const homes: RenderFacts['homes'] = {};
  for (const name of Object.keys(model.schemas)) {
    const mod = plan.home.get(name)!;
    homes[name] = { key: mod.key, file: mod.file, local: mod.local.get(name)! };
  }
  const byKey: RenderFacts['modules'] = {};
  for (const m of modules) byKey[m.mod.key] = { factory: m.index.factory, index: m.index, queries: m.queries };
  return { homes, modules: byKey, queries: queries.named() };
}
