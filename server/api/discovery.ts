// Discovery documents: legacy (/api, /apis, APIResourceList per group-version) and aggregated
// (apidiscovery.k8s.io v2 / v2beta1 APIGroupDiscoveryList, which kubectl 1.30+ asks for first).
import { compareStrings } from '../../core/spec/values.js';
import type { Subresource } from '../../core/model/types.js';
import { apiVersionOf, type Registry, type ServedGroup, type ServedResource } from './registry.js';
import type { AcceptedType } from '../http/request.js';

export function apiVersions(): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
  };
}

function groupEntry(g: ServedGroup): Record<string, unknown> {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(registry: Registry): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .list()
      .filter((g) => g.name !== '')
      .map(groupEntry),
  };
}

export function apiGroup(g: ServedGroup): Record<string, unknown> {
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g) };
}

function subresourceGvk(parent: ServedResource, sub: Subresource): { group: string; version: string; kind: string } {
  const group = sub.group === 'core' ? '' : (sub.group ?? parent.group);
  return {
    group,
    version: sub.version ?? parent.version,
    kind: sub.kind ?? (sub.name === 'status' ? parent.kind : ''),
  };
}

export function apiResourceList(registry: Registry, group: string, version: string): Record<string, unknown> {
  const resources: Record<string, unknown>[] = [];
  for (const r of sortedResources(registry, group, version)) {
    const entry: Record<string, unknown> = {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
    };
    if (r.shortNames.length) entry.shortNames = r.shortNames;
    if (r.categories.length) entry.categories = r.categories;
    resources.push(entry);
    for (const sub of r.subresources) {
      const gvk = subresourceGvk(r, sub);
      const subEntry: Record<string, unknown> = {
        name: `${r.plural}/${sub.name}`,
        singularName: '',
        namespaced: r.namespaced,
      };
      if (gvk.group !== r.group || gvk.version !== r.version)
        Object.assign(subEntry, { group: gvk.group, version: gvk.version });
      subEntry.kind = gvk.kind;
      subEntry.verbs = sub.verbs;
      resources.push(subEntry);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}

function sortedResources(registry: Registry, group: string, version: string): ServedResource[] {
  return [...(registry.get(group)?.resources.get(version)?.values() ?? [])].sort((a, b) =>
    compareStrings(a.plural, b.plural),
  );
}

/** The aggregated-discovery version the client asks for (`v2`, `v2beta1`), if any. */
export function aggregatedVersion(accepted: AcceptedType[]): string | undefined {
  for (const a of accepted) {
    if (
      a.type !== 'application/json' ||
      a.params.as !== 'APIGroupDiscoveryList' ||
      a.params.g !== 'apidiscovery.k8s.io'
    )
      continue;
    if (a.params.v === 'v2' || a.params.v === 'v2beta1') return a.params.v;
  }
  return undefined;
}

/** `/api` (core only) or `/apis` (every other group) as one APIGroupDiscoveryList. */
export function aggregatedDiscovery(registry: Registry, legacy: boolean, version: string): Record<string, unknown> {
  const groups = registry.list().filter((g) => (g.name === '') === legacy);
  const items = groups.map((g) => ({
    metadata: legacy ? { creationTimestamp: null } : { name: g.name, creationTimestamp: null },
    versions: g.versions.map((v) => ({
      version: v,
      resources: sortedResources(registry, g.name, v).map(aggregatedResource),
      freshness: 'Current',
    })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

function aggregatedResource(r: ServedResource): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    resource: r.plural,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length) entry.shortNames = r.shortNames;
  if (r.categories.length) entry.categories = r.categories;
  if (r.subresources.length) {
    entry.subresources = r.subresources.map((sub) => {
      const gvk = subresourceGvk(r, sub);
      const s: Record<string, unknown> = { subresource: sub.name };
      if (gvk.kind) s.responseKind = gvk;
      s.verbs = sub.verbs;
      return s;
    });
  }
  return entry;
}

export function aggregatedContentType(version: string): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
