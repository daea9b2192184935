// Where a model comes from in a build step: spec files, CRD manifests, a live cluster, or spec files plus CRDs.
// Everything becomes in-memory OpenAPI documents, which the model builder takes as it takes files. Each kind of
// source lives in its own module, loaded only when a build reads it (a no-op build loads no YAML parser, and file
// inputs never load the runtime).
import type { FetchOptions } from '../cluster.js';
import type { InputRecord } from './hash.js';
import type { InputFlags, OpenedInputs } from './types.js';

export type { CollectedInputs, ConnectionFlags, InputCrd, InputFlags, OpenedInputs } from './types.js';

/** True when the inputs name no spec and no CRD: the cluster is the source. */
export function readsCluster(flags: InputFlags): boolean {
  return !flags.spec?.length && !flags.crd?.length;
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
  if (cluster)
    throw new Error(`--${cluster} reads a cluster, and --spec/--crd read files: give one source or the other`);
  return (await import('./files.js')).openFiles(flags, previous);
}
