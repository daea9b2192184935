// The validator behind every write: the kinds of the served specs (the v3 documents win over the v2 one, as in
// the model), and each CRD's kinds as the CRD is installed.
import { type OpenAPIDocument, Validator } from '@kubegen/validation';
import type { ServedSpecs } from '../api/specs.js';

export function servedValidator(specs: ServedSpecs): Validator {
  const validator = new Validator();
  if (specs.v2) validator.addOpenAPI(specs.v2 as OpenAPIDocument, 'openapi/v2');
  if (specs.v3.size) validator.addOpenAPI([...specs.v3.values()] as OpenAPIDocument[], 'openapi/v3');
  return validator;
}
