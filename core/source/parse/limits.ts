// What YAML aliases may add to a document: far beyond what real documents do, far below what would exhaust the
// heap of the steps after reading (the nesting limit, shared with the model, is in core/spec/nesting.ts).

/** What YAML aliases may add to a document's size once expanded, in bytes of the text they repeat. */
export function aliasBudget(textLength: number): number {
  // As go-yaml (and so kube-apiserver) allows: a fixed amount for small documents, a tenth of large ones.
  return Math.max(2 * 1024 * 1024, Math.floor(textLength / 10));
}

/** Bytes as a person reads them: `2 MiB`, `81.3 MiB`, `640 KiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}
