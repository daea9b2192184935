// The fast reading of a manifest file: js-yaml reads the YAML 1.1 of yaml11.ts (plain-json.ts a JSON file) into the
// values documents.ts gives, without the syntax tree (and without loading the yaml library, a good part of a run's
// start-up). Whatever it could read differently is left to documents.ts: directives, anchors and aliases, tags,
// merge keys, keys written twice, anything refused, and any document that is not an object (the checked reader
// places the problem).
import { type LoadOptions, loadAll } from 'js-yaml';
import { plainKeys } from '../../core/source/parse/yaml-plain.js';
import { maxNesting } from '../../core/spec/nesting.js';
import { isObject } from '../../core/spec/values.js';
import { isList, type ManifestObject, positions } from './manifest.js';
import { plainObject, treeOf, withoutBom } from './plain-json.js';
import { yaml11Schema } from './yaml11.js';

interface Listened {
  /** Where each document's root node starts. */
  roots: number[];
  /** Whether each document is written at all. */
  written: boolean[];
  /** Each sequence at the second level (a List's `items`), with where its entries start. */
  sequences: Map<unknown, number[]>;
}

/** The objects of a YAML file, or undefined when documents.ts must read it. */
export function readPlainManifest(name: string, text: string): ManifestObject[] | undefined {
  const body = withoutBom(text);
  if (/^%/m.test(body) || body.includes('<<') || longKeys(body)) return undefined;
  const listened: Listened = { roots: [], written: [], sequences: new Map() };
  let docs: unknown[];
  try {
    docs = loadAll(body, undefined, {
      schema: yaml11Schema,
      json: false,
      maxDepth: maxNesting,
      listener: listener(listened),
    } as LoadOptions);
  } catch {
    return undefined;
  }
  if (docs.length !== listened.roots.length) return undefined;
  return objectsOf(name, text, body, docs, listened);
}

/** A `:` more than 1024 characters into a line: the yaml library refuses an implicit key that long, js-yaml does not. */
function longKeys(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const colon = end - start > 1024 ? text.indexOf(':', start + 1024) : -1;
    if (colon !== -1 && colon < end) return true;
    start = end + 1;
  }
  return false;
}

function objectsOf(name: string, text: string, body: string, docs: unknown[], listened: Listened) {
  const position = positions(body);
  const out: ManifestObject[] = [];
  const withTree = treeOf(name, text);
  for (let i = 0; i < docs.length; i++) {
    const value = docs[i];
    // An empty document is skipped or read as null depending on how it is marked: the checked reader decides.
    if (!listened.written[i] || !isObject(value) || !plainKeys(value)) return undefined;
    const document = i + 1;
    if (!isList(value)) {
      out.push(plainObject(value, position(listened.roots[i]!), document, withTree(document)));
      continue;
    }
    const starts = listened.sequences.get(value.items);
    if (!starts || starts.length !== value.items.length || !value.items.every(isObject)) return undefined;
    value.items.forEach((item, n) =>
      out.push({ ...plainObject(item, position(starts[n]!), document, withTree(document, n)), item: n }),
    );
  }
  return out;
}

interface State {
  position: number;
  anchor: string | null;
  kind: string | null;
  result: unknown;
}

/** Follows js-yaml's reading node by node: where roots and second-level sequence entries start; refuses anchors. */
function listener(out: Listened): LoadOptions['listener'] {
  let depth = 0;
  let entries: number[] = [];
  return (event, read) => {
    const state = read as unknown as State;
    if (event === 'open') {
      if (depth === 0) out.roots.push(state.position);
      else if (depth === 1) entries = [];
      else if (depth === 2) entries.push(state.position);
      depth++;
      return;
    }
    depth--;
    if (state.anchor !== null) throw new Error('anchored');
    if (depth === 0) out.written.push(state.kind !== null);
    else if (depth === 1 && state.kind === 'sequence') out.sequences.set(state.result, entries);
  };
}
