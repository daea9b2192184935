// What a reader hands the model builder: one parsed spec document and where it came from.

/** One parsed spec document and the file it came from (a display name for in-memory documents). */
export interface LoadedDocument {
  file: string;
  doc: unknown;
}

/** The title kube-apiserver gives the OpenAPI documents of CRDs; their `info.version` (`v0.1.0`) is no release. */
export const CRD_DOCUMENT_TITLE = 'Kubernetes CRD Swagger';
