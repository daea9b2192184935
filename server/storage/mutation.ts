// The seam between the request handlers and the patch & validation modules (server/patch, server/validate):
// every change to an object's content goes through these functions.
import fastJsonPatch from 'fast-json-patch';
import type { ServedResource } from '../api/registry.js';
import { badRequest, invalid, StatusError } from '../http/status.js';
import type { KubeObject } from './store.js';
import { applyWithLastApplied } from '../patch/lastapplied.js';
import { trackUpdate as trackManagedUpdate } from '../patch/managed.js';
import { kindSchema } from '../patch/schema.js';
import { strategicMerge } from '../patch/strategic.js';
import { applySchemaDefaults, validateAgainstSchema } from '../validate/structural.js';
import { dropUnknownFields } from '../validate/unknown.js';

export type PatchKind = 'json' | 'merge' | 'strategic';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Applies a JSON, merge or strategic merge patch to a copy of the object. */
export function patchObject(kind: PatchKind, r: ServedResource, current: KubeObject, patch: unknown): KubeObject {
  if (kind === 'json') {
    if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    try {
      return fastJsonPatch.applyPatch(structuredClone(current), patch as fastJsonPatch.Operation[], true, false)
        .newDocument as KubeObject;
    } catch (err) {
      throw new StatusError(422, 'Invalid', `the server rejected our request due to an error in our request`, {
        causes: [{ message: err instanceof Error ? err.message : String(err) }],
      });
    }
  }
  if (kind === 'strategic') {
    const { walker, root } = kindSchema(r);
    return strategicMerge(walker, root, current, patch) as KubeObject;
  }
  return mergePatch(structuredClone(current), patch) as KubeObject;
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Server-side apply of `applied` by `manager` onto the stored object (undefined when it is being created). */
export function applyObject(
  r: ServedResource,
  current: KubeObject | undefined,
  applied: KubeObject,
  manager: string,
  force: boolean,
  subresource?: string,
): KubeObject {
  return applyWithLastApplied(r, current, applied, manager, force, subresource);
}

/** Records an ordinary create, update or patch by `manager` in managedFields. */
export function trackUpdate(
  r: ServedResource,
  previous: KubeObject | undefined,
  next: KubeObject,
  manager: string,
  subresource?: string,
): void {
  trackManagedUpdate(r, previous, next, manager, subresource);
}

/**
 * Checks an object against its schema before it is stored: unknown fields are dropped, and with `duplicates`
 * (fields the body repeated) reported per `fieldValidation` (Strict → 400, Warn → warnings); custom resources
 * are defaulted and validated by their openAPIV3Schema (violations → 422 Invalid).
 */
export function validateObject(
  r: ServedResource,
  obj: KubeObject,
  mode: FieldValidation,
  warnings: string[],
  duplicates: string[] = [],
): void {
  const name = obj.metadata?.name ?? '';
  if (typeof name !== 'string')
    throw invalid(r.group, r.kind, String(name), [
      { field: 'metadata.name', message: 'Invalid value: must be a string' },
    ]);
  const { walker, root } = kindSchema(r);
  const unknown = root ? dropUnknownFields(walker, root, obj) : [];
  const problems = [
    ...unknown.map((f) => `unknown field ${JSON.stringify(f)}`),
    ...duplicates.map((f) => `duplicate field ${JSON.stringify(f)}`),
  ];
  if (problems.length > 0 && mode === 'Strict') {
    throw badRequest(
      `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: strict decoding error: ${problems.join(', ')}`,
    );
  }
  if (mode === 'Warn') warnings.push(...problems);
  const schema = r.custom?.schema;
  if (!schema) return;
  applySchemaDefaults(schema, obj);
  const causes = validateAgainstSchema(schema, obj);
  if (causes.length > 0) throw invalid(r.group, r.kind, name, causes);
}
