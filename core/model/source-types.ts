// What one input document says once its format is normalized to the OpenAPI 3 flavour: named schemas with
// `#/components/schemas/` references and flat operations. The builder merges these and classifies them.
import type { GroupVersionKind, HttpMethod, Origin, Schema } from './types.js';
import type { SpecFormat } from '../spec/format.js';

export interface SourceSchema {
  name: string;
  schema: Schema;
  origin: Origin;
}

export interface SourceParameter {
  name: string;
  in: string;
  required: boolean;
  schema: Schema;
  description?: string;
  /** Where the parameter's schema sits in the file (for `$ref` errors). */
  pointer: string;
}

export interface SourceBody {
  schema: Schema;
  required: boolean;
  contentTypes: string[];
  pointer: string;
}

export interface SourceResponse {
  schema?: Schema;
  description?: string;
  pointer: string;
}

export interface SourceOperation {
  method: HttpMethod;
  path: string;
  operationId?: string;
  action?: string;
  gvk?: GroupVersionKind;
  parameters: SourceParameter[];
  requestBody?: SourceBody;
  responses: Record<string, SourceResponse>;
  produces: string[];
  description?: string;
  deprecated: boolean;
  origin: Origin;
}

export interface SourceDocument {
  file: string;
  format: SpecFormat;
  infoVersion?: string;
  schemas: SourceSchema[];
  operations: SourceOperation[];
}

/** The methods an OpenAPI path item may hold, as the model spells them. */
export const pathItemMethods: [string, HttpMethod][] = [
  ['get', 'GET'],
  ['put', 'PUT'],
  ['post', 'POST'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
  ['head', 'HEAD'],
  ['options', 'OPTIONS'],
];
