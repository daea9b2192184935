// The seam between the request handlers and the patch & validation modules (server/patch, server/validate):
// every change to an object's content goes through these functions.
import fastJsonPatch from 'fast-json-patch';
import { apiVersionOf, type ServedResource } from '../api/registry.js';
import { badRequest, invalid, StatusError } from '../http/status.js';
import type { KubeObject } from './store.js';
import { applyWithLastApplied } from '../patch/lastapplied.js';
import { trackUpdate as trackManagedUpdate } from '../patch/managed.js';
import { kindSchema } from '../patch/schema.js';
import { strategicMerge } from '../patch/strategic.js';
import { dropUnknownFields } from '../validate/unknown.js';
import type { Validator } from '@kubegen/validation';

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

export interface ValidationContext {
  validator: Validator;
  mode: FieldValidation;
  /** Where warnings go (`fieldValidation=Warn`). */
  warnings: string[];
  /** Fields the request body repeated. */
  duplicates?: string[];
  /** The stored object, on update: transition rules see it as `oldSelf`. */
  old?: KubeObject;
}

/**
 * Checks an object before it is stored, in kube-apiserver's order: unknown fields are dropped and, with the fields
 * the body repeated, reported per `fieldValidation` (Strict → 400, Warn → warnings); custom resources get their
 * schema defaults; then the kind's schema, ObjectMeta rules and CEL rules (violations → 422 Invalid with a cause each).
 */
export function validateObject(r: ServedResource, obj: KubeObject, ctx: ValidationContext): void {
  const name = obj.metadata?.name ?? '';
  if (typeof name !== 'string')
    throw invalid(r.group, r.kind, String(name), [
      { field: 'metadata.name', message: 'Invalid value: must be a string' },
    ]);
  const { walker, root } = kindSchema(r);
  const unknown = root ? dropUnknownFields(walker, root, obj) : [];
  const problems = [
    ...unknown.map((f) => `unknown field ${JSON.stringify(f)}`),
    ...(ctx.duplicates ?? []).map((f) => `duplicate field ${JSON.stringify(f)}`),
  ];
  if (problems.length > 0 && ctx.mode === 'Strict') {
    throw badRequest(
      `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: strict decoding error: ${problems.join(', ')}`,
    );
  }
  if (ctx.mode === 'Warn') ctx.warnings.push(...problems);
  const { validator } = ctx;
  if (!validator.entry(apiVersionOf(r), r.kind)) return;
  if (r.custom) Object.assign(obj, validator.withDefaults(obj));
  // Unknown fields are gone by now: what is left are the schema's and the rules' errors.
  const result = validator.validate(obj, { strictFields: false, ...(ctx.old ? { oldObject: ctx.old } : {}) });
  if (!result.valid) throw invalid(r.group, r.kind, name, [...result.errors]);
}
