// The direct emitter beside the conversion it stands in for, on one schema: where it writes the schema, the same
// text and the same references resolved in the same order (which names a module's imports).
import assert from 'node:assert/strict';
import { declarationText, fragmentText } from '../../generator/emit/convert.ts';
import { directDeclaration, directFragment } from '../../generator/emit/direct.ts';
import type { DocFields } from '../../generator/emit/jsdoc.ts';

export interface Tally {
  direct: number;
  all: number;
  /** What was left to the conversion (keys, or fragments' JSON), for the report. */
  left: string[];
}

export const tally = (): Tally => ({ direct: 0, all: 0, left: [] });

/** Names references `Ref0`, `Ref1`… in the order they are first resolved, and keeps every call. */
function recorder(): { resolve: (target: string) => string; calls: string[] } {
  const names = new Map<string, string>();
  const calls: string[] = [];
  const resolve = (target: string) => {
    calls.push(target);
    if (!names.has(target)) names.set(target, `Ref${names.size}`);
    return names.get(target)!;
  };
  return { resolve, calls };
}

/**
 * The conversion's text; undefined where it fails on a name it cannot put in a JSON pointer (a property named `%`
 * holding a oneOf: openapi-typescript decodes the pointer it builds), which the direct emitter writes as any other.
 */
function converted(convert: () => string): string | undefined {
  try {
    return convert();
  } catch (err) {
    if (err instanceof URIError) return undefined;
    throw err;
  }
}

function compare(
  label: string,
  t: Tally,
  direct: (resolve: (target: string) => string) => string | undefined,
  convert: (resolve: (target: string) => string) => string,
): void {
  const fast = recorder();
  const slow = recorder();
  const text = direct(fast.resolve);
  t.all++;
  if (text === undefined) {
    t.left.push(label);
    return;
  }
  t.direct++;
  const expected = converted(() => convert(slow.resolve));
  if (expected === undefined) return;
  assert.equal(text, expected, label);
  assert.deepEqual(fast.calls, slow.calls, label);
}

export function sameDeclaration(
  t: Tally,
  d: { key: string; id: string; schema: Record<string, unknown>; doc: DocFields },
): void {
  compare(
    d.key,
    t,
    (resolve) => directDeclaration(d.id, d.schema, d.doc, resolve),
    (resolve) => declarationText(d.id, d.schema, d.doc, resolve, d.key),
  );
}

export function sameFragment(t: Tally, schema: Record<string, unknown>): void {
  compare(
    JSON.stringify(schema).slice(0, 120),
    t,
    (resolve) => directFragment(schema, resolve),
    (resolve) => fragmentText(schema, resolve),
  );
}
