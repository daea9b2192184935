// Recognises the two document formats kube-apiserver serves: Swagger 2.0 (`/openapi/v2`) and OpenAPI 3.x (`/openapi/v3`).
import { SpecError } from './errors.js';
import { isObject } from './values.js';

export type SpecFormat = 'v2' | 'v3';

/** The document's format; a SpecError when it is neither Swagger 2.0 nor OpenAPI 3.x. */
export function specFormat(doc: unknown, file: string): SpecFormat {
  if (!isObject(doc)) throw new SpecError(file, '', 'not an OpenAPI document: expected an object at the top level');
  let format: SpecFormat;
  if (doc.swagger === '2.0') format = 'v2';
  else if (typeof doc.openapi === 'string' && /^3\.\d+(\.\d+)?/.test(doc.openapi)) format = 'v3';
  else if ('swagger' in doc)
    throw new SpecError(
      file,
      '/swagger',
      `unsupported Swagger version ${JSON.stringify(doc.swagger)} (expected "2.0")`,
    );
  else if ('openapi' in doc)
    throw new SpecError(file, '/openapi', `unsupported OpenAPI version ${JSON.stringify(doc.openapi)} (expected 3.x)`);
  else throw new SpecError(file, '', 'not an OpenAPI document: it has neither `swagger: "2.0"` nor `openapi: 3.x`');
  if (doc.paths !== undefined && !isObject(doc.paths)) throw new SpecError(file, '/paths', '`paths` must be an object');
  return format;
}
