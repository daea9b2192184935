// The committed `generated/example` is golden: exactly what this generator renders from `examples/widgets-api.yaml`.
// `UPDATE_GOLDEN=1` rewrites it through the build pipeline, as `npm run example` does; review the diff like code.
import { describe, it } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { renderFiles } from '../../generator/emit/render.ts';
import { runBuild } from '../../generator/pipeline/run.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { STAMP_FILE } from '../../generator/pipeline/stamp.ts';
import { MANIFEST, readManifest } from '../../generator/pipeline/write.ts';
import { assertGoldenFolder } from '../helpers/golden.ts';
import { projectRoot } from '../helpers/shared.ts';

const committed = join(projectRoot, 'generated', 'example');
const spec = join(projectRoot, 'examples', 'widgets-api.yaml');

describe('generated/example', () => {
  it('is what this generator renders from the example spec, file for file and byte for byte', async () => {
    const files = renderFiles(await modelFromSpecs([spec]));
    // The command adds its no-op stamp (a build-step file git ignores, not generated code).
    const listed = existsSync(join(committed, MANIFEST)) ? readManifest(committed).filter((f) => f !== STAMP_FILE) : [];
    await assertGoldenFolder(committed, listed, files, async () => {
      await runBuild({ spec: [spec], out: committed, force: true });
    });
  });
});
