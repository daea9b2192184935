// Read apart from the CEL library, so that listing them loads nothing.

/**
 * Functions and macros of kube-apiserver's CRD environment this engine does not provide; a rule that uses
 * one fails to compile with a message naming it.
 */
export const unsupportedFunctions: ReadonlyMap<string, string> = new Map<string, string>([
  // Every function of kube-apiserver's CRD environment is provided today (two-variable comprehensions and sortBy
  // included); one added to it later is listed here with what it is, until this validator provides it.
]);
