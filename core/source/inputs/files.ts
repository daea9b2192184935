// Spec files and CRD manifests as build inputs: hashed when opened, parsed only when read.
import { existsSync } from 'node:fs';
import { SpecError } from '../../spec/errors.js';
import type { Schema } from '../../spec/schema.js';
import type { LoadedDocument } from '../../spec/document.js';
import type { LoadedCrd, ReadManifest } from '../crd/manifests.js';
import { hashInputs, relativePath, type InputRecord } from './hash.js';
import type { InputFlags, OpenedInputs } from './types.js';

/** Opens spec files and CRD manifests; a glob that matches nothing fails here. */
export async function openFiles(flags: InputFlags, previous?: Record<string, InputRecord>): Promise<OpenedInputs> {
  const specs = flags.spec ?? [];
  const crdFiles = flags.crd?.length ? await (await import('../crd/patterns.js')).resolveCrdPaths(flags.crd) : [];
  checkSpecPaths(specs);
  // The bytes read to hash the inputs are parsed by `read` without reading them again; a CRD manifest's leave the map
  // as it is parsed, so that the texts are not all held beside the values parsed from them.
  const bytes = new Map<string, Buffer>();
  const { key, inputs } = await hashInputs(
    [...specs, ...crdFiles],
    { specs: specs.length, crds: crdFiles.length },
    previous,
    { paths: new Set([...specs, ...crdFiles]), bytes },
  );
  const manifests = () => readManifests(crdFiles, bytes, inputs);
  const stream = async () => {
    const { parseSpecs, specFiles } = await import('../load.js');
    const files = await specFiles(specs);
    const { crds, defined } = await manifestCrds(crdFiles, flags.cache, manifests());
    return {
      documents: withCrdDocuments(parseSpecs(files, bytes), crdFiles.length ? crds : undefined),
      crds,
      defined,
      summary: `read ${files.length} spec document(s) and ${crds.length} CRD(s)`,
    };
  };
  return {
    key,
    records: inputs,
    // Every document at once: the streamed ones, collected, so that both ways read and order alike.
    read: async () => {
      const streamed = await stream();
      const documents: LoadedDocument[] = [];
      for await (const doc of streamed.documents) documents.push(doc);
      return { ...streamed, documents };
    },
    stream,
    close: async () => {},
  };
}

/** The manifests whose bytes hashing read, by path, with the hash it recorded. */
function readManifests(
  crdFiles: string[],
  bytes: Map<string, Buffer>,
  inputs: Record<string, InputRecord>,
): Map<string, ReadManifest> {
  const read = new Map<string, ReadManifest>();
  for (const file of crdFiles) {
    const known = bytes.get(file);
    bytes.delete(file);
    if (known) read.set(file, { bytes: known, sha256: inputs[relativePath(process.cwd(), file)]?.sha256 });
  }
  return read;
}

async function manifestCrds(
  crdFiles: string[],
  cache?: boolean,
  read?: Map<string, ReadManifest>,
): Promise<{ crds: LoadedCrd[]; defined: LoadedCrd[] }> {
  if (crdFiles.length === 0) return { crds: [], defined: [] };
  const { dedupeCrds, readCrdFiles } = await import('../crd/manifests.js');
  const defined = await readCrdFiles(crdFiles, { ...(cache === undefined ? {} : { cache }), ...(read && { read }) });
  return { crds: dedupeCrds(defined), defined };
}

/** `withCrds` as the spec documents pass: the CRDs' documents take the meta schemas of those before them. */
async function* withCrdDocuments(
  specDocs: AsyncIterable<LoadedDocument>,
  crds: LoadedCrd[] | undefined,
): AsyncGenerator<LoadedDocument> {
  const meta: Record<string, Schema> = {};
  for await (const loaded of specDocs) {
    if (crds) addMetaSchemas(meta, loaded);
    yield loaded;
  }
  if (crds) yield* await crdDocuments(crds, Object.keys(meta).length ? meta : undefined);
}

/** Fails on the first spec path that is not there, naming it. */
export function checkSpecPaths(specs: string[]): void {
  for (const s of specs) if (!existsSync(s)) throw new SpecError(s, '', 'cannot read the spec: no such file or folder');
}

/** Spec documents followed by those of the CRDs in manifest files, which take their meta schemas from the specs. */
export async function withCrds(
  specDocs: LoadedDocument[],
  crdFiles: string[],
  cache?: boolean,
): Promise<{ documents: LoadedDocument[]; crds: LoadedCrd[]; defined: LoadedCrd[] }> {
  if (crdFiles.length === 0) return { documents: specDocs, crds: [], defined: [] };
  const { crds, defined } = await manifestCrds(crdFiles, cache);
  return { documents: [...specDocs, ...(await crdDocuments(crds, metaSchemasOf(specDocs)))], crds, defined };
}

/** CRDs of manifest files, folders or globs; `flag` names the option they came from in errors (none for an argument). */
export async function readCrds(patterns: string[], flag?: string): Promise<LoadedCrd[]> {
  const [{ dedupeCrds, readCrdFiles }, { resolveCrdPaths }] = await Promise.all([
    import('../crd/manifests.js'),
    import('../crd/patterns.js'),
  ]);
  return dedupeCrds(await readCrdFiles(await resolveCrdPaths(patterns, process.cwd(), flag)));
}

/** CRD documents, named after the manifest file that defines each group-version's first kind. */
export async function crdDocuments(crds: LoadedCrd[], metaSchemas?: Record<string, Schema>): Promise<LoadedDocument[]> {
  const { crdsToOpenApiDocuments } = await import('../crd/openapi.js');
  const docs = crdsToOpenApiDocuments(
    crds.map((c) => c.crd),
    metaSchemas ? { metaSchemas } : {},
  );
  return docs.map((d) => {
    const from = crds.find(
      (c) => c.crd.spec.group === d.group && c.crd.spec.versions.some((v) => v.name === d.version),
    );
    return { file: `${from?.file ?? 'crd'}#openapi/v3/${d.path}`, doc: d.document };
  });
}

/** The meta schemas of loaded spec documents (v3 components, or v2 definitions with their references rewritten). */
export function metaSchemasOf(docs: LoadedDocument[]): Record<string, Schema> | undefined {
  const out: Record<string, Schema> = {};
  for (const loaded of docs) addMetaSchemas(out, loaded);
  return Object.keys(out).length ? out : undefined;
}

/** Adds the meta schemas of one document to `out`, where documents before it have not already put them. */
export function addMetaSchemas(out: Record<string, Schema>, { doc }: LoadedDocument): void {
  const d = doc as { components?: { schemas?: Record<string, Schema> }; definitions?: Record<string, Schema> };
  const v3 = d.components?.schemas;
  const v2 = d.definitions;
  // Key by key: listing the entries of a document's thousand schemas first costs several times as much.
  for (const name in v3) if (isMeta(name)) out[name] ??= v3[name]!;
  for (const name in v2) if (isMeta(name)) out[name] ??= rewriteRefs(v2[name]!);
}

function isMeta(name: string): boolean {
  return name.startsWith('io.k8s.apimachinery.') || name.startsWith('io.k8s.api.autoscaling.v1.Scale');
}

function rewriteRefs(value: Schema): Schema {
  return JSON.parse(JSON.stringify(value).replace(/"#\/definitions\//g, '"#/components/schemas/')) as Schema;
}
