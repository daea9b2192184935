// CustomResourceDefinitions come alive: a stored CRD is turned into the OpenAPI documents kube-apiserver
// publishes for it, a model is built over them, and its resources are served, discovered and published.
import type { ApiModel, Schema } from '../../core/model/types.js';
import { crdToOpenApiDocuments, type CrdDocument, type CustomResourceDefinition } from '../../core/source/crd/index.js';
import type { ServerState } from '../http/context.js';
import { now } from '../storage/objects.js';
import { compareVersionPriority } from '../../core/model/versions.js';
import { storageKey, type CustomResourceServing, type PrinterColumn } from './registry.js';
import type { KubeObject } from '../storage/store.js';

/** Builds a model from group-version documents (the model engineer's loader and builder). */
export type ModelFromDocuments = (docs: { path: string; document: Record<string, unknown> }[]) => ApiModel;

export class CrdInstaller {
  /** What each installed CRD serves, to remove it again. */
  private readonly installed = new Map<string, { group: string; plural: string }>();

  constructor(
    private readonly state: ServerState,
    private readonly buildModel: ModelFromDocuments,
    private readonly metaSchemas: Record<string, Schema>,
  ) {}

  /** Serves (or re-serves) a CRD's resources; throws when the CRD cannot be turned into documents. */
  install(obj: KubeObject): void {
    const crd = obj as unknown as CustomResourceDefinition;
    const docs = crdToOpenApiDocuments(crd, { metaSchemas: this.metaSchemas });
    const model = this.buildModel(
      docs.map((d) => ({ path: d.path, document: d.document as unknown as Record<string, unknown> })),
    );
    this.remove(crd.metadata.name, false);
    this.state.validator.addCRDs([crd], crd.metadata.name);
    const { group, names } = crd.spec;
    this.state.registry.install(model, (g, version, plural) =>
      g === group && plural === names.plural ? serving(crd, version) : undefined,
    );
    this.state.registry.setVersionOrder(group, orderVersions(this.state.registry.get(group)?.versions ?? []));
    for (const d of docs) this.state.openapi.setCustom(d.path, crd.metadata.name, publishable(d));
    this.installed.set(crd.metadata.name, { group, plural: names.plural });
  }

  /** Stops serving a CRD; with `purge`, its custom resources are deleted first (as the cleanup finalizer does). */
  remove(crdName: string, purge: boolean): void {
    const was = this.installed.get(crdName);
    if (!was) return;
    if (purge) {
      const bucket = storageKey(was);
      for (const o of this.state.store.list(bucket)) this.state.store.commit('DELETED', bucket, o);
    }
    this.state.registry.uninstall(was.group, was.plural);
    this.state.openapi.removeCustom(crdName);
    this.installed.delete(crdName);
  }

  /** Handles a stored CRD change: install, then record Established in its status, as the CRD controllers do. */
  onChange(obj: KubeObject, removed: boolean): void {
    const name = obj.metadata?.name ?? '';
    if (removed) {
      this.remove(name, true);
      return;
    }
    this.install(obj);
    setImmediate(() => this.markEstablished(name));
  }

  private markEstablished(name: string): void {
    const bucket = 'apiextensions.k8s.io/customresourcedefinitions';
    const current = this.state.store.get(bucket, '', name);
    if (!current) return;
    const crd = current as unknown as CustomResourceDefinition;
    const status = (current.status ?? {}) as Record<string, unknown>;
    const storage = crd.spec.versions.find((v) => v.storage)?.name;
    const stored = new Set([...((status.storedVersions as string[] | undefined) ?? []), ...(storage ? [storage] : [])]);
    const time = now();
    const next: Record<string, unknown> = {
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          lastTransitionTime: time,
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          lastTransitionTime: time,
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      acceptedNames: crd.spec.names,
      storedVersions: [...stored],
    };
    const old = status.conditions as { type: string }[] | undefined;
    if (
      old?.some((c) => c.type === 'Established') &&
      JSON.stringify(status.acceptedNames) === JSON.stringify(crd.spec.names)
    )
      return;
    current.status = next;
    this.state.store.commit('MODIFIED', bucket, current);
  }
}

function serving(crd: CustomResourceDefinition, versionName: string): CustomResourceServing {
  const version = crd.spec.versions.find((v) => v.name === versionName);
  const schema = version?.schema?.openAPIV3Schema;
  const columns = ((version?.additionalPrinterColumns ?? []) as PrinterColumn[]).map((c) => ({ ...c }));
  return {
    crdName: crd.metadata.name,
    scale: version?.subresources?.scale,
    printerColumns: columns,
    schema,
    preserveUnknownFields: schema?.['x-kubernetes-preserve-unknown-fields'] === true,
    names: crd.spec.names,
  };
}

/** A CRD's versions in kube-apiserver's discovery order: by version priority. */
function orderVersions(current: string[]): string[] {
  return [...current].sort(compareVersionPriority);
}

/** The document as the real server publishes it: without kubegen's own `x-kubegen-crd` notes. */
function publishable(d: CrdDocument): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(d.document, (key, value: unknown) => (key === 'x-kubegen-crd' ? undefined : value)),
  ) as Record<string, unknown>;
}
