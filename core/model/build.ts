// Spec documents → the intermediate model. Pure: no file system, so that in-memory documents (the test API
// server's, the CRD converter's) build the same way as files. Steps: normalize each document to the OpenAPI 3
// flavour, merge them, check every `$ref`, classify each (method, path), then assemble resources and groups.
import { SpecError } from '../spec/errors.js';
import type { LoadedDocument } from '../spec/document.js';
import { specFormat } from '../spec/format.js';
import { maxNesting, tooDeepAt } from '../spec/nesting.js';
import { noteDeprecations } from './deprecations.js';
import { applyFixups, fixDeleteAnswers } from './fixups.js';
import { sha256 } from '../spec/hash.js';
import { documentMerger, operationJson, type MergedApi } from './merge.js';
import { gvkOf } from './normalize/common.js';
import { normalizeV2 } from './normalize/v2.js';
import { normalizeV3 } from './normalize/v3.js';
import { distinctOperationIds } from './operation-ids.js';
import { toOperation } from './operations.js';
import { parsePath, type ResourcePath } from './paths.js';
import { checkRefs } from './refs.js';
import { buildGroups, buildResources, kindIndexOf } from './resources.js';
import type { SourceDocument, SourceOperation } from './source-types.js';
import type { ApiModel, GroupVersionKind, NamedSchema, NonResourceEndpoint, Operation, Skipped } from './types.js';
import { compareStrings } from '../spec/values.js';
import { isObject } from '../spec/values.js';

/**
 * Builds one model from the documents of all `--spec` inputs (see the README for how they merge); `onStage` is told
 * when the documents are normalized (for `--profile`).
 */
export function buildModel(
  docs: LoadedDocument[],
  onStage?: (stage: 'normalize') => void,
  onItems?: (items: SourceItems) => void,
): ApiModel {
  const builder = modelBuilder();
  for (const doc of docs) builder.add(doc);
  onStage?.('normalize');
  return builder.finish(onItems);
}

export interface ModelBuilder {
  /** Normalizes one document and merges it into those added before. */
  add(doc: LoadedDocument): void;
  /** The model of every document added, in order; `onItems` is told the normalized input item by item. */
  finish(onItems?: (items: SourceItems) => void): ApiModel;
}

/**
 * `buildModel` a document at a time: a reader that parses each document only when it adds it lets the raw document,
 * and its copies of shared schemas, die young, before the next is parsed.
 */
export function modelBuilder(): ModelBuilder {
  const merger = documentMerger();
  const added: DocumentSummary[] = [];
  return {
    add(doc) {
      const { file, format, infoVersion, schemas, operations } = normalize(doc);
      merger.add({ file, format, schemas, operations });
      added.push({ file, format, ...(infoVersion === undefined ? {} : { infoVersion }) });
    },
    finish(onItems) {
      if (added.length === 0) throw new SpecError('(no spec)', '', 'no spec documents were given');
      const merged = merger.merged();
      const items = itemsOf(merged);
      onItems?.(items);
      checkRefs(merged);
      const schemas = namedSchemas(merged);
      const classified = classify(merged.operations);
      const { nonResource, skipped } = classified;
      const operations = distinctOperationIds(classified.operations, nonResource);
      const resources = buildResources(operations, schemas, kindIndexOf(schemas));
      const model: ApiModel = {
        source: sourceOf(added, items),
        groups: buildGroups(resources),
        schemas,
        operations,
        nonResource,
        skipped,
      };
      noteDeprecations(model);
      return model;
    },
  };
}

/** What the model's source says of a document once it is merged. */
type DocumentSummary = Pick<SourceDocument, 'file' | 'format' | 'infoVersion'>;

function normalize({ file, doc }: LoadedDocument): SourceDocument {
  // Documents built in memory (a cluster's, the test API server's) were not read from text: bound them here too.
  const tooDeep = tooDeepAt(doc);
  if (tooDeep !== undefined) throw new SpecError(file, tooDeep, `nested deeper than ${maxNesting} levels`);
  const format = specFormat(doc, file);
  const body = doc as Record<string, unknown>;
  return format === 'v2' ? normalizeV2(body, file) : normalizeV3(body, file);
}

