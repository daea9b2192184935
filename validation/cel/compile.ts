// Compiling one x-kubernetes-validations entry as kube-apiserver does when a CRD is created: parse and
// type-check the rule and its messageExpression, find oldSelf, check fieldPath, and bound the cost.
import type { ASTNode, Environment, ParseResult } from '@marcbachmann/cel-js';
import type { SchemaNode } from '../schema/node.js';
import type { ValidationRule } from '../schema/types.js';
import { StaticEstimatedCostLimit, estimateCost } from './cost.js';
import { celEnvironment, unsupportedFunctions } from './env.js';
import { normalizeFieldPath } from './field-path.js';
import { fixHasMacros, walk } from './has-macro.js';
import { SchemaShape, type Shape, unknownShape } from './shape.js';

export interface CompiledRule {
  readonly rule: ValidationRule;
  /** Set when the rule cannot be used: the message kube-apiserver would give at CRD creation. */
  readonly error?: string;
  readonly program?: ParseResult;
  readonly message?: ParseResult;
  /** The type `self` is declared with in the program's environment. */
  readonly type: string;
  readonly usesOldSelf: boolean;
  /** `fieldPath` as a field path relative to the rule's node (`spec.x` form), when given. */
  readonly fieldPath?: string;
  readonly estimatedCost: number;
}

function usesVariable(ast: ASTNode, name: string): boolean {
  let found = false;
  walk(ast, (n) => {
    if (n.op === 'id' && n.args === name) found = true;
  });
  return found;
}

function calledFunctions(ast: ASTNode): string[] {
  const names: string[] = [];
  walk(ast, (n) => {
    if ((n.op === 'call' || n.op === 'rcall') && Array.isArray(n.args) && typeof n.args[0] === 'string')
      names.push(n.args[0]);
  });
  return names;
}

function describe(error: unknown, ast: ASTNode | undefined): string {
  const e = error as { summary?: string; message?: string };
  const text = e.summary ?? e.message ?? String(error);
  if (ast) {
    const missing = calledFunctions(ast).find((f) => unsupportedFunctions.has(f));
    if (missing)
      return `unsupported function ${JSON.stringify(missing)}: ${unsupportedFunctions.get(missing)} is not provided by this validator (${text})`;
  }
  return text;
}

type Compiled = { program?: ParseResult; error?: string };

/**
 * Programs by environment and source: CRDs repeat rules across versions and at every node of a shared type, and a
 * checked program depends only on its text and the types it was checked against. Bounded, for processes that keep
 * adding CRDs.
 */
const programs = new Map<string, Compiled>();
const maxPrograms = 10_000;

/** Parses and checks one expression; returns the program or kube-apiserver's style of compile error. */
function compileExpression(source: string, type: string, optionalOldSelf = false): Compiled {
  const key = `${optionalOldSelf} ${type} ${source}`;
  let compiled = programs.get(key);
  if (!compiled) {
    if (programs.size >= maxPrograms) programs.clear();
    programs.set(key, (compiled = parseAndCheck(source, celEnvironment(optionalOldSelf, type))));
  }
  return compiled;
}

function parseAndCheck(source: string, env: Environment): Compiled {
  let program: ParseResult;
  try {
    program = env.parse(source);
  } catch (e) {
    return { error: `compilation failed: ERROR: <input>: Syntax error: ${describe(e, undefined)}` };
  }
  fixHasMacros(program.ast);
  const checked = program.check();
  if (!checked.valid) return { error: `compilation failed: ERROR: <input>: ${describe(checked.error, program.ast)}` };
  return { program };
}

/** The shape `self` has at a node: a resource root also carries apiVersion, kind and metadata. */
function selfShape(node: SchemaNode, resourceRoot: boolean): Shape {
  const shape = new SchemaShape(node);
  if (!resourceRoot) return shape;
  return {
    size: shape.size,
    closed: shape.closed,
    elem: () => shape.elem(),
    field: (n) => shape.field(n) ?? (['apiVersion', 'kind', 'metadata'].includes(n) ? unknownShape : undefined),
  };
}

/**
 * The type `self` has where the schema fixes it as a list or a map, as kube-apiserver declares it from the schema:
 * calls on a typed `self` (`self.size()`) bind their overload once instead of typing the value on every evaluation.
 */
export function selfType(node: SchemaNode): 'list<dyn>' | 'map<string, dyn>' | 'dyn' {
  if (node.raw.nullable || node.intOrString || node.preserveUnknownFields || node.embeddedResource) return 'dyn';
  if (node.type === 'array') return 'list<dyn>';
  if (node.type === 'object') return 'map<string, dyn>';
  return 'dyn';
}

/**
 * Compiles a rule of `node`; `typed` false declares `self` dyn, for values of another type than the schema's (the
 * structural checks report those, and the rules see them as they are).
 */
export function compileRule(rule: ValidationRule, node: SchemaNode, resourceRoot: boolean, typed = true): CompiledRule {
  const type = typed ? selfType(node) : 'dyn';
  const base = { rule, type, usesOldSelf: false, estimatedCost: 0 };
  const { program, error } = compileExpression(rule.rule, type, rule.optionalOldSelf === true);
  if (!program) return { ...base, error };
  const usesOldSelf = usesVariable(program.ast, 'oldSelf');
  const self = selfShape(node, resourceRoot);
  const walked = estimateCost(program.ast, { self, oldSelf: self });
  if (walked.undefinedFields.length) {
    return {
      ...base,
      usesOldSelf,
      error: `compilation failed: ERROR: <input>: undefined field '${walked.undefinedFields[0]}'`,
    };
  }
  if (walked.cost > StaticEstimatedCostLimit) {
    const factor = (walked.cost / StaticEstimatedCostLimit).toFixed(1);
    return {
      ...base,
      usesOldSelf,
      estimatedCost: walked.cost,
      error: `estimated rule cost exceeds budget by factor of ${factor}x (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`,
    };
  }
  if (rule.optionalOldSelf && !usesOldSelf) {
    return { ...base, error: 'may not be set if rule does not use oldSelf' };
  }
  let message: ParseResult | undefined;
  if (rule.messageExpression) {
    const m = compileExpression(rule.messageExpression, type, rule.optionalOldSelf === true);
    if (!m.program) return { ...base, usesOldSelf, error: `messageExpression ${m.error}` };
    message = m.program;
  }
  let fieldPath: string | undefined;
  if (rule.fieldPath) {
    const normalized = normalizeFieldPath(rule.fieldPath, node);
    if ('error' in normalized)
      return { ...base, usesOldSelf, error: `fieldPath ${JSON.stringify(rule.fieldPath)}: ${normalized.error}` };
    fieldPath = normalized.path;
  }
  return { rule, type, program, message, usesOldSelf, fieldPath, estimatedCost: walked.cost };
}
