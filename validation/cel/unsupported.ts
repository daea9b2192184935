// Read apart from the CEL library, so that listing them loads nothing.

/**
 * Functions and macros of kube-apiserver's CRD environment this engine does not provide; a rule that uses
 * one fails to compile with a message naming it.
 */
export const unsupportedFunctions: ReadonlyMap<string, string> = new Map([
  ['transformList', 'two-variable comprehension transformList (cel-go ext.TwoVarComprehensions)'],
  ['transformMap', 'two-variable comprehension transformMap (cel-go ext.TwoVarComprehensions)'],
  ['transformMapEntry', 'two-variable comprehension transformMapEntry (cel-go ext.TwoVarComprehensions)'],
  ['existsOne', 'two-variable comprehension existsOne (cel-go ext.TwoVarComprehensions)'],
  ['sortBy', 'lists extension sortBy (cel-go ext.Lists)'],
]);
