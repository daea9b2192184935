// A release's documents: from the cache when their bytes match, else downloaded, checked, parsed and then cached.
// A release read for the first time is discovered from swagger.json (always published): the group-versions it
// serves name the v3 documents to fetch, and a 404 for the first of them means the release publishes none.
import { parseText } from '../parse/index.js';
import { specFormat } from '../../spec/format.js';
import { mapBounded } from '../bounded.js';
import type { FetchProgress } from '../cluster.js';
import { sha256 } from '../inputs/hash.js';
import type { ReleaseCache, ReleaseFiles } from './cache.js';
import type { Downloader } from './download.js';
import { SWAGGER_FILE, groupVersionOf, groupVersionsOf, releaseFileUrl, shownUrl, v3File } from './layout.js';

/** One published document of a release. */
export interface ReleaseDocument {
  file: string;
  /** Where it is published (without credentials): the name errors and the model give it. */
  url: string;
  sha256: string;
  doc: unknown;
  downloaded: boolean;
}

export interface ReleaseSource {
  tag: string;
  base: string;
  cache: ReleaseCache;
  downloader: Downloader;
  concurrency?: number;
  onProgress?: FetchProgress;
  signal?: AbortSignal;
}

/** Reads a release that no lock names yet: swagger.json, then the v3 documents of its group-versions if published. */
export async function discoverRelease(source: ReleaseSource): Promise<ReleaseDocument[]> {
  const data = await source.downloader.get(releaseFileUrl(source.base, source.tag, SWAGGER_FILE), source.signal);
  if (!data)
    throw new Error(
      `Kubernetes ${source.tag} is not published at ${urlOf(source, SWAGGER_FILE)} (404): no such release, or the mirror lacks it`,
    );
  const swagger = parsed(source, SWAGGER_FILE, data, true);
  const groupVersions = groupVersionsOf(swagger.doc, swagger.url);
  const total = 1 + groupVersions.length;
  source.onProgress?.(1, total, SWAGGER_FILE);
  const [first, ...rest] = groupVersions.map(v3File);
  const core = await download(source, first!);
  if (!core) {
    // Cached only now: a release with v3 documents never reads its v2 document again.
    source.cache.write(SWAGGER_FILE, data);
    return [swagger];
  }
  source.onProgress?.(2, total, first!);
  const others = await mapBounded(rest, source.concurrency ?? 8, async (file, done) => {
    const document = await download(source, file);
    if (!document)
      throw new Error(
        `${urlOf(source, file)} (404): swagger.json of Kubernetes ${source.tag} serves ${groupVersionOf(file)}, but its v3 document is not published there`,
      );
    source.onProgress?.(2 + done(), total, file);
    return document;
  });
  return [core, ...others];
}

/** The files a lock names, each from the cache or downloaded again; any byte that differs from the lock fails. */
export async function readLockedRelease(
  source: ReleaseSource,
  files: ReleaseFiles,
  lockFile: string,
): Promise<ReleaseDocument[]> {
  const documents = new Map<string, ReleaseDocument>();
  const missing: Array<[file: string, sha: string]> = [];
  for (const [file, sha] of Object.entries(files)) {
    const cached = source.cache.read(file, sha);
    if (cached) documents.set(file, parsed(source, file, cached, false));
    else missing.push([file, sha]);
  }
  await mapBounded(missing, source.concurrency ?? 8, async ([file, sha], done) => {
    const document = await download(source, file, { locked: sha, lockFile });
    if (!document)
      throw new Error(`${urlOf(source, file)} (404): ${lockFile} names this file of Kubernetes ${source.tag}`);
    documents.set(file, document);
    source.onProgress?.(done(), missing.length, file);
  });
  return Object.keys(files).map((file) => documents.get(file)!);
}

/** Downloads one file, checks it against the lock when locked, parses it, and only then caches it; undefined on 404. */
async function download(
  source: ReleaseSource,
  file: string,
  options: { locked?: string; lockFile?: string } = {},
): Promise<ReleaseDocument | undefined> {
  const data = await source.downloader.get(releaseFileUrl(source.base, source.tag, file), source.signal);
  if (!data) return undefined;
  const sha = sha256(data);
  if (options.locked !== undefined && sha !== options.locked)
    throw new Error(
      `${urlOf(source, file)}: sha256 ${sha} differs from ${options.locked} in ${options.lockFile}; the bytes published for Kubernetes ${source.tag} changed (remove its entry from the lock to accept them)`,
    );
  const document = parsed(source, file, data, true);
  source.cache.write(file, data);
  return document;
}

function parsed(source: ReleaseSource, file: string, data: Buffer, downloaded: boolean): ReleaseDocument {
  const url = urlOf(source, file);
  const doc = parseText(url, data.toString('utf8'));
  specFormat(doc, url);
  return { file, url, sha256: sha256(data), doc, downloaded };
}

function urlOf(source: ReleaseSource, file: string): string {
  return shownUrl(releaseFileUrl(source.base, source.tag, file));
}
