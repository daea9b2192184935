// The validator of a run: every kind the inputs define — spec files, a Kubernetes release, CRD manifests or a
// cluster, opened as `generate` opens them — with CRDs as CRDs (defaults, CEL rules), not only as the OpenAPI they
// publish. What the validator needs of them is kept in kubegen's cache under the inputs' hash, as generate's no-op
// check keys them (file sizes and times, else contents; a release's locked hashes; a cluster's version and OpenAPI
// index), so unchanged inputs cost a few `stat` calls and reading the kinds a run checks (kinds-file.ts) instead of
// parsing YAML and converting CRDs.
import { join, resolve } from 'node:path';
import type { OpenAPIDocument, Validator } from '@kubegen/validation/core';
import { kubegenVersion } from '../../core/package.js';
import { type InputCrd, type InputFlags, openInputs } from '../../core/source/inputs/index.js';
import { sha256 } from '../../core/source/inputs/hash.js';
import type { LoadedDocument } from '../../core/spec/document.js';
import { cacheDir } from '../../generator/pipeline/cache.js';
import { type CachedKinds, type KindsHeader, readKindsFile, writeKindsFile } from './kinds-file.js';

export interface SchemaInputs {
  openapi: OpenAPIDocument[];
  crds: InputCrd[];
}

/** `cache`: the folder to keep schemas in (default: kubegen's cache), or false to read the inputs every time. */
export async function loadValidator(flags: InputFlags, cache?: string | false): Promise<Validator> {
  const [{ Validator }, inputs] = await Promise.all([
    import('@kubegen/validation/core'),
    readSchemaInputs(flags, cache),
  ]);
  const validator = new Validator();
  if ('gvks' in inputs) return validator.addDeferred(inputs.gvks, inputs.read);
  if (inputs.openapi.length) validator.addOpenAPI(inputs.openapi, 'openapi');
  for (const { crd, file } of inputs.crds) validator.addCRDs([crd], file);
  return validator;
}

/** The schemas of the inputs: from the cache when they are unchanged (each kind read when asked for), else read. */
export async function readSchemaInputs(flags: InputFlags, cache?: string | false): Promise<SchemaInputs | CachedKinds> {
  const file = cache === false ? undefined : cacheFile(flags, cache ?? cacheDir(process.cwd()));
  const previous = file ? readKindsFile(file) : undefined;
  const inputs = await openInputs(flags, {}, previous?.records);
  try {
    const key = sha256(`${inputs.key}\0${codeVersion()}`);
    if (previous?.key === key) return previous;
    const [read, { trimCrd, trimDocument }] = await Promise.all([inputs.read(), import('./trim.js')]);
    const crds = (read.crds ?? []).map(trimCrd);
    const fresh = { openapi: withoutCrdKinds(read.documents, crds).map(trimDocument), crds };
    if (file) writeCache(file, { key, ...(inputs.records ? { records: inputs.records } : {}) }, fresh);
    // A release read for the first time is locked, as generate locks it: the next run reads the same files.
    inputs.commit?.();
    return fresh;
  } finally {
    await inputs.close();
  }
}

/** The documents that define more than CRD kinds (a CRD's published OpenAPI says less than the CRD itself). */
function withoutCrdKinds(docs: LoadedDocument[], crds: InputCrd[]): OpenAPIDocument[] {
  const crdKinds = new Set(crds.map(({ crd }) => `${crd.spec.group}/${crd.spec.names.kind}`));
  return docs
    .map((d) => d.doc as OpenAPIDocument)
    .filter((doc) => {
      const schemas = Object.values({ ...doc.definitions, ...doc.components?.schemas });
      const kinds = schemas.flatMap((s) => s['x-kubernetes-group-version-kind'] ?? []);
      return kinds.length === 0 || kinds.some((k) => !crdKinds.has(`${k.group}/${k.kind}`));
    });
}

function cacheFile(flags: InputFlags, dir: string): string {
  const names = {
    spec: (flags.spec ?? []).map((p) => resolve(p)),
    crd: (flags.crd ?? []).map((p) => resolve(p)),
    kubernetes: flags.kubernetes,
    server: flags.server,
    kubeconfig: flags.kubeconfig && resolve(flags.kubeconfig),
    context: flags.context,
  };
  return join(dir, `validate-${sha256(JSON.stringify(names)).slice(0, 32)}.kinds`);
}

/** Raised whenever trim.ts or kinds-file.ts changes what is kept. */
const cacheFormat = 2;

function codeVersion(): string {
  return `${kubegenVersion()}\0${cacheFormat}`;
}

function writeCache(file: string, header: Omit<KindsHeader, 'kinds'>, inputs: SchemaInputs): void {
  try {
    writeKindsFile(file, header, inputs.openapi, inputs.crds);
  } catch {
    // a read-only tree: the inputs are read again next time
  }
}
