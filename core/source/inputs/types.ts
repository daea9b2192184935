// The shapes every kind of build input shares: the flags that name it, and the handle an opened input gives.
import type { LoadedDocument } from '../../spec/document.js';
import type { FetchOptions } from '../cluster.js';
import type { CustomResourceDefinition } from '../crd/manifests.js';
import type { InputRecord } from './hash.js';

export interface ConnectionFlags {
  kubeconfig?: string;
  context?: string;
  server?: string;
}

export interface InputFlags extends ConnectionFlags {
  spec?: string[];
  crd?: string[];
  /** A Kubernetes release whose published OpenAPI documents are read: `1.35` (its tag v1.35.0) or `1.35.2`. */
  kubernetes?: string;
  /** The base URL the release files are fetched under (a mirror); $KUBEGEN_KUBERNETES_SPECS takes precedence. */
  kubernetesSpecs?: string;
  /** The lock recording each release file's sha256 (default: kubegen.lock.json in the working folder). */
  lockFile?: string;
  /** Keep large manifests parsed, and schema conversions, in kubegen's cache (default true; KUBEGEN_CACHE=0 turns it off). */
  cache?: boolean;
}

export interface CollectedInputs {
  documents: LoadedDocument[];
  /** The CRDs among the inputs as written (their kinds are in `documents` too), for what needs more than OpenAPI. */
  crds?: InputCrd[];
  /** Every CRD each manifest defines, in order, before a later definition of the same name replaces it. */
  defined?: InputCrd[];
  /** The cluster's `/version` gitVersion, when read from a cluster. */
  serverVersion?: string;
  /** The release tag (`v1.35.0`), when read from a release's published documents. */
  release?: string;
  /** One line saying what was read. */
  summary: string;
}

/**
 * The inputs as `stream` reads them: their spec documents are parsed one at a time as they are taken, so that a
 * builder that lets each go before it takes the next never holds them all.
 */
export interface StreamedInputs extends Omit<CollectedInputs, 'documents'> {
  documents: AsyncIterable<LoadedDocument>;
}

/** A CRD and where it came from: a manifest file, or the cluster's URL for it. */
export interface InputCrd {
  crd: CustomResourceDefinition;
  file: string;
}

/** The inputs of one build, opened: what they hash to (cheap), and how to read them (not cheap). */
export interface OpenedInputs {
  /** sha256 over everything read from outside: the files' bytes, or the cluster's version, index hashes and CRDs. */
  key: string;
  /** The input files' sizes, times and hashes, to record in the stamp. */
  records?: Record<string, InputRecord>;
  read(fetch?: FetchOptions): Promise<CollectedInputs>;
  /** `read`, each spec document parsed only when taken (inputs that have their documents parsed at once lack it). */
  stream?(fetch?: FetchOptions): Promise<StreamedInputs>;
  /** Called once the output is written or found current: records what the build relied on (a release in the lock). */
  commit?(): void;
  close(): Promise<void>;
}