function namedSchemas(merged: MergedApi): Record<string, NamedSchema> {
  const out: Record<string, NamedSchema> = {};
  for (const name of [...merged.schemas.keys()].sort(compareStrings)) {
    const s = merged.schemas.get(name)!;
    out[name] = { name, schema: s.schema, origin: s.origin, gvks: gvksOf(s.schema['x-kubernetes-group-version-kind']) };
  }
  return out;
}

function gvksOf(value: unknown): GroupVersionKind[] {
  const list = Array.isArray(value) ? value : isObject(value) ? [value] : [];
  return list.map(gvkOf).filter((g): g is GroupVersionKind => g !== undefined);
}

/** Splits operations into resource operations (sorted by path, then method) and non-resource endpoints. */
function classify(ops: SourceOperation[]): {
  operations: Operation[];
  nonResource: NonResourceEndpoint[];
  skipped: Skipped[];
} {
  const sorted = [...ops].sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.method, b.method));
  const onResources: { op: SourceOperation; at: ResourcePath }[] = [];
  const nonResource: NonResourceEndpoint[] = [];
  const skipped: Skipped[] = [];
  for (const op of sorted) {
    const at = parsePath(op.path);
    if (at.type === 'resource') {
      onResources.push({ op, at });
      continue;
    }
    const entry: NonResourceEndpoint = { method: op.method, path: op.path, kind: at.kind, origin: op.origin };
    if (op.operationId !== undefined) entry.operationId = op.operationId;
    nonResource.push(entry);
    skipped.push({ method: op.method, path: op.path, reason: at.reason });
  }
  const namespaced = new Set(onResources.filter((r) => r.at.inNamespace).map((r) => resourceKey(r.at)));
  const operations = fixDeleteAnswers(
    onResources.map(({ op, at }) => applyFixups(toOperation(op, at, namespaced.has(resourceKey(at))))),
  );
  return { operations, nonResource, skipped };
}

const resourceKey = (at: ResourcePath): string => `${at.apiGroup}\0${at.version}\0${at.plural}`;

function sourceOf(sources: DocumentSummary[], items: SourceItems): ApiModel['source'] {
  const out: ApiModel['source'] = {
    format: sources.some((s) => s.format === 'v2') ? 'v2' : 'v3',
    files: [...new Set(sources.map((s) => s.file))].sort(compareStrings),
    hash: sourceHash(items),
  };
  const infoVersion = sources.map((s) => s.infoVersion).find((v) => v !== undefined);
  if (infoVersion) out.infoVersion = infoVersion;
  return out;
}

/**
 * The normalized input, item by item: each schema by name and each operation by `<path>\0<method>`, with the sha256
 * of its JSON. The source hash is made of these, so a build that replaces some items can compute it again.
 */
export interface SourceItems {
  schemas: Map<string, string>;
  operations: Map<string, string>;
}

function itemsOf(merged: MergedApi): SourceItems {
  const schemas = new Map<string, string>();
  for (const [name, s] of merged.schemas) schemas.set(name, s.hash);
  const operations = new Map<string, string>();
  for (const op of merged.operations) operations.set(`${op.path}\0${op.method}`, sha256(operationJson(op)));
  return { schemas, operations };
}

/** sha256 over the items in a fixed order: independent of file names and order. */
export function sourceHash(items: SourceItems): string {
  // One text hashed at once: thousands of small updates cost several times as much.
  return sha256(sourceLines(items).join(''));
}

/** The lines the source hash is taken over: schemas', then operations', each sorted by key. */
export function sourceLines(items: SourceItems): string[] {
  // The default sort orders strings by UTF-16 code units, as compareStrings does, without calling back into
  // JavaScript for each comparison.
  const lines: string[] = [];
  for (const name of [...items.schemas.keys()].sort()) lines.push(sourceLine('schema', name, items.schemas.get(name)!));
  for (const key of [...items.operations.keys()].sort())
    lines.push(sourceLine('operation', key, items.operations.get(key)!));
  return lines;
}

/** One item's line in the text the source hash is taken over. */
export const sourceLine = (kind: 'schema' | 'operation', key: string, hash: string): string =>
  `${kind}\0${key}\0${hash}\0`;
