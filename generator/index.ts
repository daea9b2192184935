// kubegen's programmatic API: sources → model → emit.
export type * from './model/types.js';
export * from './source/crd.js';
export { builtinMetaSchemas } from './source/meta-schemas.js';
