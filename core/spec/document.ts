// What a reader hands the model builder: one parsed spec document and where it came from.

/** One parsed spec document and the file it came from (a display name for in-memory documents). */
export interface LoadedDocument {
  file: string;
  doc: unknown;
}
