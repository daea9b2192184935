// The one reader of JSON and YAML for every input: spec files, CRD manifests, config files, the test API server's
// request bodies. It holds each to the same limits (nesting depth, what YAML aliases may add once expanded), refuses
// duplicate keys in JSON as in YAML, and reports every problem as a SpecError with the file, line, column and JSON
// pointer.
import { SpecError } from '../../spec/errors.js';
import { parseJson } from './json.js';
import { maxNesting } from '../../spec/nesting.js';
import { parseYamlStream } from './yaml.js';
import { readPlainYaml } from './yaml-plain.js';

export { maxNesting } from '../../spec/nesting.js';

export interface ParseOptions {
  /** Default: by the file's extension, else JSON when the text starts with `{` or `[`. */
  format?: 'json' | 'yaml';
  /** Refuse a key given twice in one object (default); the API server reports duplicate fields itself. */
  uniqueKeys?: boolean;
  /** Deepest nesting of objects and arrays allowed (default `maxNesting`). */
  maxNesting?: number;
}

/** Parses one JSON or YAML document; an empty YAML text is `null`. */
export function parseText(file: string, text: string, options: ParseOptions = {}): unknown {
  const docs = parseTextDocuments(file, text, options);
  if (docs.length > 1)
    throw new SpecError(file, '', `holds ${docs.length} YAML documents where one is expected`, { document: 2 });
  return docs[0] ?? null;
}

/** Parses every document of a JSON text (one) or a YAML stream (documents separated by `---`). */
export function parseTextDocuments(file: string, text: string, options: ParseOptions = {}): unknown[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const limits = { uniqueKeys: options.uniqueKeys ?? true, maxNesting: options.maxNesting ?? maxNesting };
  return formatOf(file, body, options.format) === 'json'
    ? [parseJson(file, body, limits)]
    : (readPlainYaml(body, limits) ?? parseYamlStream(file, body, limits));
}

function formatOf(file: string, text: string, format: ParseOptions['format']): 'json' | 'yaml' {
  if (format) return format;
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}
