// kubectl's path from client-side to server-side apply, as kube-apiserver eases it for the `kubectl` manager:
// conflicts on fields the last-applied-configuration annotation holds are taken over, and the annotation is
// kept in step with what is applied, so that a later client-side apply still computes the right patch.
import type { ServedResource } from '../api/registry.js';
import type { KubeObject } from '../storage/store.js';
import type { FieldSet } from './fieldset.js';
import { ApplyConflict, applyConfiguration } from './managed.js';
import { kindSchema } from './schema.js';
import { Typed } from './typed.js';

export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager name `kubectl apply --server-side` uses by default; only it gets this treatment. */
const kubectlManager = 'kubectl';

function lastAppliedFields(r: ServedResource, live: KubeObject): FieldSet | undefined {
  const text = live.metadata?.annotations?.[lastAppliedAnnotation];
  if (typeof text !== 'string') return undefined;
  try {
    const { walker, root } = kindSchema(r);
    return new Typed(walker).toFieldSet(JSON.parse(text) as unknown, root);
  } catch {
    return undefined;
  }
}

/** Server-side apply, with the client-side apply upgrade path for the `kubectl` manager. */
export function applyWithLastApplied(
  r: ServedResource,
  live: KubeObject | undefined,
  config: KubeObject,
  manager: string,
  force: boolean,
  subresource?: string,
): KubeObject {
  let next: KubeObject;
  try {
    next = applyConfiguration(r, live, config, manager, force, subresource);
  } catch (err) {
    if (manager !== kubectlManager || !live || !(err instanceof ApplyConflict)) throw err;
    const allowed = lastAppliedFields(r, live);
    if (!allowed) throw err;
    const remaining = err.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw new ApplyConflict(remaining);
    next = applyConfiguration(r, live, config, manager, true, subresource);
  }
  if (manager === kubectlManager && live?.metadata?.annotations?.[lastAppliedAnnotation] !== undefined) {
    const applied = structuredClone(config);
    const annotations = applied.metadata?.annotations;
    if (annotations) {
      delete annotations[lastAppliedAnnotation];
      if (Object.keys(annotations).length === 0) delete applied.metadata!.annotations;
    }
    next.metadata = {
      ...next.metadata,
      annotations: { ...(next.metadata?.annotations ?? {}), [lastAppliedAnnotation]: JSON.stringify(applied) },
    };
  }
  return next;
}
