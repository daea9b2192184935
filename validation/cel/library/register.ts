// Registration helpers over the CEL environment: Kubernetes' libraries add to the base library and
// skip what it already provides, and namespaced functions (`sets.contains`) hang off a constant.
import { type Environment, EvaluationError } from '@marcbachmann/cel-js';

// biome-ignore lint/suspicious/noExplicitAny: handlers receive CEL values of the declared types
export type Handler = (...args: any[]) => unknown;

/** Adds an overload unless the base library already declares one that overlaps it. */
export function define(env: Environment, signature: string, handler: Handler): void {
  try {
    env.registerFunction(signature, handler);
  } catch (e) {
    if (!(e instanceof Error && /overlaps with existing overload/.test(e.message))) throw e;
  }
}

/** Declares `name` as a namespace whose functions are written `name.fn(…)` in rules. */
export function namespace(env: Environment, name: string, typeName: string): void {
  const ns = class {};
  Object.defineProperty(ns, 'name', { value: typeName });
  env.registerType(typeName, ns);
  env.registerConstant(name, typeName, new ns());
}

/** An evaluation error with cel-go's wording, reported as kube-apiserver reports rule errors. */
export function celError(message: string): EvaluationError {
  return new EvaluationError(message);
}
