// The one generation pipeline behind `kubegen generate` and `generate()`:
//   inputs → (stamp current? stop) → model → filter → render → (.js + .d.ts) → (package) → stamp → write | check.
// Each stage is a function of this module's inputs and outputs only. The build cache is imported once the stamp says
// the output is stale, and the emitter and the TypeScript compiler once a build is really needed, so an unchanged
// regeneration costs a few hashes.
import { resolve } from 'node:path';
import type { ApiModel } from '../../core/model/types.js';
import type { FilterOptions } from '../../core/model/filter.js';
import { type InputRecord, sha256 } from '../../core/source/inputs/hash.js';
import { openInputs, readsCluster, type InputFlags } from '../../core/source/inputs/index.js';
import type { FetchOptions } from '../../core/source/cluster.js';
import type { SourceItems } from '../../core/model/build.js';
import type { CollectedInputs, OpenedInputs, StreamedInputs } from '../../core/source/inputs/index.js';
import type { LoadedDocument } from '../../core/spec/document.js';
import type { RenderFacts } from '../emit/facts.js';
import type { DocumentFacts } from './build-record.js';
import type { IncrementalBuild } from './incremental.js';
import { checkPackageSpec, releaseParts, resolvePackageSpec } from '../emit/package-name.js';
import type { RenderedFile } from '../emit/js.js';
import type { ImportExtension } from '../emit/plan.js';
import type { BuildCache, RecordToKeep } from './build-cache.js';
import { readInputCache, readOutputCache, writeInputCache, writeOutputCache } from './cache.js';
import type { StageHook } from './profile.js';
import { kubegenFingerprint, kubegenVersion, runtimeVersion, validationVersion } from './fingerprint.js';
import {
  STAMP_FILE,
  type Stamp,
  compareOutput,
  knownOnDisk,
  makeStamp,
  readStamp,
  recordsOnDisk,
  stampIsCurrent,
} from './stamp.js';
import { STAGING } from './output/journal.js';
import { prepareOutput, readManifest, writeOutput, type WriteResult } from './write.js';

export interface BuildOptions extends InputFlags, FilterOptions {
  out: string;
  emit?: 'ts' | 'js';
  /** `NAME[@VERSION]`, which may name the release (`@acme/k8s-{minor}`): a publishable package (implies `.js` + `.d.ts`). */
  package?: string;
  /** Compare instead of writing. */
  check?: boolean;
  /** Build even when the stamp says the output is current, or kubegen's cache holds the same build. */
  force?: boolean;
  runtimeImport?: string;
  /** `ts`: relative imports name `.ts` files, for Node's type stripping (default `js`). */
  importExtension?: ImportExtension;
  /** Also write a validator per kind (`validate/`) and a `validate` option on clients. */
  validators?: boolean;
  /** Group-version documents fetched at once from a cluster. */
  concurrency?: number;
  /** Write `.kubegen-stamp.json` and keep the inputs' records in the cache (default true). */
  stamp?: boolean;
  /** Named in every file's header (default: this kubegen's version). */
  kubegenVersion?: string;
}

export interface BuildHooks {
  onProgress?: FetchOptions['onProgress'];
  /** Told what was read (one line). */
  onRead?: (summary: string) => void;
  /** Told what the inputs leave out that the user would expect (one line each): a cluster's group-versions without OpenAPI. */
  onWarning?: FetchOptions['onWarning'];
  /** Told as each stage ends (`--profile`): start, read, load, normalize, model, types, clients, js, package, write or check. */
  onStage?: StageHook;
  /** Told why a build whose CRD manifests changed rebuilt every group instead of theirs alone (`--profile`). */
  onFallback?: (reason: string) => void;
}

export type BuildResult =
  | { status: 'unchanged' }
  | {
      status: 'written';
      files: number;
      removed: string[];
      /** Undefined when the files came from the cache: the same inputs were built before. */
      model?: ApiModel;
      output: RenderedFile[];
      written: WriteResult;
    }
  | { status: 'fresh' }
  | { status: 'stale'; changes: string[]; headerOnly: number };

