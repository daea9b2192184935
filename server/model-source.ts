// TEMPORARY stand-in until generator/source/load.ts and generator/model/build.ts land. Not for commit.
import type { ApiGroup, ApiModel, GroupVersion, NamedSchema, Resource, Verb } from '../generator/model/types.js';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

type Doc = Record<string, any>;

const shortNames: Record<string, string[]> = { deployments: ['deploy'], namespaces: ['ns'], configmaps: ['cm'], services: ['svc'], pods: ['po'], customresourcedefinitions: ['crd', 'crds'] };
const categories: Record<string, string[]> = { deployments: ['all'], pods: ['all'], services: ['all'] };
const verbOf: Record<string, Verb> = { get: 'get', list: 'list', watch: 'watch', watchlist: 'watch', post: 'create', put: 'update', patch: 'patch', delete: 'delete', deletecollection: 'deletecollection', connect: 'connect' };

export async function buildFromFiles(paths: string[]): Promise<ApiModel> {
  const docs: { path: string; document: Doc }[] = [];
  for (const p of paths) {
    if (!(await stat(p)).isDirectory()) continue;
    const walk = async (d: string): Promise<void> => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        const f = join(d, e.name);
        if (e.isDirectory()) await walk(f);
        else if (f.endsWith('.json')) docs.push({ path: relative(p, f).split(sep).join('/').replace(/\.json$/, ''), document: JSON.parse(await readFile(f, 'utf8')) });
      }
    };
    await walk(p);
  }
  return modelFromDocuments(docs);
}

export function modelFromDocuments(docs: { path: string; document: Doc }[]): ApiModel {
  const schemas: Record<string, NamedSchema> = {};
  const groups = new Map<string, ApiGroup>();
  for (const { document } of docs) {
    for (const [name, schema] of Object.entries<Doc>(document.components?.schemas ?? {})) {
      schemas[name] = { name, schema, origin: { file: '', pointer: '' }, gvks: schema['x-kubernetes-group-version-kind'] ?? [] };
    }
    for (const [path, item] of Object.entries<Doc>(document.paths ?? {})) {
      const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.*)$/.exec(path);
      if (!m) continue;
      const group = m[2] ?? '';
      const version = m[1] ?? m[3]!;
      let rest = m[4]!.split('/').filter(Boolean);
      if (rest[0] === 'watch') rest = rest.slice(1);
      let namespaced = false;
      if (rest[0] === 'namespaces' && rest[1] === '{namespace}' && rest.length > 2) {
        namespaced = true;
        rest = rest.slice(2);
      }
      const [plural, name, sub] = rest;
      if (!plural || plural.startsWith('{')) continue;
      const clusterNs = plural === 'namespaces';
      for (const [method, op] of Object.entries<Doc>(item)) {
        if (!op || typeof op !== 'object' || !op['x-kubernetes-action']) continue;
        const action = op['x-kubernetes-action'] as string;
        const verb = verbOf[action];
        if (!verb) continue;
        const gvk = op['x-kubernetes-group-version-kind'];
        let g = groups.get(group);
        if (!g) groups.set(group, (g = { name: group || 'core', apiGroup: group, versions: [], preferredVersion: version }));
        let gv = g.versions.find((v) => v.version === version);
        if (!gv) g.versions.push((gv = { group: group || 'core', apiGroup: group, version, apiVersion: group ? `${group}/${version}` : version, pathPrefix: group ? `/apis/${group}/${version}` : `/api/${version}`, resources: [] }));
        let r = gv.resources.find((x) => x.plural === plural);
        if (!r) {
          gv.resources.push(
            (r = { group: group || 'core', apiGroup: group, version, plural, singular: '', kind: '', namespaced: namespaced && !clusterNs, verbs: [], shortNames: shortNames[plural] ?? [], categories: categories[plural] ?? [], subresources: [], operations: [] }),
          );
        }
        if (namespaced && !clusterNs) r.namespaced = true;
        if (sub) {
          let s = r.subresources.find((x) => x.name === sub);
          if (!s) r.subresources.push((s = { name: sub, verbs: [], operations: [] }));
          if (!s.verbs.includes(verb)) s.verbs.push(verb);
          if (gvk && !s.kind) Object.assign(s, { kind: gvk.kind, group: gvk.group, version: gvk.version });
          continue;
        }
        void name;
        if (!r.verbs.includes(verb)) r.verbs.push(verb);
        if (gvk && (action === 'get' || action === 'post' || action === 'put' || !r.kind)) {
          r.kind = gvk.kind;
          r.singular = gvk.kind.toLowerCase();
          r.listKind = `${gvk.kind}List`;
        }
        const ref = op.responses?.['200']?.content?.['application/json']?.schema?.$ref as string | undefined;
        if (ref && (action === 'get' || action === 'put')) r.schema = ref.replace('#/components/schemas/', '');
      }
    }
  }
  for (const g of groups.values()) for (const v of g.versions) for (const r of v.resources) r.verbs.sort();
  const model: ApiModel = { source: { format: 'v3', files: [], hash: '' }, groups: [...groups.values()], schemas, operations: [], nonResource: [], skipped: [] };
  for (const g of model.groups) g.versions = g.versions.filter((v: GroupVersion) => v.resources.some((r: Resource) => r.kind));
  return model;
}
