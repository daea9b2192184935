// One build step: inputs → (stamp says nothing changed? stop) → model → filter → files → .ts, or .js + .d.ts, or a
// package → written atomically, or compared (`--check`). The emitter and the TypeScript compiler are imported only
// once a build is really needed, so an unchanged regeneration costs a few hashes.
import { readManifest } from '../emit/write.js';
import { parsePackageSpec } from '../emit/package.js';
import type { RenderedFile } from '../emit/js.js';
import type { FetchOptions } from '../source/cluster.js';
import { openInputs, type InputFlags } from './inputs.js';
import type { FilterOptions } from './filter.js';
import { STAMP_FILE, compareOutput, makeStamp, sha256, stampIsCurrent } from './stamp.js';
import { readInputCache, writeInputCache } from './cache.js';
import { kubegenFingerprint, kubegenVersion, runtimeVersion } from './version.js';

export interface BuildOptions extends InputFlags, FilterOptions {
  out: string;
  emit?: 'ts' | 'js';
  /** `NAME@VERSION`: a publishable package (implies `.js` + `.d.ts`). */
  package?: string;
  /** Compare instead of writing. */
  check?: boolean;
  /** Build even when the stamp says the output is current. */
  force?: boolean;
  runtimeImport?: string;
  /** Group-version documents fetched at once from a cluster. */
  concurrency?: number;
}

export interface BuildHooks {
  onProgress?: FetchOptions['onProgress'];
  /** Told what was read (one line). */
  onRead?: (summary: string) => void;
}

export type BuildResult =
  | { status: 'unchanged' }
  | { status: 'written'; files: number; removed: string[] }
  | { status: 'fresh' }
  | { status: 'stale'; changes: string[]; headerOnly: number };

export async function runBuild(options: BuildOptions, hooks: BuildHooks = {}): Promise<BuildResult> {
  if (options.package) parsePackageSpec(options.package);
  if (options.package && options.emit === 'ts') throw new Error('--package writes .js with .d.ts: leave out --emit ts');
  const emit = options.package ? 'js' : (options.emit ?? 'ts');
  const cached = readInputCache(options.out);
  const inputs = await openInputs(options, options.concurrency ? { concurrency: options.concurrency } : {}, cached);
  if (inputs.records && JSON.stringify(inputs.records) !== JSON.stringify(cached)) writeInputCache(options.out, inputs.records);
  let files: RenderedFile[];
  try {
    const key = sha256(JSON.stringify({
      kubegen: kubegenFingerprint(),
      inputs: inputs.key,
      options: { include: options.include ?? [], exclude: options.exclude ?? [], crdsOnly: !!options.crdsOnly, emit, package: options.package ?? null, runtimeImport: options.runtimeImport ?? null },
    }));
    if (!options.force && (await stampIsCurrent(options.out, key))) return options.check ? { status: 'fresh' } : { status: 'unchanged' };
    const read = await inputs.read(hooks.onProgress ? { onProgress: hooks.onProgress } : {});
    hooks.onRead?.(read.summary);
    files = await buildFiles(options, emit, key, read.documents, read.serverVersion);
  } finally {
    await inputs.close();
  }
  if (options.check) {
    const { changes, headerOnly } = await compareOutput(options.out, files.filter((f) => f.path !== STAMP_FILE), readManifest(options.out).filter((f) => f !== STAMP_FILE));
    return changes.length || headerOnly ? { status: 'stale', changes, headerOnly } : { status: 'fresh' };
  }
  const { writeOutput } = await import('../emit/write.js');
  const written = writeOutput(options.out, new Map(files.map((f) => [f.path, f.content])));
  return { status: 'written', files: files.length, removed: written.removed };
}

async function buildFiles(
  options: BuildOptions,
  emit: 'ts' | 'js',
  key: string,
  documents: Parameters<typeof import('../model/build.js').buildModel>[0],
  serverVersion: string | undefined,
): Promise<RenderedFile[]> {
  const [{ buildModel }, { filterModel }, { renderFiles }] = await Promise.all([import('../model/build.js'), import('./filter.js'), import('../emit/render.js')]);
  const model = filterModel(buildModel(documents), options);
  if (model.groups.length === 0) throw new Error(`nothing to generate: no resource is left after ${describeFilters(options)}`);
  const rendered = renderFiles(model, { ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}), kubegenVersion: kubegenVersion() });
  let files: RenderedFile[] = [...rendered].map(([path, content]) => ({ path, content: withServerVersion(content, serverVersion) }));
  if (emit === 'js') {
    const { compileToJs } = await import('../emit/js.js');
    files = compileToJs(files, options.out);
  }
  if (options.package) {
    const { packageFiles } = await import('../emit/package.js');
    files = packageFiles(files, {
      spec: options.package,
      runtimeRange: `^${runtimeVersion()}`,
      kubegenVersion: kubegenVersion(),
      specHash: model.source.hash,
      ...(serverVersion ?? model.source.infoVersion ? { serverVersion: serverVersion ?? model.source.infoVersion } : {}),
    });
  }
  const stamp = { ...makeStamp(key, files), specHash: model.source.hash, ...(serverVersion ? { serverVersion } : {}) };
  return [...files, { path: STAMP_FILE, content: `${JSON.stringify(stamp, null, 2)}\n` }];
}

/** The cluster's version goes under the header's first line, beside the spec hash it already names. */
function withServerVersion(content: string, serverVersion: string | undefined): string {
  if (!serverVersion || !content.startsWith('// Generated by kubegen')) return content;
  const end = content.indexOf('\n');
  const safe = serverVersion.replace(/[^A-Za-z0-9.+_-]/g, '');
  return `${content.slice(0, end)}\n// Read from a cluster serving Kubernetes ${safe}.${content.slice(end)}`;
}

function describeFilters(options: FilterOptions): string {
  const parts = [
    ...(options.include?.length ? [`--include ${options.include.join(',')}`] : []),
    ...(options.exclude?.length ? [`--exclude ${options.exclude.join(',')}`] : []),
    ...(options.crdsOnly ? ['--crds-only'] : []),
  ];
  return parts.length ? parts.join(' ') : 'reading the inputs';
}
