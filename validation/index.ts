// @kubegen/validation: Kubernetes objects checked offline as kube-apiserver checks them.
export { Validator, ValidationInputError, parseApiVersion } from './validator.js';
export type { RuleReport, ValidateOptions, ValidationResult } from './validator.js';
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
export { unsupportedFunctions } from './cel/env.js';
export {
  PerCallLimit,
  RuntimeCELCostBudget,
  StaticEstimatedCostLimit,
  StaticEstimatedCRDCostLimit,
} from './cel/cost.js';
export { KindValidator, ValidationError } from './kind.js';
export type { KindDefinition } from './schema/documents.js';
