// What the server serves: the resources of one or more API models (built-in specs, then each CRD),
// indexed by group, version and plural, with storage shared by every version of a group's resource.
import type { ApiModel, NamedSchema, Schema, Subresource, Verb } from '../../core/model/types.js';
import { compareVersionPriority } from '../../core/model/versions.js';

/** How a custom resource behaves beyond its schema: scale paths, printer columns, status. */
export interface CustomResourceServing {
  /** The CRD's `metadata.name` (`widgets.example.com`). */
  crdName: string;
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  printerColumns: PrinterColumn[];
  /** The version's `openAPIV3Schema`. */
  schema?: Schema;
  /** `x-kubernetes-preserve-unknown-fields` at the root: nothing is pruned. */
  preserveUnknownFields: boolean;
  /** The CRD's names, which win over what the documents imply. */
  names: { kind: string; listKind?: string; singular?: string; shortNames?: string[]; categories?: string[] };
}

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface ServedResource {
  /** The group as the wire spells it: `''` for core. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  verbs: Verb[];
  shortNames: string[];
  categories: string[];
  subresources: Subresource[];
  /** The kind's schema name in `schemas`, when the spec has it. */
  schema?: string;
  schemas: Record<string, NamedSchema>;
  custom?: CustomResourceServing;
}

export interface ServedGroup {
  name: string;
  /** In priority order; the first is preferred. */
  versions: string[];
  resources: Map<string, Map<string, ServedResource>>;
}

export class Registry {
  private readonly groups = new Map<string, ServedGroup>();

  /** Adds every resource of a model; a later model replaces what an earlier one served under the same names. */
  install(
    model: ApiModel,
    custom?: (group: string, version: string, plural: string) => CustomResourceServing | undefined,
  ): ServedResource[] {
    const added: ServedResource[] = [];
    for (const group of model.groups) {
      const served = this.group(group.apiGroup);
      for (const gv of group.versions) {
        let byPlural = served.resources.get(gv.version);
        if (!byPlural) served.resources.set(gv.version, (byPlural = new Map()));
        if (!served.versions.includes(gv.version)) served.versions.push(gv.version);
        for (const r of gv.resources) {
          const resource: ServedResource = {
            group: r.apiGroup,
            version: r.version,
            plural: r.plural,
            singular: r.singular || r.kind.toLowerCase(),
            kind: r.kind,
            listKind: r.listKind ?? `${r.kind}List`,
            namespaced: r.namespaced,
            verbs: r.verbs,
            shortNames: r.shortNames,
            categories: r.categories,
            subresources: r.subresources,
            schema: r.schema,
            schemas: model.schemas,
            custom: custom?.(r.apiGroup, r.version, r.plural),
          };
          const names = resource.custom?.names;
          if (names) {
            resource.singular = names.singular || names.kind.toLowerCase();
            resource.listKind = names.listKind ?? `${names.kind}List`;
            resource.shortNames = names.shortNames ?? [];
            resource.categories = names.categories ?? [];
          }
          byPlural.set(r.plural, resource);
          added.push(resource);
        }
      }
      served.versions.sort(compareVersionPriority);
      if (group.preferredVersion && served.versions.includes(group.preferredVersion)) {
        served.versions = [group.preferredVersion, ...served.versions.filter((v) => v !== group.preferredVersion)];
      }
    }
    return added;
  }

  /** Removes a group-version's resources by plural (a deleted CRD). */
  uninstall(group: string, plural: string): void {
    const served = this.groups.get(group);
    if (!served) return;
    for (const [version, byPlural] of served.resources) {
      byPlural.delete(plural);
      if (byPlural.size === 0) {
        served.resources.delete(version);
        served.versions = served.versions.filter((v) => v !== version);
      }
    }
    if (served.versions.length === 0) this.groups.delete(group);
  }

  /** Sets a group's version order (a CRD's versions are listed by priority, its storage version need not be first). */
  setVersionOrder(group: string, versions: string[]): void {
    const served = this.groups.get(group);
    if (served) served.versions = versions.filter((v) => served.resources.has(v));
  }

  lookup(group: string, version: string, plural: string): ServedResource | undefined {
    return this.groups.get(group)?.resources.get(version)?.get(plural);
  }

  hasGroupVersion(group: string, version: string): boolean {
    return this.groups.get(group)?.resources.has(version) ?? false;
  }

  /** Groups in the order discovery lists them: core first, then as installed. */
  list(): ServedGroup[] {
    return [...this.groups.values()];
  }

  get(group: string): ServedGroup | undefined {
    return this.groups.get(group);
  }

  /** The resource storing a kind in a group (any version), for owner references and CRD kinds. */
  byKind(group: string, kind: string): ServedResource | undefined {
    const served = this.groups.get(group);
    for (const version of served?.versions ?? []) {
      for (const r of served!.resources.get(version)!.values()) if (r.kind === kind) return r;
    }
    return undefined;
  }

  private group(name: string): ServedGroup {
    let served = this.groups.get(name);
    if (!served) this.groups.set(name, (served = { name, versions: [], resources: new Map() }));
    return served;
  }
}

/** Where objects live: one bucket per group and plural, whatever the version. */
export function storageKey(r: { group: string; plural: string }): string {
  return `${r.group}/${r.plural}`;
}

export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}
