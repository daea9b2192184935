// The fast reading of plain YAML: js-yaml builds the values many times faster than the syntax tree of yaml.ts is
// built and walked. It takes only what it reads exactly as yaml.ts does: a value nested at the limit or deeper, a
// key that is not a plain string, aliases that make the documents much larger than the text (or contain
// themselves), or anything js-yaml refuses is left to yaml.ts, which reads it with every limit checked and places
// each problem at its line, column and JSON pointer.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { aliasBudget } from './limits.js';
import type { YamlOptions } from './yaml.js';

type JsYaml = typeof import('js-yaml');
interface PlainReader {
  loadAll: JsYaml['loadAll'];
  schema: import('js-yaml').Schema;
}
let reader: PlainReader | undefined;

// The core schema's plain scalars. Every plain scalar, keys included, is tried against each: a look at its first
// character spares the expressions for nearly all of them.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT =
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+))$/;

/** `pattern`, tried only on text that is empty or starts with one of `starts` (and on anything else js-yaml passes). */
function resolver(pattern: RegExp, starts: string): (s: string) => boolean {
  return (s) => (typeof s !== 'string' || s === '' || starts.includes(s[0]!)) && pattern.test(s);
}

/** js-yaml with the schema below, loaded on first use (JSON inputs never need it). */
function plainReader(): PlainReader {
  return (reader ??= makeReader(loadJsYaml()));
}

/**
 * js-yaml's one-file build (the same release): it loads in a third of the time its CommonJS entry takes to resolve and
 * compile twenty files. The package does not export it, so it is found beside the package's package.json.
 */
function loadJsYaml(): JsYaml {
  const require = createRequire(import.meta.url);
  return require(join(dirname(require.resolve('js-yaml/package.json')), 'dist', 'js-yaml.js')) as JsYaml;
}

function makeReader({ FAILSAFE_SCHEMA, loadAll, Type }: JsYaml): PlainReader {
  // The YAML 1.2 core schema as yaml.ts reads it (js-yaml's own reads `0b11` and `-0x1F` as integers, `+.5` as text),
  // with merge keys.
  const nullType = new Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: resolver(NULL, '~nN'),
    construct: () => null,
  });
  const boolType = new Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: resolver(BOOL, 'tTfF'),
    construct: (s: string) => s[0] === 't' || s[0] === 'T',
  });
  const intType = new Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: resolver(INT, '+-0123456789'),
    construct: (s: string) =>
      s[1] === 'o' ? parseInt(s.slice(2), 8) : s[1] === 'x' ? parseInt(s.slice(2), 16) : parseInt(s, 10),
  });
  const floatType = new Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: resolver(FLOAT, '+-.0123456789'),
    construct: (s: string) => {
      if (/nan$/i.test(s)) return Number.NaN;
      if (/inf$/i.test(s)) return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      return parseFloat(s);
    },
  });
  // js-yaml merges the mappings of a key of this tag; one given explicitly (`!!merge`) is left to yaml.ts, as rare.
  const mergeType = new Type('tag:yaml.org,2002:merge', {
    kind: 'scalar',
    resolve: ((s: string, explicit?: string) => explicit === undefined && s === '<<') as (s: string) => boolean,
  });
  return { loadAll, schema: FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType, mergeType] }) };
}

/** Every document of the stream, or undefined when yaml.ts must read it. */
export function readPlainYaml(text: string, options: YamlOptions): unknown[] | undefined {
  const { loadAll, schema } = plainReader();
  // Only a node that carries an anchor can be repeated: without one, what the text holds is all the documents hold.
  let anchored = false;
  let docs: unknown[];
  try {
    docs = loadAll(text, undefined, {
      schema,
      json: !options.uniqueKeys,
      // A collection at level n is read at depth n and its scalars one deeper: within it, nesting is within the limit.
      maxDepth: options.maxNesting,
      // Each node's close finds its own anchor in the state; a text without an `&` has none to look for.
      ...(text.includes('&') && {
        listener: (event: string, state: { anchor?: string | null }) => {
          if (event === 'close' && typeof state.anchor === 'string') anchored = true;
        },
      }),
    } as Parameters<typeof loadAll>[2]);
  } catch {
    return undefined;
  }
  // A text of comments alone is one empty document to js-yaml, none to yaml.ts: that one decides.
  if (docs.length === 1 && docs[0] === null) return undefined;
  // Aliases may add a quarter of what yaml.ts allows them; a value's JSON is rarely three times its YAML.
  const bound = 3 * text.length + aliasBudget(text.length) / 4;
  if (anchored && !aliasesWithin(docs, bound, options.maxNesting)) return undefined;
  return docs.every(plainKeys) ? docs : undefined;
}

/**
 * Whether what aliases repeat (js-yaml shares the value, as yaml.ts does) stays well within the bounds yaml.ts
 * checks: the documents, aliases expanded, at most `bytes` of JSON; nesting, aliases expanded, under the limit; no
 * value inside itself. Each value is measured once, so a small text of aliases to aliases costs no more than its size.
 */
function aliasesWithin(docs: unknown[], bytes: number, maxNesting: number): boolean {
  const measured = new Map<object, { size: number; height: number }>();
  const open = new Set<object>();
  const measure = (value: unknown, depth: number): { size: number; height: number } | undefined => {
    if (typeof value !== 'object' || value === null) return { size: String(value).length + 2, height: 0 };
    const known = measured.get(value);
    if (known) return known;
    if (open.has(value) || depth >= maxNesting - 1) return undefined;
    open.add(value);
    let size = 2;
    let height = 0;
    for (const [key, child] of Object.entries(value)) {
      const m = measure(child, depth + 1);
      if (!m) return undefined;
      size += key.length + 4 + m.size;
      height = Math.max(height, m.height);
    }
    open.delete(value);
    const own = { size, height: height + 1 };
    if (own.height >= maxNesting - 1 || size > bytes) return undefined;
    measured.set(value, own);
    return own;
  };
  let expanded = 0;
  for (const doc of docs) {
    const m = measure(doc, 0);
    if (!m) return false;
    expanded += m.size;
  }
  return expanded <= bytes;
}

/**
 * Whether a document's keys are as yaml.ts names them: js-yaml names a null key `null` (yaml.ts: the empty string)
 * and turns a collection used as a key into text (yaml.ts refuses it).
 */
export function plainKeys(root: unknown): boolean {
  const values: unknown[] = [root];
  while (values.length > 0) {
    const value = values.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) values.push(value[i]);
      continue;
    }
    for (const key in value) {
      if (key === 'null' || key === '[object Object]' || key.includes(',')) return false;
      values.push((value as Record<string, unknown>)[key]);
    }
  }
  return true;
}
