// @kubegen/validation/core: the validator without the CEL engine loaded up front. Objects of kinds with
// x-kubernetes-validations need `await loadRules()` once; the rest never load CEL (a faster start for tools that
// check a few objects and exit).
export { Validator, ValidationInputError, parseApiVersion } from './validator.js';
export type { DeferredKind, RuleReport, ValidateOptions, ValidationResult } from './validator.js';
export {
  type FieldError,
  type FieldErrorReason,
  fieldError,
  formatFieldError,
  isStrictDecodingError,
} from './errors.js';
export type { GroupVersionKind, Schema, ValidationRule } from './schema/types.js';
export type { OpenAPIDocument } from './schema/documents.js';
export { validateObjectMeta, type NameRule } from './metadata.js';
export { unsupportedFunctions } from './cel/unsupported.js';
export {
  PerCallLimit,
  RuntimeCELCostBudget,
  StaticEstimatedCostLimit,
  StaticEstimatedCRDCostLimit,
} from './cel/cost.js';
export { KindValidator, ValidationError } from './kind.js';
export type { KindDefinition } from './schema/documents.js';
export { loadRules, rulesLoaded } from './cel/engine.js';
