// kubegen's programmatic API: sources → model → emit.
export type * from '../core/model/types.js';
export * from '../core/source/crd/index.js';
export { builtinMetaSchemas } from '../core/source/meta-schemas.js';
export { defineConfig, loadConfig, findConfigFile, type KubegenConfig } from './pipeline/config.js';
export {
  fetchClusterSpecs,
  type ClusterSpecs,
  type ClusterDocument,
  type ClusterVersion,
} from '../core/source/cluster.js';
export { diffModels, type ApiDiff } from './diff/diff.js';
export { formatDiff } from './diff/report.js';
export { SpecError } from '../core/spec/errors.js';
export { loadSpecs, loadSpecFile, type LoadedDocument } from '../core/source/load.js';
export { buildModel } from '../core/model/build.js';
export { generate, modelFromSpecs, type GenerateOptions, type GenerateResult } from './pipeline/generate.js';
export { renderFiles, DEFAULT_RUNTIME_IMPORT, type RenderOptions } from './emit/render.js';
export { writeOutput, readManifest, manifestText, MANIFEST, type WriteResult } from './pipeline/write.js';
export { loadDiffSource, type DiffSource, type DiffSourceOptions } from './diff/sources.js';
// The build step behind `kubegen generate`: any source, filters, no-op stamp, --check, --emit js, --package.
export { runBuild, type BuildOptions, type BuildResult, type BuildHooks } from './pipeline/run.js';
export { filterModel, type FilterOptions } from '../core/model/filter.js';
