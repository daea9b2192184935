// What the CEL library is given by one validation pass: every rule evaluation, as the program's source and the
// type of `self` it was compiled with, and the activation it ran on. The benchmarks' floors run the library alone on
// these. Recorded with the sources' rule runner (it is not part of the package); kept in a file with v8's serializer,
// which keeps bigints, dates, byte arrays and activations shared between rules as they are.
import { readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { ParseResult } from '@marcbachmann/cel-js';
import type { CompiledRule } from '../../validation/cel/compile.ts';
import { celEnvironment } from '../../validation/cel/env.ts';
import { fixHasMacros } from '../../validation/cel/has-macro.ts';
import { RuleRunner } from '../../validation/cel/validate.ts';
import { Validator } from '../../validation/index.ts';
import type { Obj } from './manifests.ts';

export interface RuleSource {
  readonly rule: string;
  readonly type: string;
  readonly optionalOldSelf: boolean;
}

export interface Recorded {
  /** The programs evaluated, in order of first use, and what each was compiled from. */
  readonly programs: NonNullable<CompiledRule['program']>[];
  readonly sources: RuleSource[];
  /** Each evaluation: the index of its program, and its activation. */
  readonly calls: [number, object][];
}

type Evaluate = (rule: CompiledRule, activation: object, ...rest: unknown[]) => void;

/** One pass of the sources' validator over `objects` with rules, every evaluation recorded. */
export function recordCalls(crds: readonly unknown[], objects: readonly Obj[]): Recorded {
  const recorded: Recorded = { programs: [], sources: [], calls: [] };
  const index = new Map<CompiledRule['program'], number>();
  const runner = RuleRunner.prototype as unknown as { evaluate: Evaluate };
  const evaluate = runner.evaluate;
  runner.evaluate = function (this: unknown, rule, activation, ...rest) {
    let i = index.get(rule.program);
    if (i === undefined) {
      index.set(rule.program, (i = recorded.programs.length));
      recorded.programs.push(rule.program!);
      recorded.sources.push({ rule: rule.rule.rule, type: rule.type, optionalOldSelf: !!rule.rule.optionalOldSelf });
    }
    recorded.calls.push([i, activation]);
    return evaluate.call(this, rule, activation, ...rest);
  };
  try {
    const v = new Validator().addCRDs(crds);
    for (const o of objects) if (!v.validate(o).valid) throw new Error(`${o.kind} is invalid`);
  } finally {
    runner.evaluate = evaluate;
  }
  return recorded;
}

export function writeCalls(file: string, { sources, calls }: Recorded): void {
  writeFileSync(file, serialize({ sources, calls }));
}

export function readCalls(file: string): Pick<Recorded, 'sources' | 'calls'> {
  return deserialize(readFileSync(file)) as Pick<Recorded, 'sources' | 'calls'>;
}

/** Each rule parsed and type-checked by the library, in the environment the validator gives it. */
export function compileAlone(sources: readonly RuleSource[]): ParseResult[] {
  return sources.map((s) => {
    const program = celEnvironment(s.optionalOldSelf, s.type).parse(s.rule);
    // The validator's has() on non-identifier chains: without it some rules do not type-check.
    fixHasMacros(program.ast);
    const checked = program.check();
    if (!checked.valid) throw new Error(`${s.rule}: ${checked.error}`);
    return program;
  });
}

/** Every call run once; throws when a rule does not hold (the benchmarks' objects are all valid). */
export function runCalls(programs: readonly ParseResult[], calls: readonly [number, object][]): number {
  for (const [i, activation] of calls) if (programs[i]!(activation) !== true) throw new Error('a rule failed');
  return calls.length;
}
