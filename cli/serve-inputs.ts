// What `kubegen serve` serves: spec files as they are, or the documents of a cluster or a release written where
// the test API server reads specs — a folder laid out like /openapi/v3 — so that it stands in for that cluster or
// release, at its version. CRD manifests are served as CRDs in every case.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { InputFlags } from '../core/source/inputs/index.js';
import type { LoadedDocument } from '../core/spec/document.js';
import type { ApiServerOptions } from '../server/index.js';

export interface ServedInputs {
  options: Pick<ApiServerOptions, 'specs' | 'crds' | 'kubernetesVersion'>;
  /** Removes what was written for the server, once it has read it. */
  remove(): Promise<void>;
}

export async function servedInputs(flags: InputFlags): Promise<ServedInputs> {
  const [{ checkSpecPaths }, { resolveCrdPaths }] = await Promise.all([
    import('../core/source/inputs/files.js'),
    import('../core/source/crd/patterns.js'),
  ]);
  const crds = await resolveCrdPaths(flags.crd ?? []);
  if (flags.spec?.length) {
    checkSpecPaths(flags.spec);
    return { options: { specs: flags.spec, crds }, remove: async () => {} };
  }
  if (crds.length && !flags.kubernetes)
    throw new Error('serve needs --spec or --kubernetes besides --crd: the API the CRDs extend');
  const fetched = await fetchedDocuments({ ...flags, crd: [] });
  return { ...fetched, options: { ...fetched.options, crds } };
}

async function fetchedDocuments(flags: InputFlags): Promise<ServedInputs> {
  const { openInputs } = await import('../core/source/inputs/index.js');
  const inputs = await openInputs(flags);
  const read = await inputs.read().finally(() => inputs.close());
  const dir = await mkdtemp(join(tmpdir(), 'kubegen-serve-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    for (const [i, d] of read.documents.entries()) {
      const file = join(dir, `${servedPath(d) ?? `document-${i}`}.json`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(d.doc));
    }
  } catch (err) {
    await remove();
    throw err;
  }
  const version = read.serverVersion ?? read.release;
  return { options: { specs: [dir], ...(version ? { kubernetesVersion: version } : {}) }, remove };
}

/** Where /openapi/v3 lists a document (`api/v1`, `apis/apps/v1`, `version`): what all its paths start with. */
function servedPath({ doc }: LoadedDocument): string | undefined {
  const d = doc as { swagger?: unknown; paths?: Record<string, unknown> };
  if (typeof d.swagger === 'string') return 'swagger';
  const paths = Object.keys(d.paths ?? {});
  if (!paths.length) return undefined;
  const gv = /^\/(api\/[^/]+|apis\/[^/]+\/[^/]+)(\/|$)/.exec(paths[0]!)?.[1];
  if (gv && paths.every((p) => p.startsWith(`/${gv}`))) return gv;
  let common = paths[0]!.split('/');
  for (const p of paths) {
    const parts = p.split('/');
    let n = 0;
    while (n < common.length && common[n] === parts[n]) n++;
    common = common.slice(0, n);
  }
  const path = common.filter(Boolean).join('/');
  return /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path) ? path : undefined;
}
