// Runs the x-kubernetes-validations of a schema tree over a value (and its old value on update) as
// kube-apiserver does: rules compiled once per schema node, on first use; errors worded as it words them.
import { Optional } from '@marcbachmann/cel-js';
import { type FieldError, fieldError } from '../errors.js';
import { child, index, key } from '../path.js';
import type { SchemaNode } from '../schema/node.js';
import type { ValidationRule } from '../schema/types.js';
import { type CompiledRule, compileRule, selfType } from './compile.js';
import { PerCallLimit, RuntimeCELCostBudget, estimateCost } from './cost.js';
import { ValueShape } from './shape.js';
import { escapeProperty, toCel } from './values.js';
import { containsRules } from './contains.js';

export { containsRules };

const compiled = new WeakMap<SchemaNode, CompiledRule[]>();
const untyped = new WeakMap<SchemaNode, CompiledRule[]>();

/**
 * The rules of a node, compiled on first use; `typed` false: for values of another type than the schema's, which a
 * rule that compiles sees as they are (whether it compiles is decided with `self` typed, as kube-apiserver does).
 */
export function compiledRules(node: SchemaNode, resourceRoot: boolean, typed = true): CompiledRule[] {
  const cache = typed ? compiled : untyped;
  let rules = cache.get(node);
  if (!rules) {
    rules = typed
      ? node.rules.map((r) => compileRule(r, node, resourceRoot))
      : compiledRules(node, resourceRoot).map((c) => (c.error ? c : compileRule(c.rule, node, resourceRoot, false)));
    cache.set(node, rules);
  }
  return rules;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What the walk needs of a node that has rules at or below it, read once per schema node. */
interface Plan {
  readonly rules: boolean;
  readonly selfType: ReturnType<typeof selfType>;
  readonly allOf: readonly SchemaNode[];
  readonly items: SchemaNode | undefined;
  /** Declared properties with rules at or below them, and the names rules see them by. */
  readonly properties: ReadonlyMap<string, Property>;
  readonly additional: SchemaNode | undefined;
  /** The one property with rules below it, when it is the only way down from an object. */
  readonly only: readonly [string, Property] | undefined;
  readonly granular: boolean;
  /** The keys that correlate old items of a `map` list. */
  readonly mapKeys: readonly string[] | undefined;
  /** The node's rules, once compiled with `self` typed. */
  compiled?: CompiledRule[];
  /** The sum of their static bounds when every one compiled, reads only `self` and is cheap (-1 otherwise). */
  plainBound?: number;
}

interface Property {
  readonly node: SchemaNode;
  /** Its name in the values rules see (undefined: rules cannot reach it). */
  readonly name: string | undefined;
}

/** Static bounds below this are charged as they are; a larger one is computed over the actual values when needed. */
const smallBound = 10_000;

const plans = new WeakMap<SchemaNode, Plan | null>();

/** The node's plan; undefined when no rules sit at or below it. */
function planOf(node: SchemaNode): Plan | undefined {
  let plan = plans.get(node);
  if (plan === undefined) plans.set(node, (plan = containsRules(node) ? makePlan(node) : null));
  return plan ?? undefined;
}

function makePlan(node: SchemaNode): Plan {
  const withRules = (n: SchemaNode | boolean | undefined) =>
    typeof n === 'object' && containsRules(n) ? n : undefined;
  const properties = new Map<string, Property>();
  for (const [k, p] of node.properties) if (containsRules(p)) properties.set(k, { node: p, name: escapeProperty(k) });
  const additional = withRules(node.additionalProperties);
  return {
    rules: node.rules.length > 0,
    selfType: selfType(node),
    allOf: node.allOf.filter((s) => containsRules(s)),
    items: withRules(node.items),
    properties,
    additional,
    only: !additional && properties.size === 1 ? [...properties][0] : undefined,
    granular: node.raw['x-kubernetes-map-type'] !== 'atomic',
    mapKeys: node.raw['x-kubernetes-list-type'] === 'map' ? (node.raw['x-kubernetes-list-map-keys'] ?? []) : undefined,
  };
}

/** Whether a value has the type `self` is declared with at a node. */
function fitsType(type: Plan['selfType'], v: unknown): boolean {
  return type === 'dyn' || (type === 'list<dyn>' ? Array.isArray(v) : isObj(v));
}

export class RuleRunner {
  readonly errors: FieldError[] = [];
  private budget = RuntimeCELCostBudget;
  /**
   * Evaluations charged at their static estimate — an upper bound of their cost for values within the schema's
   * limits, which the structural checks refuse otherwise — while the bounds add up to less than the budget: their
   * cost over the actual values is computed only if the bounds would exceed it (undefined after).
   */
  private deferred: [CompiledRule, Obj][] | undefined = [];
  private bounds = 0;
  private stopped = false;
  /** The values (and old values) rules saw at the last node with rules, as CEL values: the rules below read theirs from them. */
  private readonly converted: { self: unknown; oldSelf: unknown } = { self: undefined, oldSelf: undefined };

  /**
   * Validates `v` at `path`; `old` is the value before an update (undefined on create). `cv` and `cold` are the two as
   * rules see them, when a node above converted them already.
   */
  value(
    node: SchemaNode,
    v: unknown,
    old: unknown,
    path: string,
    resourceRoot = false,
    cv?: unknown,
    cold?: unknown,
  ): void {
    if (this.stopped || v === null || v === undefined) return;
    const plan = planOf(node);
    if (!plan) return;
    if (plan.rules) {
      this.rules(node, plan, v, old, cv, cold, path, resourceRoot);
      ({ self: cv, oldSelf: cold } = this.converted);
    }
    // A scalar is converted by the schema that types it, an object or a list once for all the schemas it meets.
    const shared = typeof v === 'object';
    for (const sub of plan.allOf)
      if (!this.stopped)
        this.value(sub, v, old, path, resourceRoot, shared ? cv : undefined, shared ? cold : undefined);
    if (Array.isArray(v)) {
      if (plan.items)
        this.array(plan, plan.items, v, Array.isArray(old) ? old : undefined, path, cv as unknown[], cold as unknown[]);
    } else if (typeof v === 'object' && (plan.properties.size || plan.additional))
      this.object(node, plan, v as Obj, isObj(old) ? old : undefined, path, cv as Obj, cold as Obj);
  }

  private array(
    plan: Plan,
    items: SchemaNode,
    v: unknown[],
    old: unknown[] | undefined,
    path: string,
    cv: unknown[] | undefined,
    cold: unknown[] | undefined,
  ): void {
    const correlate = plan.mapKeys && old ? byKeys(old, plan.mapKeys) : undefined;
    for (let i = 0; i < v.length; i++) {
      const j = correlate ? correlate(v[i]) : -1;
      const oldItem = j < 0 ? undefined : old![j];
      this.value(items, v[i], oldItem, index(path, i), items.embeddedResource, cv?.[i], j < 0 ? undefined : cold?.[j]);
    }
  }

  private object(
    node: SchemaNode,
    plan: Plan,
    v: Obj,
    old: Obj | undefined,
    path: string,
    cv: Obj | undefined,
    cold: Obj | undefined,
  ): void {
    const { additional, properties, granular, only } = plan;
    const was = granular ? old : undefined;
    if (only) {
      // One field below carries rules: read it, not every key of the object.
      const [k, prop] = only;
      if (Object.hasOwn(v, k)) this.property(prop, k, v, was, path, cv, cold);
      return;
    }
    const declared = node.properties;
    for (const k of Object.keys(v)) {
      const prop = properties.get(k);
      if (prop) this.property(prop, k, v, was, path, cv, cold);
      else if (additional && !declared.has(k))
        this.value(additional, v[k], was?.[k], key(path, k), additional.embeddedResource, cv?.[k], was && cold?.[k]);
    }
  }

  private property(p: Property, k: string, v: Obj, old: Obj | undefined, path: string, cv?: Obj, cold?: Obj): void {
    const name = p.name;
    const converted = name === undefined ? undefined : cv?.[name];
    const oldConverted = name === undefined || !old ? undefined : cold?.[name];
    this.value(p.node, v[k], old?.[k], child(path, k), p.node.embeddedResource, converted, oldConverted);
  }

  private rules(
    node: SchemaNode,
    plan: Plan,
    v: unknown,
    old: unknown,
    cv: unknown,
    cold: unknown,
    path: string,
    resourceRoot: boolean,
  ): void {
    const type = node.type ?? '';
    const converted = this.converted;
    converted.self = cv;
    converted.oldSelf = cold;
    if (this.budget <= 0) {
      this.outOfBudget(path, type);
      return;
    }
    let self = cv;
    let oldSelf = cold;
    let selfOnly: Obj | undefined;
    let withOld: Obj | undefined;
    let optional: Obj | undefined;
    const typed = fitsType(plan.selfType, v) && (old === undefined || fitsType(plan.selfType, old));
    const rules = typed
      ? (plan.compiled ??= compiledRules(node, resourceRoot))
      : compiledRules(node, resourceRoot, false);
    if (typed && this.plain(plan, rules, v, node, path, type)) return;
    for (const rule of rules) {
      if (rule.error) {
        this.errors.push(fieldError.invalid(path, type, `rule compile error: ${rule.error}`));
        continue;
      }
      if (rule.usesOldSelf && old === undefined && !rule.rule.optionalOldSelf) continue;
      self ??= converted.self = toCel(v, node);
      if (rule.usesOldSelf && old !== undefined) oldSelf ??= converted.oldSelf = toCel(old, node);
      // The rules of a node share their activations: evaluation only reads them.
      const ctx = !rule.usesOldSelf
        ? (selfOnly ??= { self })
        : rule.rule.optionalOldSelf
          ? (optional ??= { self, oldSelf: old === undefined ? Optional.none() : Optional.of(oldSelf) })
          : (withOld ??= { self, oldSelf });
      if (this.chargeBound(rule, ctx)) {
        this.evaluate(rule, ctx, path, type);
        continue;
      }
      const cost = this.cost(rule, ctx);
      if (cost > PerCallLimit) {
        this.errors.push(
          fieldError.invalid(
            path,
            type,
            `'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleErrorString(rule.rule)}`,
          ),
        );
        this.stopped = true;
        return;
      }
      if (cost > this.budget) {
        this.outOfBudget(path, type);
        return;
      }
      this.budget -= cost;
      this.evaluate(rule, ctx, path, type);
    }
  }

  /**
   * The common case in one step: rules that read only `self`, whose static bounds fit in what is left of the budget,
   * are charged together and evaluated in turn, as the general loop would.
   */
  private plain(plan: Plan, rules: CompiledRule[], v: unknown, node: SchemaNode, path: string, type: string): boolean {
    const bound = (plan.plainBound ??= plainBound(rules));
    if (bound < 0 || !this.deferred || this.bounds + bound >= RuntimeCELCostBudget) return false;
    this.bounds += bound;
    this.budget -= bound;
    const converted = this.converted;
    const ctx = { self: (converted.self ??= toCel(v, node)) };
    for (const rule of rules) this.evaluate(rule, ctx, path, type);
    return true;
  }

  private outOfBudget(path: string, type: string): void {
    this.errors.push(
      fieldError.invalid(
        path,
        type,
        'validation failed due to running out of cost budget, no further validation rules will be run',
      ),
    );
    this.stopped = true;
  }

  /** Charges an evaluation its static bound when no limit can be reached; else settles what was deferred. */
  private chargeBound(rule: CompiledRule, ctx: Obj): boolean {
    if (!this.deferred) return false;
    const bound = rule.estimatedCost;
    if (bound <= PerCallLimit && this.bounds + bound < RuntimeCELCostBudget) {
      this.bounds += bound;
      if (bound < smallBound) this.budget -= bound;
      else this.deferred.push([rule, ctx]);
      return true;
    }
    for (const [r, c] of this.deferred) this.budget -= this.cost(r, c);
    this.deferred = undefined;
    return false;
  }

  /** The static estimate when it is small; otherwise the same cost model over the actual sizes. */
  private cost(rule: CompiledRule, ctx: Obj): number {
    if (rule.estimatedCost < smallBound) return rule.estimatedCost;
    const vars = { self: new ValueShape(ctx.self), oldSelf: new ValueShape(ctx.oldSelf) };
    return estimateCost(rule.program!.ast, vars).cost;
  }

  private evaluate(rule: CompiledRule, ctx: Obj, path: string, type: string): void {
    let result: unknown;
    try {
      result = rule.program!(ctx);
    } catch (e) {
      const text = celErrorText(e);
      const detail = text.startsWith('no such overload')
        ? `'${text}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule.rule)}`
        : `${text} evaluating rule: ${ruleErrorString(rule.rule)}`;
      this.errors.push(fieldError.invalid(path, type, detail));
      return;
    }
    if (result === true) return;
    const at = rule.fieldPath ? child(path, rule.fieldPath) : path;
    const detail = this.message(rule, ctx) ?? ruleMessageOrDefault(rule.rule);
    this.errors.push(errorForReason(rule.rule.reason, at, type, detail));
  }

  private message(rule: CompiledRule, ctx: Obj): string | undefined {
    if (!rule.message) return undefined;
    try {
      const text = rule.message(ctx);
      if (typeof text !== 'string') return undefined;
      const trimmed = text.trim();
      return trimmed && !trimmed.includes('\n') && trimmed.length <= 5 * 1024 ? trimmed : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The sum of the rules' static bounds when each compiled, reads only `self` and is charged at its bound; else -1. */
function plainBound(rules: readonly CompiledRule[]): number {
  let sum = 0;
  for (const r of rules) {
    if (r.error || r.usesOldSelf || r.estimatedCost >= smallBound) return -1;
    sum += r.estimatedCost;
  }
  return sum;
}

/** The index of an item's old item in a `map` list, by its keys (-1: none). */
function byKeys(old: unknown[], keys: readonly string[]): (item: unknown) => number {
  const id = (x: unknown) => (isObj(x) ? JSON.stringify(keys.map((k) => x[k] ?? null)) : undefined);
  const map = new Map<string, number>();
  old.forEach((o, i) => {
    const k = id(o);
    if (k !== undefined) map.set(k, i);
  });
  return (item) => {
    const k = id(item);
    return (k === undefined ? undefined : map.get(k)) ?? -1;
  };
}

function errorForReason(reason: ValidationRule['reason'], path: string, type: string, detail: string): FieldError {
  switch (reason) {
    case 'FieldValueForbidden':
      return fieldError.forbidden(path, detail);
    case 'FieldValueRequired':
      return fieldError.required(path, detail);
    case 'FieldValueDuplicate':
      return fieldError.duplicate(path, type);
    default:
      return fieldError.invalid(path, type, detail);
  }
}

export function ruleErrorString(rule: ValidationRule): string {
  return rule.message?.trim() ? rule.message.trim() : rule.rule.trim();
}

function ruleMessageOrDefault(rule: ValidationRule): string {
  return rule.message?.trim() ? rule.message.trim() : `failed rule: ${rule.rule.trim()}`;
}

/** cel-go words runtime errors in lower case (`no such key: x`, `index out of bounds: 3`). */
function celErrorText(e: unknown): string {
  const err = e as { summary?: string; message?: string; code?: string };
  let text = err.summary ?? err.message ?? String(e);
  if (err.code === 'no_matching_overload' || /no matching overload/.test(text)) text = `no such overload: ${text}`;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
