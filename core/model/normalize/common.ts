// Pieces shared by the v2 and v3 normalizers: local `$ref` lookup, the Kubernetes operation extensions,
// and parameter merging (path-level parameters, overridden by the operation's own).
import { SpecError, pointerOf } from '../../spec/errors.js';
import { pathItemMethods, type SourceOperation, type SourceParameter } from '../source-types.js';
import type { GroupVersionKind, HttpMethod, Origin } from '../types.js';
import { compareStrings } from '../../spec/values.js';
import { isObject } from '../../spec/values.js';
import { CRD_DOCUMENT_TITLE } from '../../spec/document.js';

/** Follows a local `$ref` (`#/parameters/x`, `#/components/responses/y`) to its object; SpecError when it dangles. */
export function resolveLocal(
  doc: Record<string, unknown>,
  value: unknown,
  file: string,
  pointer: string,
): { value: unknown; pointer: string } {
  let at = pointer;
  for (let hops = 0; isObject(value) && typeof value.$ref === 'string'; hops++) {
    const ref = value.$ref;
    if (hops > 32) throw new SpecError(file, `${at}/$ref`, `$ref "${ref}" loops`);
    if (!ref.startsWith('#/'))
      throw new SpecError(
        file,
        `${at}/$ref`,
        `$ref "${ref}" is not local to the document (external references are not supported)`,
      );
    const target = lookup(doc, ref.slice(1));
    if (target === undefined) throw new SpecError(file, `${at}/$ref`, `$ref "${ref}" points to nothing`);
    value = target;
    at = ref.slice(1);
  }
  return { value, pointer: at };
}

function lookup(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const token = safeDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

function safeDecode(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

type Doc = Record<string, unknown>;

/**
 * Every operation under `paths`, in the document's order, each read by the format's own `readOperation` with the
 * path item's shared parameters (read by `readParameters`).
 */
export function operationsOfPaths(
  doc: Doc,
  file: string,
  readParameters: (doc: Doc, value: unknown, file: string, pointer: string) => SourceParameter[],
  readOperation: (
    doc: Doc,
    file: string,
    path: string,
    method: HttpMethod,
    op: Doc,
    shared: SourceParameter[],
  ) => SourceOperation,
): SourceOperation[] {
  const out: SourceOperation[] = [];
  const paths = (doc.paths ?? {}) as Doc;
  for (const path of Object.keys(paths)) {
    const itemPointer = pointerOf('paths', path);
    const item = resolveLocal(doc, paths[path], file, itemPointer).value;
    if (!isObject(item)) throw new SpecError(file, itemPointer, 'a path item must be an object');
    const shared = readParameters(doc, item.parameters, file, `${itemPointer}/parameters`);
    for (const [method, op] of operationsOf(item, file, itemPointer, pathItemMethods))
      out.push(readOperation(doc, file, path, method, op, shared));
  }
  return out;
}

/** The path item's methods, in a fixed order; TRACE is refused because no Kubernetes client can call it. */
export function operationsOf(
  item: Record<string, unknown>,
  file: string,
  pointer: string,
  methods: [string, HttpMethod][],
): [HttpMethod, Record<string, unknown>][] {
  if ('trace' in item) throw new SpecError(file, `${pointer}/trace`, 'TRACE operations are not supported');
  const out: [HttpMethod, Record<string, unknown>][] = [];
  for (const [key, method] of methods) {
    const op = item[key];
    if (op === undefined) continue;
    if (!isObject(op)) throw new SpecError(file, `${pointer}/${key}`, 'an operation must be an object');
    out.push([method, op]);
  }
  return out;
}

/**
 * An operation: the fields every operation carries whatever the format, then what the format read. Built in one
 * object, field by field, in the order its JSON (hashed into the model) has always had.
 */
export function sourceOperation(
  op: Record<string, unknown>,
  method: HttpMethod,
  path: string,
  origin: Origin,
  read: Pick<SourceOperation, 'parameters' | 'responses' | 'produces'>,
): SourceOperation {
  const out: Omit<SourceOperation, 'parameters' | 'responses' | 'produces'> & Partial<SourceOperation> = {
    method,
    path,
    deprecated: op.deprecated === true,
    origin,
  };
  if (typeof op.operationId === 'string' && op.operationId !== '') out.operationId = op.operationId;
  if (typeof op['x-kubernetes-action'] === 'string') out.action = op['x-kubernetes-action'];
  const gvk = gvkOf(op['x-kubernetes-group-version-kind']);
  if (gvk) out.gvk = gvk;
  if (typeof op.description === 'string') out.description = op.description;
  out.parameters = read.parameters;
  out.responses = read.responses;
  out.produces = read.produces;
  return out as SourceOperation;
}

export function gvkOf(value: unknown): GroupVersionKind | undefined {
  if (!isObject(value)) return undefined;
  const { group, version, kind } = value;
  if (typeof group !== 'string' || typeof version !== 'string' || typeof kind !== 'string') return undefined;
  return { group, version, kind };
}

/** Path-level parameters overridden by the operation's own (same name and location), per OpenAPI. */
export function mergeParameters(pathLevel: SourceParameter[], own: SourceParameter[]): SourceParameter[] {
  // A few parameters each: compared in place, as a map by (in, name) would keep them, without a key string apiece.
  const merged: SourceParameter[] = [];
  for (const p of pathLevel) place(merged, p);
  for (const p of own) place(merged, p);
  return merged;
}

function place(merged: SourceParameter[], p: SourceParameter): void {
  for (let i = 0; i < merged.length; i++) {
    const q = merged[i]!;
    if (q.in === p.in && q.name === p.name) {
      merged[i] = p;
      return;
    }
  }
  merged.push(p);
}

/** The list of parameter objects at `pointer`, each with its own pointer. */
export function parameterList(value: unknown, file: string, pointer: string): { value: unknown; pointer: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new SpecError(file, pointer, '`parameters` must be an array');
  return value.map((v, i) => ({ value: v, pointer: `${pointer}/${i}` }));
}

/**
 * `info.version` when it names a release (`v1.35.0`, `1.35`), not the `unversioned` of kube-apiserver, nor the
 * `v0.1.0` it gives the documents of CRDs.
 */
export function infoVersionOf(doc: Record<string, unknown>): string | undefined {
  const info = doc.info;
  if (!isObject(info) || typeof info.version !== 'string' || info.title === CRD_DOCUMENT_TITLE) return undefined;
  return /^v?\d+\.\d+/.test(info.version) ? info.version : undefined;
}

export function originOf(file: string, path: string, key: string): Origin {
  return { file, pointer: pointerOf('paths', path, key) };
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}
