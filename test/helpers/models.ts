// Models built in-process from the project's own fixtures: spec files, or CRD manifests as `--crd` reads them.
import { buildModel } from '../../core/model/build.ts';
import type { ApiModel } from '../../core/model/types.ts';
import { crdDocuments, readCrds } from '../../core/source/inputs/files.ts';

/** The model `kubegen generate --crd FILE…` builds: the CRDs' documents over kubegen's own meta schemas. */
export async function modelFromCrds(files: string[]): Promise<ApiModel> {
  return buildModel(await crdDocuments(await readCrds(files)));
}
