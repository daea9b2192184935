// A Kubernetes release as a build input: the OpenAPI documents the project publishes for it, pinned by the lock
// and kept in the user's cache. Its key is the lock's hashes, so an unchanged build reads neither network nor cache.
// CRD manifests are added to it as to spec files.
import { resolve } from 'node:path';
import type { FetchOptions } from '../cluster.js';
import { ReleaseCache, type ReleaseFiles } from '../release/cache.js';
import type { Downloader } from '../release/download.js';
import { discoverRelease, readLockedRelease, type ReleaseDocument, type ReleaseSource } from '../release/fetch.js';
import { DEFAULT_SPECS_BASE, SPECS_VARIABLE, groupVersionOf, shownUrl } from '../release/layout.js';
import { LOCK_FILE, lockFiles, lockedFiles, sorted } from '../release/lock.js';
import { releaseTag } from '../release/version.js';
import { compareStrings } from '../../spec/values.js';
import { hashInputs, sha256, type InputRecord } from './hash.js';
import type { CollectedInputs, InputFlags, OpenedInputs } from './types.js';

export async function openRelease(
  flags: InputFlags,
  fetch: FetchOptions,
  previous?: Record<string, InputRecord>,
): Promise<OpenedInputs> {
  const tag = releaseTag(flags.kubernetes!);
  const lockFile = flags.lockFile ?? resolve(LOCK_FILE);
  const crdFiles = flags.crd?.length ? await (await import('../crd/patterns.js')).resolveCrdPaths(flags.crd) : [];
  const crds = await hashInputs(crdFiles, { crds: crdFiles.length }, previous);
  const downloader = lazyDownloader();
  const source: ReleaseSource = { tag, base: specsBase(flags), cache: new ReleaseCache(tag), downloader, ...fetch };
  const locked = lockedFiles(lockFile, tag);
  try {
    let documents = locked ? undefined : await unlocked(source);
    const files = locked ?? filesOf(documents!);
    return {
      key: sha256(JSON.stringify({ kubernetes: tag, files, crds: crds.key })),
      records: crds.inputs,
      async read(more: FetchOptions = {}) {
        documents ??= await readLockedRelease({ ...source, ...more }, files, lockFile);
        return collected(tag, documents, crdFiles);
      },
      commit() {
        if (!locked) lockFiles(lockFile, tag, files);
      },
      close: () => downloader.close(),
    };
  } catch (err) {
    await downloader.close();
    throw err;
  }
}

/** $KUBEGEN_KUBERNETES_SPECS, else `kubernetesSpecs`, else the Kubernetes repository's raw files. */
function specsBase(flags: InputFlags): string {
  const fromEnv = process.env[SPECS_VARIABLE];
  const base = fromEnv || flags.kubernetesSpecs || DEFAULT_SPECS_BASE;
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash)
    throw new Error(
      `${fromEnv ? SPECS_VARIABLE : 'kubernetesSpecs'} ${shownUrl(base)}: expected an http(s) URL without query or fragment, under which <tag>/api/openapi-spec/… are served`,
    );
  return base;
}

/** A release no lock names: as the cache last recorded it complete, else discovered from where it is published. */
async function unlocked(source: ReleaseSource): Promise<ReleaseDocument[]> {
  const recorded = source.cache.files();
  if (recorded) return readLockedRelease(source, recorded, source.cache.recordFile);
  const documents = await discoverRelease(source);
  source.cache.recordFiles(filesOf(documents));
  return documents;
}

function filesOf(documents: ReleaseDocument[]): ReleaseFiles {
  return sorted(Object.fromEntries(documents.map((d) => [d.file, d.sha256])));
}

async function collected(tag: string, documents: ReleaseDocument[], crdFiles: string[]): Promise<CollectedInputs> {
  const { withCrds } = await import('./files.js');
  // In the order a /openapi/v3-shaped folder of the same documents loads, so both build the same model.
  const ordered = [...documents].sort((a, b) => compareStrings(folderName(a.file), folderName(b.file)));
  const read = await withCrds(
    ordered.map((d) => ({ file: d.url, doc: d.doc })),
    crdFiles,
  );
  const downloaded = documents.filter((d) => d.downloaded).length;
  const format = documents.some((d) => groupVersionOf(d.file)) ? 'v3' : 'v2';
  const from = downloaded === 0 ? 'from the cache' : `${downloaded} downloaded`;
  return {
    documents: read.documents,
    crds: read.crds,
    release: tag,
    summary: `read ${documents.length} OpenAPI ${format} document(s) of Kubernetes ${tag} (${from}) and ${read.crds.length} CRD(s)`,
  };
}

function folderName(file: string): string {
  return `${groupVersionOf(file) ?? file}.json`;
}

/** undici is loaded only when a file must be downloaded: a build from the cache does without it. */
function lazyDownloader(): Downloader {
  let real: Downloader | undefined;
  return {
    async get(url, signal) {
      real ??= (await import('../release/download.js')).openDownloader();
      return real.get(url, signal);
    },
    close: async () => real?.close(),
  };
}
