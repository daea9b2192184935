// A cluster's OpenAPI written where the test API server reads specs: a folder laid out like /openapi/v3 (or the v2
// document), so that `kubegen serve --kubeconfig …` stands in for that cluster, at its version.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ConnectionFlags } from '../core/source/inputs/index.js';

export async function clusterSpecFolder(flags: ConnectionFlags) {
  const { readCluster } = await import('../core/source/inputs/cluster.js');
  const specs = await readCluster(flags);
  const dir = await mkdtemp(join(tmpdir(), 'kubegen-serve-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    for (const d of specs.documents) {
      const file = join(dir, specs.format === 'v3' ? 'v3' : '', `${d.path}.json`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(d.document));
    }
  } catch (err) {
    await remove();
    throw err;
  }
  const version = specs.version.gitVersion;
  return {
    options: {
      specs: [join(dir, specs.format === 'v3' ? 'v3' : 'openapi/v2.json')],
      crds: [],
      ...(version ? { kubernetesVersion: version } : {}),
    },
    remove,
  };
}