export async function runBuild(options: BuildOptions, hooks: BuildHooks = {}): Promise<BuildResult> {
  if (options.package) checkPackageSpec(options.package);
  if (options.package && options.emit === 'ts') throw new Error('--package writes .js with .d.ts: leave out --emit ts');
  const ext = options.importExtension;
  if (ext !== undefined && ext !== 'js' && ext !== 'ts')
    throw new Error(`--import-extension ${String(ext)}: expected js or ts`);
  if (ext === 'ts' && emitOf(options) === 'js')
    throw new Error(
      `--import-extension ts is for .ts output run as it is: leave it out with ${options.package ? '--package' : '--emit js'}`,
    );
  // A wrong --out fails before any input is read; a write a stopped run left is settled before the stamp is read.
  const { pending } = prepareOutput(options.out, options.check ? 'check' : 'write');
  const stamped = options.stamp !== false;
  const cached = stamped ? readInputCache(options.out) : undefined;
  const fetch: FetchOptions = {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    ...(hooks.onWarning ? { onWarning: hooks.onWarning } : {}),
  };
  const inputs = await openInputs(options, fetch, cached);
  if (stamped && inputs.records && JSON.stringify(inputs.records) !== JSON.stringify(cached))
    writeInputCache(options.out, inputs.records);
  let built: Built;
  try {
    const key = buildKey(options, inputs.key);
    const mayBeCurrent = stamped && !options.force && !pending;
    const checked = mayBeCurrent ? readOutputCache(options.out) : undefined;
    const seen: Record<string, InputRecord> = {};
    const stamp = stamped ? await readStamp(options.out) : undefined;
    const current = mayBeCurrent && stampIsCurrent(options.out, stamp, key, checked, seen);
    hooks.onStage?.('start');
    if (current) {
      if (JSON.stringify(seen) !== JSON.stringify(checked)) writeOutputCache(options.out, seen);
      if (options.check) return { status: 'fresh' };
      inputs.commit?.();
      return { status: 'unchanged' };
    }
    if (emitOf(options) === 'ts') {
      const problem = (await import('./project.js')).projectProblem(options.out);
      if (problem) throw new Error(problem);
    }
    built = await makeFiles(options, key, inputs, stamp, hooks, fetch);
  } finally {
    await inputs.close();
  }
  if (options.check) {
    const checked = await check(options.out, built.files, pending);
    hooks.onStage?.('check');
    return checked;
  }
  // Files whose size and time are as when they were last written or checked are not read (nor, when taken from an
  // earlier build, loaded from the cache).
  const hashes = stamped ? built.hashes : undefined;
  const known = hashes ? knownOnDisk(options.out, hashes, readOutputCache(options.out)) : new Map();
  const written = writeOutput(
    options.out,
    new Map(built.files.map((f) => [f.path, known.has(f.path) ? '' : f.content])),
    { known },
  );
  if (hashes) writeOutputCache(options.out, recordsOnDisk(options.out, hashes, written.unchanged));
  inputs.commit?.();
  hooks.onStage?.('write');
  return {
    status: 'written',
    files: built.files.length,
    removed: written.removed,
    ...(built.model ? { model: built.model } : {}),
    output: built.files,
    written,
  };
}

