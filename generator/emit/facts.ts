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
  /** The query types its clients asked for: each shape once, with the hint of its first call, in order. */
  queries: [string, string][];
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
  /** Every group-version module, by key: its client factory, its entry in index.ts, its query types. */
  modules: Record<string, ModuleFacts>;
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
  const named = queries.named();
  const shapes = new Map(named.map(([shape], i) => [shape, i]));
  for (const m of modules) byKey[m.mod.key] = moduleFacts(m, shapes)!;
  return { homes, modules: byKey, queries: named };
}

export interface ModuleFacts {
  index: IndexEntry;
  /** The query types its clients asked for: each shape (by its place in `RenderFacts.queries`) once, with a hint. */
  queries: [number, string][];
}

/** A module's facts, its query shapes numbered by `shapes`; undefined when one is not there. */
export function moduleFacts(m: RenderedModule, shapes: ReadonlyMap<string, number>): ModuleFacts | undefined {
  const queries: [number, string][] = [];
  for (const [shape, hint] of m.queries) {
    const i = shapes.get(shape);
    if (i === undefined) return undefined;
    queries.push([i, hint]);
  }
  return { index: m.index, queries };
}

/**
 * The order support.ts names query types in: each shape with the hint of the first module, in render order, asking
 * for it. Two renders whose orders are the same name every type alike and write the same support.ts.
 */
export function namingOrder(modules: Iterable<ModuleFacts>): string {
  const seen = new Set<number>();
  const order: [number, string][] = [];
  for (const m of modules)
    for (const [shape, hint] of m.queries)
      if (!seen.has(shape)) {
        seen.add(shape);
        order.push([shape, hint]);
      }
  return JSON.stringify(order);
}
