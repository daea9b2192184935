// The fast reading of a JSON manifest: JSON.parse, without the syntax tree and without loading any YAML library
// (plain.ts reads YAML the same way with js-yaml). Whatever it could read differently is left to documents.ts.
import { parseJson } from '../../core/source/parse/json.js';
import { maxNesting } from '../../core/spec/nesting.js';
import { isObject } from '../../core/spec/values.js';
import { isJson, isList, jsonValues, type ManifestObject, positions } from './manifest.js';

/** Whether the file (its byte order mark aside) is read as JSON. */
export function isJsonManifest(name: string, text: string): boolean {
  return isJson(name, withoutBom(text));
}

export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * JSON values read by JSON.parse, held to the same bounds; a key given twice, a number that might round otherwise
 * (16 digits or more), a List (its items' places) are left to documents.ts: undefined then.
 */
export function readPlainJson(name: string, text: string): ManifestObject[] | undefined {
  const body = withoutBom(text);
  if (/[0-9]{16}/.test(body)) return undefined;
  const values = jsonValues(body);
  const position = positions(body);
  const withTree = treeOf(name, text);
  const out: ManifestObject[] = [];
  for (let i = 0; i < values.length; i++) {
    const [start, end] = values[i]!;
    let value: unknown;
    try {
      value = parseJson(name, body.slice(start, end), { uniqueKeys: true, maxNesting });
    } catch {
      return undefined;
    }
    if (!isObject(value) || isList(value)) return undefined;
    out.push(plainObject(value, position(start), i + 1, withTree(i + 1)));
  }
  return out;
}

/** For each object, how to find it again as documents.ts reads it: the file is read with its syntax tree once. */
export function treeOf(name: string, text: string) {
  let tree: Promise<ManifestObject[]> | undefined;
  return (document: number, item?: number) => async () => {
    tree ??= import('./documents.js').then((m) => m.parseManifest(name, text).filter((o) => o.ok));
    return (await tree).find((o) => o.document === document && o.item === item);
  };
}

export function plainObject(
  value: unknown,
  position: ManifestObject['position'],
  document: number,
  withTree: () => Promise<ManifestObject | undefined>,
): ManifestObject {
  // Placing needs the tree: `withTree` first (check.ts does); read without one, an object has no field written twice.
  return { ok: true, value, document, position, locate: () => position, duplicates: () => [], withTree };
}
