// Generated KUBECONFIG lists for the merge properties: a few files whose cluster, user and context names overlap
// (drawn from a small pool), some missing, listed in any order with repeats. Each entry carries a marker — the
// cluster's server, the user's token, the context's namespace — that says which file's entry won.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';

export interface Entry {
  name: string;
  marker: string;
}

export interface GeneratedFile {
  current?: string;
  clusters: Entry[];
  users: Entry[];
  contexts: (Entry & { cluster: string; user: string })[];
  /** The kubeconfig document itself. */
  document: Record<string, unknown>;
}

const names = ['a', 'b', 'c', 'd'];
const name = fc.constantFrom(...names);
const uniqueNames = fc.uniqueArray(name, { maxLength: 3 });

const file = (index: number): fc.Arbitrary<GeneratedFile> =>
  fc
    .record({
      current: fc.option(name, { nil: undefined }),
      clusters: uniqueNames,
      users: uniqueNames,
      contexts: fc.uniqueArray(fc.tuple(name, name, name), { maxLength: 3, selector: ([n]) => n }),
    })
    .map(({ current, clusters, users, contexts }) => {
      const f: GeneratedFile = {
        clusters: clusters.map((n) => ({ name: n, marker: `https://f${index}-${n}.example:6443` })),
        users: users.map((n) => ({ name: n, marker: `token-f${index}-${n}` })),
        contexts: contexts.map(([n, cluster, user]) => ({ name: n, marker: `ns-f${index}-${n}`, cluster, user })),
        document: {},
      };
      if (current !== undefined) f.current = current;
      f.document = {
        apiVersion: 'v1',
        kind: 'Config',
        ...(current !== undefined ? { 'current-context': current } : {}),
        clusters: f.clusters.map((c) => ({ name: c.name, cluster: { server: c.marker } })),
        users: f.users.map((u) => ({ name: u.name, user: { token: u.marker } })),
        contexts: f.contexts.map((c) => ({
          name: c.name,
          context: { cluster: c.cluster, user: c.user, namespace: c.marker },
        })),
      };
      return f;
    });

/** Up to four files (`undefined`: not on disk) and the KUBECONFIG order of their indexes, repeats allowed. */
export const kubeconfigList = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    files: fc.tuple(...Array.from({ length: n }, (_, i) => fc.option(file(i), { nil: undefined, freq: 5 }))),
    order: fc.array(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: n + 2 }),
  }),
);

/**
 * Writes the files of a drawn list that are on disk, as `<base>-<index>`; returns every file's path and the KUBECONFIG
 * list (the paths in `order`, repeats and missing files left in).
 */
export function writeList(
  files: readonly (GeneratedFile | undefined)[],
  order: readonly number[],
  base: string,
): { paths: string[]; list: string[] } {
  const paths = files.map((f, i) => {
    const path = `${base}-${i}`;
    if (f) writeFileSync(path, stringify(f.document));
    return path;
  });
  return { paths, list: order.map((i) => paths[i]!) };
}
