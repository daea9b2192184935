// The model (`kubegen model --json`) of the project's own small specs and CRDs, as golden files: a change to how
// specs are read, normalized or classified shows as a diff to review. `UPDATE_GOLDEN=1` rewrites them.
import { describe, it } from 'node:test';
import { join } from 'node:path';
import type { ApiModel } from '../../core/model/types.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { assertGolden } from '../helpers/golden.ts';
import { modelFromCrds } from '../helpers/models.ts';
import { projectRoot } from '../helpers/shared.ts';

const fixtures = join(projectRoot, 'test', 'fixtures');

/** As the command prints it, with paths relative to the project so the file is the same on every machine. */
function modelJson(model: ApiModel): string {
  return `${JSON.stringify(model, null, 2)}\n`.split(`${projectRoot}/`).join('');
}

const cases: { golden: string; build: () => Promise<ApiModel> }[] = [
  { golden: 'widgets-api.json', build: () => modelFromSpecs([join(projectRoot, 'examples', 'widgets-api.yaml')]) },
  { golden: 'types.json', build: () => modelFromSpecs([join(fixtures, 'emit', 'types.yaml')]) },
  { golden: 'nested-crd.json', build: () => modelFromCrds([join(fixtures, 'emit', 'nested-crd.yaml')]) },
  { golden: 'gadget-crd.json', build: () => modelFromCrds([join(fixtures, 'build', 'gadget-crd.yaml')]) },
];

describe('the model of small specs and CRDs (golden)', () => {
  for (const c of cases) {
    it(c.golden, async () => assertGolden(join('model', c.golden), modelJson(await c.build())));
  }
});
