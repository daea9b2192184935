// `kubegen generate` as a function: spec files → model → rendered files → the output folder.
// Each stage is its own export so other commands (--check, --emit js, --package) can stop or branch midway.
import type { ApiModel } from './model/types.js';
import { loadSpecs } from './source/load.js';
import { buildModel } from './model/build.js';
import { renderFiles, type RenderOptions } from './emit/render.js';
import { writeOutput, type WriteResult } from './emit/write.js';

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
  const model = await modelFromSpecs(options.specs);
  const files = renderFiles(model, options);
  const written = writeOutput(options.out, files);
  return { model, files, written };
}
