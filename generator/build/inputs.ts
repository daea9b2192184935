// Where a model comes from in a build step: spec files, CRD manifests, a live cluster, or spec files plus CRDs.
// Everything becomes in-memory OpenAPI documents, which the model builder takes as it takes files. Each kind of
// source lives in its own module, loaded only when a build reads it (a no-op build loads no YAML parser, and file
// inputs never load the runtime).
import type { LoadedDocument } from '../source/load.js';
import type { FetchOptions } from '../source/cluster.js';
import type { InputRecord } from './stamp.js';

export interface ConnectionFlags {
  kubeconfig?: string;
  context?: string;
  server?: string;
}

export interface InputFlags extends ConnectionFlags {
  spec?: string[];
  crd?: string[];
}

export interface CollectedInputs {
  documents: LoadedDocument[];
  /** The cluster's `/version` gitVersion, when read from a cluster. */
  serverVersion?: string;
  /** One line saying what was read. */
  summary: string;
}

/** True when the inputs name no spec and no CRD: the cluster is the source. */
export function readsCluster(flags: InputFlags): boolean {
  return !flags.spec?.length && !flags.crd?.length;
}

/** The inputs of one build, opened: what they hash to (cheap), and how to read them (not cheap). */
export interface OpenedInputs {
  /** sha256 over everything read from outside: the files' bytes, or the cluster's version, index hashes and CRDs. */
  key: string;
  /** The input files' sizes, times and hashes, to record in the stamp. */
  records?: Record<string, InputRecord>;
  read(fetch?: FetchOptions): Promise<CollectedInputs>;
  close(): Promise<void>;
}

/**
 * Opens the inputs: spec files and CRD manifests (globs resolved, so a glob matching nothing fails here), or the
 * cluster when neither is given (its /version and /openapi/v3 index are read; the documents wait for `read`).
 */
export async function openInputs(flags: InputFlags, fetch: FetchOptions = {}, previous?: Record<string, InputRecord>): Promise<OpenedInputs> {
  if (readsCluster(flags)) return (await import('./cluster-inputs.js')).openCluster(flags, fetch);
  const cluster = (['server', 'kubeconfig', 'context'] as const).find((k) => flags[k]);
  if (cluster) throw new Error(`--${cluster} reads a cluster, and --spec/--crd read files: give one source or the other`);
  return (await import('./file-inputs.js')).openFiles(flags, previous);
}
