// JSON input: V8's parser does the work (fast, and not recursive, so any depth parses); two cheap checks then tell
// whether the text may hold a duplicate key or nest too deep, and only then a scanner finds where, with the
// line, column and JSON pointer. JSON.parse keeps the last of duplicate keys silently; YAML refuses them, so do we.
import { SpecError, pointerOf } from '../../spec/errors.js';
import { markBounded, maxNesting, measureNesting } from '../../spec/nesting.js';

export interface JsonOptions {
  uniqueKeys: boolean;
  maxNesting: number;
}

/** A place in the text and what is wrong there. */
interface Problem {
  offset: number;
  pointer: string;
  detail: string;
}

export function parseJson(file: string, text: string, options: JsonOptions): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw syntaxError(file, text, err as Error);
  }
  const { keys, tooDeep } = measureNesting(value, options.maxNesting);
  if (tooDeep || (options.uniqueKeys && keyCandidates(text) > keys)) {
    const problem = locate(text, options);
    if (problem) throw new SpecError(file, problem.pointer, problem.detail, lineColumn(text, problem.offset));
  }
  if (!tooDeep && options.maxNesting <= maxNesting && typeof value === 'object' && value !== null) markBounded(value);
  return value;
}

/**
 * At least as many as the keys the text holds: every key is a closing quote, then maybe spaces, then a colon.
 * Quotes escaped inside strings are skipped, so that only a string that starts with a colon counts wrongly.
 */
function keyCandidates(text: string): number {
  let count = 0;
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    let at = colon - 1;
    while (isSpace(text.charCodeAt(at))) at--;
    if (text.charCodeAt(at) !== 0x22) continue;
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) count++;
  }
  return count;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The first duplicate key or too deep value of text that is valid JSON. Iterative: one entry per open object or
 * array, holding the JSON pointer token of the value being read in it and, for an object, its keys so far.
 */
function locate(text: string, { uniqueKeys, maxNesting }: JsonOptions): Problem | undefined {
  const tokens: string[] = [];
  const keys: (Map<string, number> | undefined)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      if (keys.length >= maxNesting)
        return { offset: i, pointer: pointerOf(...tokens), detail: `nested deeper than ${maxNesting} levels` };
      keys.push(c === 0x7b ? new Map() : undefined);
      tokens.push('0');
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      keys.pop();
      tokens.pop();
    } else if (c === 0x2c) {
      const top = tokens.length - 1;
      if (keys[top]) expectKey = true;
      else tokens[top] = String(Number(tokens[top]) + 1);
    } else if (c === 0x22) {
      const end = stringEnd(text, i);
      const seen = keys[keys.length - 1];
      if (expectKey && seen) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        const first = seen.get(key);
        if (uniqueKeys && first !== undefined) {
          const at = lineColumn(text, first);
          const pointer = pointerOf(...tokens.slice(0, -1), key);
          const detail = `duplicate field ${JSON.stringify(key)} (first given at line ${at.line}, column ${at.column})`;
          return { offset: i, pointer, detail };
        }
        seen.set(key, i);
        tokens[tokens.length - 1] = key;
        expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}

/** The offset of the quote that closes the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

function syntaxError(file: string, text: string, err: Error): SpecError {
  const offset = jsonErrorOffset(text, err.message);
  // V8 quotes part of the text in its message; the location says where instead.
  const what = err.message.replace(/,? ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  return new SpecError(file, '', `invalid JSON: ${what}`, { ...lineColumn(text, offset), cause: err });
}

/**
 * The offset of the first character that makes `text` invalid JSON. V8 reports a position for most errors;
 * otherwise this searches for the shortest prefix that fails before its end (prefix viability is monotone).
 */
function jsonErrorOffset(text: string, message: string): number {
  const reported = positionIn(message);
  if (reported !== undefined) return reported;
  const viable = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (err) {
      const m = (err as Error).message;
      return m.startsWith('Unexpected end of JSON input') || (positionIn(m) ?? -1) >= n;
    }
  };
  if (viable(text.length)) return text.length;
  let lo = 0;
  let hi = text.length; // viable(lo) holds, viable(hi) does not
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (viable(mid)) lo = mid;
    else hi = mid;
  }
  return hi - 1;
}

function positionIn(message: string): number | undefined {
  const m = / at position (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** 1-based line and column of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
