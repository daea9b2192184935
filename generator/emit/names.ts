// Identifiers for generated code: every schema name, group and resource becomes a valid, deterministic,
// collision-free TypeScript name. Nothing from a spec reaches the output as an identifier without passing here.

/** Words TypeScript reserves in type or value position (lower-case; type names are capitalised anyway). */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield any boolean constructor declare get ' +
    'module require number set string symbol type from of unknown never object undefined bigint keyof readonly ' +
    'unique infer is asserts abstract async await accessor satisfies out override'
  ).split(' '),
);

/** Globals the generated modules use by name; a local declaration must never shadow them. */
const GLOBALS_USED = new Set([
  'Record',
  'Promise',
  'AsyncIterable',
  'Uint8Array',
  'Array',
  'Extract',
  'Exclude',
  'Set',
  'Object',
  'String',
  'TypeError',
  'Error',
]);

/** `io.k8s.api.apps.v1.Deployment` → `Deployment`; `my-thing$x y` → `MyThingXY`. Always a valid type name. */
export function typeName(raw: string): string {
  return validTypeName(capitalWords(raw));
}

const WORD_SEPARATORS = /[^A-Za-z0-9_]+/;

/** The words of `raw`, each capitalised, run together: `my-thing$x y` → `MyThingXY`. */
function capitalWords(raw: string): string {
  let out = '';
  for (const w of raw.split(WORD_SEPARATORS)) if (w) out += w[0]!.toUpperCase() + w.slice(1);
  return out;
}

function validTypeName(words: string): string {
  let name = words;
  if (!name) name = 'Unnamed';
  if (/^[0-9]/.test(name)) name = `T${name}`;
  if (GLOBALS_USED.has(name)) name = `${name}_`;
  return name;
}

/**
 * `networking.k8s.io` + `v1` → `networkingV1` (short), `networkingK8sIoV1` (full); `a-b.example.com` + `v1` →
 * `a_bExampleComV1` (exact: `-` kept as `_`, so that it differs from `a.b.example.com`'s `aBExampleComV1`).
 */
export function clientFactoryName(
  group: string,
  version: string,
  spelling: 'short' | 'full' | 'exact' = 'short',
): string {
  const base = spelling === 'short' ? group.replace(/\.k8s\.io$/, '') : group;
  const split = spelling === 'exact' ? /[^A-Za-z0-9-]+/ : /[^A-Za-z0-9]+/;
  const words = `${base} ${version}`.split(split).filter(Boolean);
  let name = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1)))
    .join('')
    .replace(/-/g, '_');
  if (/^[0-9]/.test(name)) name = `v${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
}

/** A property key as it must be written: bare when it is an identifier, else a quoted string literal. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
}

/** Hands out names unique within one scope; the first to ask for a name gets it, later ones a numbered variant. */
export class NameScope {
  private readonly taken = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }
  claim(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.taken.has(name); i++) name = `${wanted}${i}`;
    this.taken.add(name);
    return name;
  }
  has(name: string): boolean {
    return this.taken.has(name);
  }
}

/** The relative path of a group-version module, checked so that no spec text can leave the output folder. */
export function moduleFile(group: string, version: string): string {
  for (const [what, part] of [
    ['group', group],
    ['version', version],
  ] as const) {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(part) || part.includes('..')) {
      throw new Error(`cannot name an output file after ${what} ${JSON.stringify(part)}: not a DNS name`);
    }
  }
  return `${group}/${version}.ts`;
}

/** A single-quoted string literal for code written as text: `'/api/v1'`. */
export function quote(text: string): string {
  const body = JSON.stringify(text)
    .slice(1, -1)
    .replace(/\\"/g, '"')
    .replace(/'/g, "\\'")
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${body}'`;
}

/** The name of an object nested in schema `root` (its identifier) at `path`: `CertificateSpecKeystoresJks`. */
export function nestedTypeName(root: string, path: string[]): string {
  // As `typeName` of the parts joined by spaces: the words of each part, capitalised, one part after another.
  let words = partWords(root);
  for (const part of path) words += partWords(part);
  return validTypeName(words);
}

/** Each part's words, kept: a CRD's tens of thousands of nested objects repeat a few roots and field names. */
const partsSeen = new Map<string, string>();

function partWords(part: string): string {
  let words = partsSeen.get(part);
  if (words === undefined) {
    if (partsSeen.size >= 50_000) partsSeen.clear();
    words = capitalWords(part);
    partsSeen.set(part, words);
  }
  return words;
}
