// Which kubeconfig files to read and how they merge, by kubectl's rules: an explicit file alone (it must exist);
// else every file of KUBECONFIG (missing ones skipped, duplicates once); else ~/.kube/config if present.
// The first file to define a cluster, user or context name wins that name; current-context comes from the first
// file that sets one.
import { readFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { KubeConfigError, fileErrorCode } from '../errors.js';
import { parseKubeConfig } from './kubeconfig-file.js';
import type { KubeConfig } from './kubeconfig-types.js';

export type Env = Record<string, string | undefined>;

export interface KubeConfigFilesOptions {
  /** One kubeconfig file, like `kubectl --kubeconfig`: read alone, and it must exist. */
  kubeconfig?: string;
  /** The environment to read KUBECONFIG and HOME from (default `process.env`). */
  env?: Env;
}

/** The candidate files, highest precedence first, and whether each must exist. */
export function kubeconfigPaths(options: KubeConfigFilesOptions = {}): { paths: string[]; required: boolean } {
  if (options.kubeconfig) return { paths: [resolve(options.kubeconfig)], required: true };
  const env = options.env ?? process.env;
  const list = env.KUBECONFIG;
  if (list) {
    const paths = list
      .split(delimiter)
      .filter((p) => p !== '')
      .map((p) => resolve(p));
    return { paths: [...new Set(paths)], required: false };
  }
  const home = env.HOME || env.USERPROFILE;
  return { paths: home ? [join(home, '.kube', 'config')] : [], required: false };
}

/** Reads and merges the kubeconfig files; a config with no files at all has no entries. */
export async function readKubeConfig(options: KubeConfigFilesOptions = {}): Promise<KubeConfig> {
  const { paths, required } = kubeconfigPaths(options);
  const merged: KubeConfig = { files: [], clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const file of paths) {
    const text = await readText(file, required);
    if (text === undefined) continue;
    mergeInto(merged, parseKubeConfig(text, file));
  }
  return merged;
}

async function readText(file: string, required: boolean): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (!required && fileErrorCode(err) === 'ENOENT') return undefined;
    throw new KubeConfigError(`cannot read the kubeconfig (${fileErrorCode(err)})`, { file });
  }
}

/** Adds a lower-precedence file's entries: nothing it defines replaces what an earlier file set. */
export function mergeInto(into: KubeConfig, next: KubeConfig): void {
  into.files.push(...next.files);
  if (into.currentContext === undefined && next.currentContext) into.currentContext = next.currentContext;
  for (const [name, entry] of next.clusters) if (!into.clusters.has(name)) into.clusters.set(name, entry);
  for (const [name, entry] of next.users) if (!into.users.has(name)) into.users.set(name, entry);
  for (const [name, entry] of next.contexts) if (!into.contexts.has(name)) into.contexts.set(name, entry);
}