/** The files of a build: taken from the cache, rebuilt in part from an earlier build, or built whole. */
async function makeFiles(
  options: BuildOptions,
  key: string,
  inputs: OpenedInputs,
  stamp: Stamp | undefined,
  hooks: BuildHooks,
  fetch: FetchOptions,
): Promise<Built> {
  const stamped = options.stamp !== false;
  // Files and releases only: reading a cluster also warns of what it serves without OpenAPI, which a build taken
  // from the cache would not say.
  const builds =
    stamped && !readsCluster(options) ? (await import('./build-cache.js')).buildCache(options.cache) : undefined;
  const cacheKey = buildCacheKey(options, key);
  // --force builds, as it says; what it builds still replaces the cached build.
  const reused = options.force ? undefined : builds?.get(cacheKey);
  if (reused) {
    hooks.onRead?.(`${reused.summary} (built before with the same inputs and options: files from kubegen's cache)`);
    hooks.onStage?.('cache');
    return { files: reused.files, ...hashesOf(reused.files) };
  }
  // Whether this build records, and may take, the way to rebuild only the groups of changed CRD files.
  const partial = builds && incrementable(options) ? optionsKey(options) : undefined;
  const tried =
    partial && !options.force
      ? await buildPart(options, key, stamp, partial, inputs, builds!, hooks.onStage)
      : undefined;
  if (typeof tried === 'string') hooks.onFallback?.(tried);
  else if (tried) {
    hooks.onRead?.(
      `${tried.summary} (incremental: rebuilt ${tried.groups.join(', ')} for ${tried.changedFiles} changed CRD file(s), the other files from the previous build)`,
    );
    builds!.set(cacheKey, { summary: tried.summary, files: tried.files, record: tried.record }, tried.hashes);
    hooks.onStage?.('record');
    return { files: tried.files, hashes: tried.hashes };
  }
  // Spec files are parsed as the model builder takes them (in `normalize`), so that each can be let go before the next;
  // the read line waits for the last of them, so that a file that fails to parse says only its error.
  let read: CollectedInputs | StreamedInputs;
  if (inputs.stream) {
    const streamed = await inputs.stream(fetch);
    read = { ...streamed, documents: followedBy(streamed.documents, () => hooks.onRead?.(streamed.summary)) };
  } else {
    read = await inputs.read(fetch);
    hooks.onRead?.(read.summary);
  }
  hooks.onStage?.('read');
  const factsOf = partial ? (await import('./build-record.js')).documentFacts : undefined;
  const documents: DocumentFacts[] = [];
  const made = await build(options, read, hooks.onStage, factsOf && ((d) => void documents.push(factsOf(d))));
  const stampOf = stamped ? stampFile(key, made.files, made.model, read.serverVersion) : undefined;
  if (stampOf) made.files.push(stampOf.file);
  const record = made.facts && (await recordOf(partial!, inputs, { ...read, documents }, made));
  builds?.set(cacheKey, { summary: read.summary, files: made.files, ...(record ? { record } : {}) }, stampOf?.hashes);
  return { ...made, ...(stampOf ? { hashes: stampOf.hashes } : {}) };
}

/** What the output is made from: kubegen itself, the inputs, and every option that changes a byte of it. */
function buildKey(options: BuildOptions, inputsKey: string): string {
  return sha256(JSON.stringify({ kubegen: kubegenFingerprint(), inputs: inputsKey, options: outputOptions(options) }));
}

function outputOptions(options: BuildOptions): object {
  return {
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    crdsOnly: !!options.crdsOnly,
    emit: emitOf(options),
    package: options.package ?? null,
    runtimeImport: options.runtimeImport ?? null,
    importExtension: options.importExtension ?? 'js',
    validators: !!options.validators,
  };
}

/** What a build's bytes depend on besides its inputs: the build key's and the cache key's, without the inputs. */
function optionsKey(options: BuildOptions): string {
  return sha256(
    JSON.stringify({
      kubegen: kubegenFingerprint(),
      options: outputOptions(options),
      ...beyondStamp(options),
    }),
  );
}

/**
 * Builds that may rebuild only the groups of changed CRD files: spec files and CRD manifests into `.ts` modules, with
 * nothing that reads the whole model (a package, validators, filters).
 */
function incrementable(options: BuildOptions): boolean {
  return (
    options.stamp !== false &&
    !!options.crd?.length &&
    !options.kubernetes &&
    emitOf(options) === 'ts' &&
    !options.package &&
    !options.validators &&
    !options.include?.length &&
    !options.exclude?.length &&
    !options.crdsOnly
  );
}

