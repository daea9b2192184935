// Where a model comes from in a build step: spec files, CRD manifests, a live cluster, a Kubernetes release's
// published documents, or spec files or a release plus CRDs.
// Everything becomes in-memory OpenAPI documents, which the model builder takes as it takes files. Each kind of
// source lives in its own module, loaded only when a build reads it (a no-op build loads no YAML parser, and file
// inputs never load the runtime).
import type { FetchOptions } from '../cluster.js';
import type { InputRecord } from './hash.js';
import type { InputFlags, OpenedInputs } from './types.js';

export type {
  CollectedInputs,
  ConnectionFlags,
  InputCrd,
  InputFlags,
  OpenedInputs,
  StreamedInputs,
} from './types.js';

/** True when the inputs name no spec, no CRD and no release: the cluster is the source. */
export function readsCluster(flags: InputFlags): boolean {
  return !flags.spec?.length && !flags.crd?.length && !flags.kubernetes;
}

/** True when documents are fetched over the network (a cluster, or a release not yet cached): worth a progress bar. */
export function fetchesDocuments(flags: InputFlags): boolean {
  return readsCluster(flags) || !!flags.kubernetes;
}

/**
 * Opens the inputs: spec files and CRD manifests (globs resolved, so a glob matching nothing fails here), or the
 * cluster when neither is given (its /version and /openapi/v3 index are read; the documents wait for `read`).
 */
export async function openInputs(
  flags: InputFlags,
  fetch: FetchOptions = {},
  previous?: Record<string, InputRecord>,
): Promise<OpenedInputs> {
  if (readsCluster(flags)) return (await import('./cluster.js')).openCluster(flags, fetch);
  const cluster = (['server', 'kubeconfig', 'context'] as const).find((k) => flags[k]);
  const files = flags.kubernetes ? '--kubernetes reads a release' : '--spec/--crd read files';
  if (cluster) throw new Error(`--${cluster} reads a cluster, and ${files}: give one source or the other`);
  if (!flags.kubernetes) return (await import('./files.js')).openFiles(flags, previous);
  if (flags.spec?.length)
    throw new Error(
      '--kubernetes reads a release, and --spec reads files: give one or the other (--crd adds to either)',
    );
  return (await import('./release.js')).openRelease(flags, fetch, previous);
}
