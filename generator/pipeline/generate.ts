// `generate()`: the pipeline's preset for spec files in, TypeScript out — always built, no stamp, no cache.
import type { ApiModel } from '../../core/model/types.js';
import { loadSpecs } from '../../core/source/load.js';
import { buildModel } from '../../core/model/build.js';
import type { RenderOptions } from '../emit/render.js';
import { runBuild } from './run.js';
import type { WriteResult } from './write.js';

export interface GenerateOptions extends RenderOptions {
  /** Spec files or `/openapi/v3`-style folders. */
  specs: string[];
  /** The output folder. */
  out: string;
}

export interface GenerateResult {
  model: ApiModel;
  files: Map<string, string>;
  written: WriteResult;
}

/** Reads the specs and builds the model; errors name the spec file and JSON pointer. */
export async function modelFromSpecs(specs: string[]): Promise<ApiModel> {
  if (!specs.length) throw new Error('no spec given (--spec PATH)');
  return buildModel(await loadSpecs(specs));
}

/** Generates into `out`. Nothing is written unless every stage succeeds. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  if (!options.specs.length) throw new Error('no spec given (--spec PATH)');
  const result = await runBuild({
    spec: options.specs,
    out: options.out,
    stamp: false,
    ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}),
    ...(options.kubegenVersion ? { kubegenVersion: options.kubegenVersion } : {}),
    ...(options.importExtension ? { importExtension: options.importExtension } : {}),
    ...(options.validators ? { validators: true } : {}),
  });
  if (result.status !== 'written' || !result.model)
    throw new Error(`internal: a build without stamp or cache ended ${result.status}`);
  return {
    model: result.model,
    files: new Map(result.output.map((f) => [f.path, f.content])),
    written: result.written,
  };
}