/** The previous build into this folder, when the cache holds it with its record, rebuilt for the changed CRD files. */
async function buildPart(
  options: BuildOptions,
  key: string,
  stamp: Stamp | undefined,
  partial: string,
  inputs: OpenedInputs,
  builds: BuildCache,
  onStage?: StageHook,
): Promise<IncrementalBuild | string | undefined> {
  if (!inputs.records) return undefined;
  const previous = stamp && stamp.key !== key ? builds.getWithRecord(buildCacheKey(options, stamp.key)) : undefined;
  if (!previous?.record) return stamp ? 'the cache holds no record of the previous build' : undefined;
  onStage?.('previous');
  const [{ buildIncrementally }, { DamagedRecord, RecordView }] = await Promise.all([
    import('./incremental.js'),
    import('./record-store.js'),
  ]);
  let record: InstanceType<typeof RecordView>;
  try {
    record = new RecordView(previous.record);
  } catch (err) {
    if (err instanceof DamagedRecord) return err.message;
    throw err;
  }
  const conversions = (await import('./conversion-store.js')).conversionStore(options.cache);
  return buildIncrementally({
    record,
    files: previous.files,
    options: partial,
    key,
    inputs: inputs.records!,
    render: {
      ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}),
      ...(options.importExtension ? { importExtension: options.importExtension } : {}),
      kubegenVersion: options.kubegenVersion ?? kubegenVersion(),
      ...(conversions ? { conversionStore: conversions } : {}),
    },
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...(onStage ? { onStage } : {}),
  });
}

async function recordOf(
  partial: string,
  inputs: OpenedInputs,
  read: Pick<CollectedInputs, 'crds' | 'defined'> & { documents: DocumentFacts[] },
  made: { model: ApiModel; items?: SourceItems; facts?: RenderFacts },
): Promise<RecordToKeep | undefined> {
  if (!inputs.records || !made.items || !made.facts) return undefined;
  const [{ recordBuild }, { recordToKeep }] = await Promise.all([
    import('./build-record.js'),
    import('./record-store.js'),
  ]);
  const record = recordBuild({
    options: partial,
    inputs: inputs.records,
    documents: read.documents,
    crds: read.crds ?? [],
    defined: read.defined ?? [],
    model: made.model,
    items: made.items,
    render: made.facts,
  });
  return recordToKeep(record, made.model.source.hash);
}

/**
 * The key of a whole build in the cache: the stamp's, and what else changes a byte of a file — the version named in
 * headers, the release asked for, and for `.js` output the folder its imports resolve from.
 */
function buildCacheKey(options: BuildOptions, stampKey: string): string {
  return sha256(
    JSON.stringify({
      stampKey,
      ...beyondStamp(options),
    }),
  );
}

/** What changes a byte of a file besides what the stamp's key covers. */
function beyondStamp(options: BuildOptions): object {
  return {
    kubegenVersion: options.kubegenVersion ?? null,
    kubernetes: options.kubernetes ?? null,
    out: emitOf(options) === 'js' ? resolve(options.out) : null,
  };
}

function emitOf(options: BuildOptions): 'ts' | 'js' {
  return options.package ? 'js' : (options.emit ?? 'ts');
}

interface Built {
  model?: ApiModel;
  files: RenderedFile[];
  /** The hash of each file the stamp among them names, when there is a stamp. */
  hashes?: Record<string, string>;
}

/**
 * model → filter → render → (.js + .d.ts) → (package); with `recording`, told of each document as it passes, and what
 * a record of the build needs too.
 */
