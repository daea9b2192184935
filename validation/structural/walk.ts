// The state of one structural check: its options, the errors found, and the field path of the value being
// checked, kept as segments and printed only when an error names it (a valid object builds no strings).
import type { FieldError } from '../errors.js';
import { child } from '../path.js';

/** The compiled check of one schema node: appends the field errors of `v` to `w.errors`. */
export type Check = (v: unknown, w: Walk) => void;

export class Walk {
  /** Property names and item indexes from the root to the value being checked; the first `depth` are current. */
  readonly segments: (string | number)[] = [];
  depth = 0;

  constructor(
    readonly errors: FieldError[],
    /** Report fields the schema does not declare, as `fieldValidation=Strict` does. */
    readonly strictFields: boolean,
    /** Report missing `required` fields (false for an apply configuration). */
    readonly required: boolean,
  ) {}

  /** The current path as field.Path prints it: `spec.containers[0].name`. */
  path(): string {
    let out = '';
    for (let i = 0; i < this.depth; i++) {
      const s = this.segments[i]!;
      out = typeof s === 'number' ? `${out}[${s}]` : child(out, s);
    }
    return out;
  }

  /** The path of the current value's field `name`. */
  pathTo(name: string): string {
    return child(this.path(), name);
  }

  /** Checks `v` as the current value's field (or item) `at`. */
  visit(check: Check, v: unknown, at: string | number): void {
    this.segments[this.depth++] = at;
    check(v, this);
    this.depth--;
  }
}
