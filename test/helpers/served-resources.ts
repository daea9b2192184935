// The group-versions and resources a spec serves, read from its documents' paths alone (no model involved): what
// `kubegen diff` must report as removed and added is computed from them independently.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `group/version` → resource plurals, from every path of a spec file or /openapi/v3 folder. */
export function servedResources(spec: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of specFiles(spec)) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, unknown> };
    for (const path of Object.keys(doc.paths)) {
      const m = /^\/api\/(v1)\/(.+)$/.exec(path) ?? /^\/apis\/([^/]+\/[^/]+)\/(.+)$/.exec(path);
      if (!m) continue;
      const segs = m[2]!.split('/').filter((s) => s !== '');
      if (segs[0] === 'watch') segs.shift();
      // `namespaces/{namespace}/pods…` is a namespaced resource; `namespaces`, `namespaces/{name}…` are namespaces.
      const plural = segs[0] === 'namespaces' && segs[1] === '{namespace}' && segs.length > 2 ? segs[2]! : segs[0];
      if (!plural || plural.startsWith('{')) continue;
      let set = out.get(m[1]!);
      if (!set) out.set(m[1]!, (set = new Set()));
      set.add(plural);
    }
  }
  return out;
}

function specFiles(spec: string): string[] {
  if (!statSync(spec).isDirectory()) return [spec];
  return (readdirSync(spec, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(spec, f));
}

export function expectedChanges(a: string, b: string) {
  const ra = servedResources(a);
  const rb = servedResources(b);
  const minus = <T>(x: Iterable<T>, y: { has(v: T): boolean }) => [...x].filter((v) => !y.has(v)).sort();
  const resources = (from: Map<string, Set<string>>, to: Map<string, Set<string>>) =>
    [...from]
      .filter(([gv]) => to.has(gv))
      .flatMap(([gv, plurals]) => minus(plurals, to.get(gv)!).map((p) => `${gv} ${p}`))
      .sort();
  return {
    removed: minus(ra.keys(), rb),
    added: minus(rb.keys(), ra),
    resourcesRemoved: resources(ra, rb),
    resourcesAdded: resources(rb, ra),
  };
}
