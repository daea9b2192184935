// Property names as CRD rules see them (kube-apiserver's escaping), read apart from the CEL library.

const reserved = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);
const plainName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const escapable = /^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/;

const escaped = new Map<string, string | undefined>();

/** The name a property has in CEL, or undefined when it cannot be accessed from a rule. */
export function escapeProperty(name: string): string | undefined {
  let out = escaped.get(name);
  if (out === undefined && !escaped.has(name)) {
    out = escapeName(name);
    if (escaped.size < 10_000) escaped.set(name, out);
  }
  return out;
}

function escapeName(name: string): string | undefined {
  if (reserved.has(name)) return `__${name}__`;
  if (plainName.test(name) && !name.includes('__')) return name;
  if (!escapable.test(name)) return undefined;
  return name
    .replace(/__/g, '__underscores__')
    .replace(/\./g, '__dot__')
    .replace(/-/g, '__dash__')
    .replace(/\//g, '__slash__');
}
