// Reads `--spec` inputs: a Swagger 2.0 or OpenAPI 3.x file (JSON or YAML), or a folder laid out like the
// server's `/openapi/v3` (`api/v1.json`, `apis/<group>/<version>.json`). Only reading and parsing happen here;
// the model builder does the rest, so that in-memory documents take the same road.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { SpecError } from '../spec/errors.js';
import { specFormat } from '../spec/format.js';

import type { LoadedDocument } from '../spec/document.js';

export type { LoadedDocument } from '../spec/document.js';

const specExtensions = ['.json', '.yaml', '.yml'];

/** Loads every `--spec` path, in the order given; a folder's documents come sorted by their path inside it. */
export async function loadSpecs(paths: string[]): Promise<LoadedDocument[]> {
  const perPath = await Promise.all(paths.map(loadSpecPath));
  return perPath.flat();
}

async function loadSpecPath(path: string): Promise<LoadedDocument[]> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new SpecError(
      path,
      '',
      `cannot read the spec: ${err.code === 'ENOENT' ? 'no such file or folder' : err.message}`,
    );
  });
  if (!info.isDirectory()) return [await loadSpecFile(path)];
  const files = await specFilesUnder(path);
  if (files.length === 0) throw new SpecError(path, '', 'the folder holds no .json, .yaml or .yml spec documents');
  return Promise.all(files.map(loadSpecFile));
}

/** Spec files under a folder, sorted by their slash-separated path inside it (independent of the disk's order). */
async function specFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const rel = entries
    .filter((e) => e.isFile() && specExtensions.some((ext) => e.name.endsWith(ext)))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
  return rel.map((r) => join(dir, r));
}

/** Reads and parses one spec file, and checks that it is Swagger 2.0 or OpenAPI 3.x. */
export async function loadSpecFile(file: string): Promise<LoadedDocument> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new SpecError(file, '', `cannot read the spec: ${err.message}`);
  });
  const doc = parseSpecText(file, text);
  specFormat(doc, file);
  return { file, doc };
}

/** Parses JSON or YAML (chosen by extension, else by the first character); errors carry line and column. */
export function parseSpecText(file: string, text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const json = file.endsWith('.json') || (!/\.ya?ml$/.test(file) && /^\s*[{[]/.test(body));
  return json ? parseJson(file, body) : parseYaml(file, body);
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const offset = jsonErrorOffset(text, (err as Error).message);
    const { line, column } = lineColumn(text, offset);
    const what = (err as Error).message
      .replace(/,? ".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '');
    throw new SpecError(file, '', `invalid JSON: ${what}`, { line, column });
  }
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

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function parseYaml(file: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  const err = doc.errors[0];
  if (err) {
    const at = err.linePos?.[0];
    const what = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new SpecError(file, '', `invalid YAML: ${what}`, at ? { line: at.line, column: at.col } : {});
  }
  try {
    return doc.toJS({ maxAliasCount: 10_000 }) as unknown;
  } catch (e) {
    throw new SpecError(file, '', `invalid YAML: ${(e as Error).message}`);
  }
}
