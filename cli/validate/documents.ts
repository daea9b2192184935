// A manifest file's text as the objects kubectl would send: YAML documents read as kubectl reads them (YAML 1.1:
// `yes` is true, `<<` merges; timestamps stay strings), a JSON value or a stream of them, and `List`s opened into
// their items. Each object keeps its syntax tree, so that an error can say at which line and column it is written.
// The reference reading: plain.ts reads common files without a tree and must give the same objects.
import { type Document, isMap, isScalar, isSeq, type Node, parseAllDocuments, parseDocument, type Tags } from 'yaml';
import { aliasBudgetOf, yamlDocumentValue } from '../../core/source/parse/yaml.js';
import { SpecError } from '../../core/spec/errors.js';
import { maxNesting } from '../../core/spec/nesting.js';
import { locateField } from './locate.js';
import {
  isJson,
  isList,
  jsonValues,
  type ManifestObject,
  type ManifestProblem,
  type Position,
  positions,
} from './manifest.js';

export type { ManifestObject, ManifestProblem, Position } from './manifest.js';

interface Parsed {
  doc: Document;
  /** Where the parsed text starts in the file (JSON values of a stream are parsed one by one). */
  base: number;
}

// kubectl's YAML reader is YAML 1.1 without timestamps (they reach the server as the strings they are written as).
const yamlOptions = {
  version: '1.1' as const,
  merge: true,
  uniqueKeys: false,
  customTags: (tags: Tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
};
const jsonOptions = { uniqueKeys: false };

export function parseManifest(name: string, text: string): (ManifestObject | ManifestProblem)[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const position = positions(body);
  const json = isJson(name, body);
  const parsed: Parsed[] = json
    ? jsonValues(body).map(([start, end]) => ({ doc: parseDocument(body.slice(start, end), jsonOptions), base: start }))
    : Array.from(parseAllDocuments(body, yamlOptions) as Iterable<Document>, (doc) => ({ doc, base: 0 }));
  const out: (ManifestObject | ManifestProblem)[] = [];
  const budget = aliasBudgetOf(body.length);
  parsed.forEach(({ doc, base }, i) => {
    const document = i + 1;
    const error = doc.errors[0];
    if (error) {
      const message = `invalid ${json ? 'JSON' : 'YAML'}: ${firstLine(error.message)}`;
      out.push({ ok: false, document, message, position: position(base + error.pos[0]) });
      return;
    }
    if (doc.contents === null) return;
    let value: unknown;
    try {
      // The bounds every input is held to: what aliases add once expanded, nesting, aliases inside themselves.
      const where = { file: name, document, position: (offset: number) => position(base + offset) };
      value = yamlDocumentValue(doc, where, { uniqueKeys: false, maxNesting }, budget);
    } catch (err) {
      if (!(err instanceof SpecError) || err.line === undefined) throw err;
      out.push({ ok: false, document, message: err.detail, position: { line: err.line, column: err.column ?? 1 } });
      return;
    }
    if (isList(value) && isMap(doc.contents)) {
      const items = doc.contents.get('items', true);
      value.items.forEach((item, n) => {
        const node = isSeq(items) ? ((items.items[n] as Node | undefined) ?? null) : null;
        out.push({ ...objectAt(item, node, doc, base, document, position), item: n });
      });
    } else out.push(objectAt(value, doc.contents as Node, doc, base, document, position));
  });
  return out;
}

function objectAt(
  value: unknown,
  node: Node | null,
  doc: Document,
  base: number,
  document: number,
  position: (offset: number) => Position,
): ManifestObject {
  const start = base + (node?.range?.[0] ?? 0);
  return {
    ok: true,
    value,
    document,
    position: position(start),
    locate: (field, key = false) => position(base + locateField(doc, node, field, key, start - base)),
    duplicates: () => duplicateFields(node).map((d) => ({ field: d.field, position: position(base + d.offset) })),
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Fields written twice in a mapping, named as kube-apiserver's strict decoding names them: `spec.replicas`. */
function duplicateFields(node: Node | null, path = '', out: { field: string; offset: number }[] = []) {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const field = path ? `${path}.${key}` : key;
      if (seen.has(key)) out.push({ field, offset: (pair.key as Node | null)?.range?.[0] ?? 0 });
      seen.add(key);
      duplicateFields(pair.value as Node | null, field, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => duplicateFields(item as Node | null, `${path}[${i}]`, out));
  }
  return out;
}
