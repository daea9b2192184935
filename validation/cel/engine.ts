// The CEL half of the validator, held apart so that it loads only when needed: the package's main entry
// registers it on import; `@kubegen/validation/core` leaves it to `loadRules()`, called before the first object
// whose kind has rules (CEL's library costs more start-up time than the rest of the validator).
import type * as Rules from './validate.js';

export type RuleEngine = typeof Rules;

let engine: RuleEngine | undefined;

export function registerRuleEngine(e: RuleEngine): void {
  engine = e;
}

/** The rule engine; throws when rules are asked for and `loadRules()` has not been awaited. */
export function ruleEngine(): RuleEngine {
  if (!engine) throw new Error('x-kubernetes-validations rules need the CEL engine: await loadRules() first');
  return engine;
}

/** Loads the CEL engine (once); objects of kinds with rules can be checked after it resolves. */
export async function loadRules(): Promise<void> {
  engine ??= await import('./validate.js');
}

export function rulesLoaded(): boolean {
  return engine !== undefined;
}
