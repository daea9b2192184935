// kubegen's programmatic API: sources → model → emit.
export type * from './model/types.js';
export * from './source/crd.js';
export { builtinMetaSchemas } from './source/meta-schemas.js';
export { defineConfig, loadConfig, findConfigFile, type KubegenConfig } from './config.js';
export { fetchClusterSpecs, type ClusterSpecs, type ClusterDocument, type ClusterVersion } from './source/cluster.js';
export { diffModels, type ApiDiff } from './diff/diff.js';
export { formatDiff } from './diff/report.js';
export { SpecError } from './errors.js';
export { loadSpecs, loadSpecFile, type LoadedDocument } from './source/load.js';
export { buildModel } from './model/build.js';
export { generate, modelFromSpecs, type GenerateOptions, type GenerateResult } from './generate.js';
export { renderFiles, DEFAULT_RUNTIME_IMPORT, type RenderOptions } from './emit/render.js';
export { writeOutput, readManifest, manifestText, MANIFEST, type WriteResult } from './emit/write.js';
export { loadDiffSource, type DiffSource, type DiffSourceOptions } from './diff/sources.js';
// The build step behind `kubegen generate`: any source, filters, no-op stamp, --check, --emit js, --package.
export { runBuild, type BuildOptions, type BuildResult, type BuildHooks } from './build/run.js';
export { filterModel, type FilterOptions } from './build/filter.js';
