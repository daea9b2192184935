// The scalars of YAML 1.1 as kubectl reads them and as the yaml library's yaml-1.1 schema resolves them (`yes` is
// true, `0755` octal, `1_000` a thousand), for js-yaml: the same tests in the same order, the same conversions.
// Timestamps stay strings; a sexagesimal number (`1:30`) and any explicit tag are refused, so that the text goes to
// the reader that keeps the syntax tree.
import { FAILSAFE_SCHEMA, Type } from 'js-yaml';

/** Thrown where js-yaml would read a value its own way: the caller falls back to the checked reader. */
export const notPlain = new Error('not plain YAML 1.1');

// js-yaml passes the tag to a type given explicitly (`!!int 1`): refused, the checked reader resolves those.
const test = (regexes: RegExp[]) =>
  ((s: string, explicit?: string) => explicit === undefined && regexes.some((r) => r.test(s))) as (
    s: string,
  ) => boolean;

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: test([/^(?:~|[Nn]ull|NULL)?$/]),
  construct: () => null,
});
const trueRe = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: test([trueRe, /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/]),
  construct: (s: string) => trueRe.test(s),
});

// [test, digits start after the sign, radix], in the yaml library's order: `0_` is octal (and not a number).
const ints: [RegExp, number, number][] = [
  [/^[-+]?0b[0-1_]+$/, 2, 2],
  [/^[-+]?0[0-7_]+$/, 1, 8],
  [/^[-+]?[0-9][0-9_]*$/, 0, 10],
  [/^[-+]?0x[0-9a-fA-F_]+$/, 2, 16],
];
const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: test(ints.map(([r]) => r)),
  construct: (s: string) => {
    const [, offset, radix] = ints.find(([r]) => r.test(s))!;
    const signed = s[0] === '-' || s[0] === '+';
    const n = parseInt(s.substring(offset + (signed ? 1 : 0)).replace(/_/g, ''), radix);
    return s[0] === '-' ? -1 * n : n;
  },
});

const nanRe = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: test([nanRe, /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/]),
  construct: (s: string) => {
    if (!nanRe.test(s)) return parseFloat(s.replace(/_/g, ''));
    if (s.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  },
});

const refuse = () => {
  throw notPlain;
};
// Base 60 numbers, and `<<` (a merge key, which the checked reader bounds and places).
const otherType = new Type('tag:kubegen,2026:not-plain', {
  kind: 'scalar',
  resolve: test([/^<<$/, /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/]),
  construct: refuse,
});
// Explicit `!!str`, `!!seq`, `!!map`: js-yaml knows them, the checked reader decides.
const explicit = (['scalar', 'sequence', 'mapping'] as const).map(
  (kind, i) =>
    new Type(`tag:yaml.org,2002:${['str', 'seq', 'map'][i]}`, { kind, resolve: () => true, construct: refuse }),
);

export const yaml11Schema = FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType, otherType],
  explicit,
});
