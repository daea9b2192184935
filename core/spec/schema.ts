// The vocabulary of an OpenAPI document as Kubernetes publishes it, shared by the readers and the model:
// schemas, locations, HTTP methods and the `x-kubernetes-action` values.

/** Where a thing came from: the spec file and the JSON pointer inside it. */
export interface Origin {
  file: string;
  pointer: string;
}

/** A JSON Schema as Kubernetes publishes it (OpenAPI 3 flavour; v2 definitions are converted on load). */
export interface Schema {
  type?: string | string[];
  format?: string;
  description?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  not?: Schema;
  [extension: `x-${string}`]: unknown;
  [keyword: string]: unknown;
}

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** The `x-kubernetes-action` values the API server publishes. */
export type Action =
  | 'get'
  | 'list'
  | 'put'
  | 'patch'
  | 'post'
  | 'delete'
  | 'deletecollection'
  | 'watch'
  | 'watchlist'
  | 'connect';
