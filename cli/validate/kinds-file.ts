// The schema cache of `kubegen validate`, one kind apart from the next: a header line (the inputs' key and records,
// and where each kind's definition starts) and then a line per definition, which a run reads only for the kinds of
// the objects it checks — a Gateway costs its CRD, not the 1.35 spec and every other CRD with it.
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeferredKind, GroupVersionKind, OpenAPIDocument, Schema } from '@kubegen/validation/core';
import type { InputRecord } from '../../core/source/inputs/hash.js';
import type { InputCrd } from '../../core/source/inputs/index.js';
import { isObject } from '../../core/spec/values.js';

export interface KindsHeader {
  key: string;
  records?: Record<string, InputRecord>;
  /** group, version, kind, and the byte offset and length of the line defining it (after the header). */
  kinds: [string, string, string, number, number][];
}

export interface CachedKinds extends KindsHeader {
  gvks: GroupVersionKind[];
  read(gvk: GroupVersionKind): DeferredKind;
}

/** A line: what defines one or more kinds, under the key of the inputs it was read from. */
type Line = { key: string; openapi: OpenAPIDocument } | { key: string; crd: InputCrd };

/**
 * Writes the kinds of documents and CRDs as a Validator fed them in that order would know them: one line per
 * definition (with the definitions it refers to) or per CRD. Replaced in one rename, so a run reading it never sees
 * half a file.
 */