async function build(
  options: BuildOptions,
  { documents, serverVersion, release }: CollectedInputs | StreamedInputs,
  onStage: StageHook = () => undefined,
  recording?: (doc: LoadedDocument) => void,
): Promise<{ model: ApiModel; files: RenderedFile[]; items?: SourceItems; facts?: RenderFacts }> {
  const [{ modelBuilder }, { filterModel }, { renderFiles }] = await Promise.all([
    import('../../core/model/build.js'),
    import('../../core/model/filter.js'),
    import('../emit/render.js'),
  ]);
  onStage('load');
  let items: SourceItems | undefined;
  let facts: RenderFacts | undefined;
  const onItems = recording ? (i: SourceItems) => void (items = i) : undefined;
  const builder = modelBuilder();
  for await (const doc of documents) {
    recording?.(doc);
    builder.add(doc);
  }
  onStage('normalize');
  const model = filterModel(builder.finish(onItems), options);
  onStage('model');
  if (model.groups.length === 0)
    throw new Error(`nothing to generate: no resource is left after ${describeFilters(options)}`);
  // The release a package names: the cluster's, the one asked for, or the one the spec says (never a CRD's).
  const named = serverVersion ?? release ?? model.source.infoVersion;
  const pkg = options.package
    ? resolvePackageSpec(options.package, named ? releaseParts(named) : undefined)
    : undefined;
  const version = options.kubegenVersion ?? kubegenVersion();
  const conversions = (await import('./conversion-store.js')).conversionStore(options.cache);
  const rendered = renderFiles(model, {
    ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}),
    ...(options.importExtension ? { importExtension: options.importExtension } : {}),
    ...(options.validators ? { validators: true } : {}),
    kubegenVersion: version,
    onStage,
    ...(conversions ? { conversionStore: conversions } : {}),
    ...(recording ? { onFacts: (f: RenderFacts) => void (facts = f) } : {}),
  });
  let files: RenderedFile[] = [...rendered].map(([path, content]) => ({
    path,
    content: withServerVersion(content, serverVersion),
  }));
  if (emitOf(options) === 'js') {
    const { compileToJs } = await import('../emit/js.js');
    files = compileToJs(files, options.out);
    onStage('js');
  }
  if (pkg) {
    const { packageFiles } = await import('../emit/package.js');
    files = packageFiles(files, {
      package: pkg,
      runtimeRange: `^${runtimeVersion()}`,
      ...(options.validators ? { validationRange: `^${validationVersion()}` } : {}),
      kubegenVersion: version,
      specHash: model.source.hash,
      ...(named ? { serverVersion: named } : {}),
    });
    onStage('package');
  }
  return { model, files, ...(items ? { items } : {}), ...(facts ? { facts } : {}) };
}

/** The stamp of a build's files, and the hashes it names. */
function stampFile(
  key: string,
  files: RenderedFile[],
  model: ApiModel,
  serverVersion: string | undefined,
): { file: RenderedFile; hashes: Record<string, string> } {
  const stamp = { ...makeStamp(key, files), specHash: model.source.hash, ...(serverVersion ? { serverVersion } : {}) };
  return { file: { path: STAMP_FILE, content: `${JSON.stringify(stamp, null, 2)}\n` }, hashes: stamp.files };
}

/** The hash of each file the stamp among `files` names (every file but itself), when there is one. */
function hashesOf(files: RenderedFile[]): { hashes?: Record<string, string> } {
  const stamp = files.find((f) => f.path === STAMP_FILE);
  return stamp ? { hashes: (JSON.parse(stamp.content) as Stamp).files } : {};
}

/** `--check`: what writing would change, without writing. */
async function check(out: string, files: RenderedFile[], pending: boolean): Promise<BuildResult> {
  const previous = readManifest(out).filter((f) => f !== STAMP_FILE);
  const { changes, headerOnly } = await compareOutput(
    out,
    files.filter((f) => f.path !== STAMP_FILE),
    previous,
  );
  if (pending) changes.push(`! ${STAGING}: a write a stopped run left unfinished (the next generate finishes it)`);
  return changes.length || headerOnly ? { status: 'stale', changes, headerOnly } : { status: 'fresh' };
}

/** The cluster's version goes under the header's first line, which names kubegen's. */
function withServerVersion(content: string, serverVersion: string | undefined): string {
  if (!serverVersion || !content.startsWith('// Generated by kubegen')) return content;
  const end = content.indexOf('\n');
  const safe = serverVersion.replace(/[^A-Za-z0-9.+_-]/g, '');
  return `${content.slice(0, end)}\n// Read from a cluster serving Kubernetes ${safe}.${content.slice(end)}`;
}

function describeFilters(options: FilterOptions): string {
  const parts = [
    ...(options.include?.length ? [`--include ${options.include.join(',')}`] : []),
    ...(options.exclude?.length ? [`--exclude ${options.exclude.join(',')}`] : []),
    ...(options.crdsOnly ? ['--crds-only'] : []),
  ];
  return parts.length ? parts.join(' ') : 'reading the inputs';
}

/** The items, then `done` once the last has been taken. */
async function* followedBy<T>(items: AsyncIterable<T>, done: () => void): AsyncIterable<T> {
  yield* items;
  done();
}
