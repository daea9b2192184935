// CustomResourceDefinitions as an input: manifests read and checked, then turned into the OpenAPI documents
// kube-apiserver would publish for them.
export * from './manifests.js';
export { crdSchemaName, crdToOpenApiDocuments, crdsToOpenApiDocuments, noteCrdVersion } from './openapi.js';
export type { CrdDocument, CrdOpenApiOptions, CrdVersionInfo, OpenApiDocument } from './openapi.js';