export function writeKindsFile(
  file: string,
  header: Omit<KindsHeader, 'kinds'>,
  docs: OpenAPIDocument[],
  crds: InputCrd[],
): void {
  const lines = [...openapiLines(header.key, docs), ...crds.map((crd) => crdLine(header.key, crd))];
  const kinds: KindsHeader['kinds'] = [];
  const body: string[] = [];
  let offset = 0;
  for (const { line, gvks } of lines) {
    const text = `${line}\n`;
    const length = Buffer.byteLength(text);
    for (const g of gvks) kinds.push([g.group, g.version, g.kind, offset, length]);
    body.push(text);
    offset += length;
  }
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify({ ...header, kinds })}\n${body.join('')}`);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The header of a kinds file, each kind's line read when asked for; undefined when there is none to read. */
export function readKindsFile(file: string): CachedKinds | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  let header: KindsHeader;
  let start: number;
  try {
    const text = readHeaderLine(fd);
    if (text === undefined) return undefined;
    header = JSON.parse(text) as KindsHeader;
    if (typeof header?.key !== 'string' || !Array.isArray(header.kinds)) return undefined;
    start = Buffer.byteLength(text) + 1;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
  const at = new Map(header.kinds.map(([g, v, k, offset, length]) => [`${g}/${v}/${k}`, [offset, length] as const]));
  return {
    ...header,
    gvks: header.kinds.map(([group, version, kind]) => ({ group, version, kind })),
    read: (gvk) => {
      const [offset, length] = at.get(`${gvk.group}/${gvk.version}/${gvk.kind}`)!;
      const line = readLine(file, start + offset, length);
      // Another run rewrote the file since its header was read: its lines belong to other inputs.
      if (line?.key !== header.key) throw new Error(`${file}: the schema cache changed while it was read; run again`);
      return 'crd' in line
        ? { crd: line.crd.crd, source: line.crd.file }
        : { openapi: [line.openapi], source: 'openapi' };
    },
  };
}

function readHeaderLine(fd: number): string | undefined {
  const chunks: Buffer[] = [];
  for (let position = 0; ; ) {
    const chunk = Buffer.allocUnsafe(65536);
    const n = readSync(fd, chunk, 0, chunk.length, position);
    if (n === 0) return undefined;
    const newline = chunk.subarray(0, n).indexOf(10);
    chunks.push(chunk.subarray(0, newline === -1 ? n : newline));
    if (newline !== -1) return Buffer.concat(chunks).toString('utf8');
    position += n;
  }
}

function readLine(file: string, position: number, length: number): Line | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.allocUnsafe(length);
    const n = readSync(fd, buffer, 0, length, position);
    return JSON.parse(buffer.subarray(0, n).toString('utf8')) as Line;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A line's text (the JSON of a Line) and the kinds it defines. */
interface LineText {
  line: string;
  gvks: GroupVersionKind[];
}

function crdLine(key: string, crd: InputCrd): LineText {
  const { group, names, versions } = crd.crd.spec;
  const line: Line = { key, crd };
  return { line: JSON.stringify(line), gvks: versions.map((v) => ({ group, version: v.name, kind: names.kind })) };
}

/**
 * A line per definition that names kinds: the definition, every definition it refers to, and the operations of
 * its kinds (which tell their scope), all as the documents together define them (a later document's definition
 * replaces an earlier one of the same name).
 */
function openapiLines(key: string, docs: OpenAPIDocument[]): LineText[] {
  const schemas = new Map<string, Schema>();
  for (const d of docs) {
    for (const [name, s] of Object.entries(d.definitions ?? {})) schemas.set(name, s);
    for (const [name, s] of Object.entries(d.components?.schemas ?? {})) schemas.set(name, s);
  }
  const operations = operationsByKind(docs);
  const v2 = docs[0]?.swagger !== undefined;
  const refs = new Map<string, string[]>();
  // Kinds share most of their definitions (a Pod's spec is in a dozen): each is written out once and reused.
  const texts = new Map<string, string>();
  const text = (n: string) => texts.get(n) ?? texts.set(n, JSON.stringify(schemas.get(n))).get(n)!;
  const out: LineText[] = [];
  for (const [name, schema] of schemas) {
    const gvks = schema['x-kubernetes-group-version-kind'] ?? [];
    if (!gvks.length) continue;
    const defined = `{${[...closure(name, schemas, refs)].map((n) => `${JSON.stringify(n)}:${text(n)}`).join(',')}}`;
    const paths: NonNullable<OpenAPIDocument['paths']> = {};
    for (const g of gvks) {
      for (const [path, method, op] of operations.get(`${g.group}/${g.version}/${g.kind}`) ?? [])
        (paths[path] ??= {})[method] = op;
    }
    // The JSON of { key, openapi: document } with the document's definitions spelled out above.
    const version = v2
      ? `"swagger":${JSON.stringify(docs[0]!.swagger)},"definitions":${defined}`
      : `${docs[0]?.openapi ? `"openapi":${JSON.stringify(docs[0].openapi)},` : ''}"components":{"schemas":${defined}}`;
    out.push({ line: `{"key":${JSON.stringify(key)},"openapi":{${version},"paths":${JSON.stringify(paths)}}}`, gvks });
  }
  return out;
}

function operationsByKind(docs: OpenAPIDocument[]): Map<string, [string, string, unknown][]> {
  const out = new Map<string, [string, string, unknown][]>();
  for (const d of docs) {
    for (const [path, item] of Object.entries(d.paths ?? {})) {
      for (const [method, op] of Object.entries(item ?? {})) {
        const gvk = isObject(op) ? op['x-kubernetes-group-version-kind'] : undefined;
        if (!isObject(gvk)) continue;
        const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
        out.set(key, [...(out.get(key) ?? []), [path, method, op]]);
      }
    }
  }
  return out;
}

/** The definition and every definition it refers to, directly or not. */
function closure(name: string, schemas: Map<string, Schema>, refs: Map<string, string[]>): Set<string> {
  const seen = new Set([name]);
  for (const todo = [name]; todo.length; ) {
    const at = todo.pop()!;
    let direct = refs.get(at);
    if (!direct) refs.set(at, (direct = [...refsOf(schemas.get(at), new Set())].filter((n) => schemas.has(n))));
    for (const n of direct) {
      if (seen.has(n)) continue;
      seen.add(n);
      todo.push(n);
    }
  }
  return seen;
}

function refsOf(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsOf(v, out);
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.add(v.replace(/^#\/(definitions|components\/schemas)\//, ''));
      else refsOf(v, out);
    }
  return out;
}
