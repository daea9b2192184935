// Which release made a change, as far as the two sides tell: between v1.34 and v1.35 it is v1.35; between v1.28 and
// v1.35 it happened in v1.35 or before, unless the older side's deprecation note names the release.
import { isBuiltinGroup } from '../../core/model/filter.js';
import type { Deprecation } from '../../core/model/types.js';
import type { DeprecationChange, ReleaseOf } from './types.js';

export interface ReleaseStep {
  /** The newer side's release, when the sides are at most one minor release apart. */
  exact?: string;
  /** The newer side's release, when it is known. */
  by?: string;
  /** The release is Kubernetes' (a cluster's, a published release's): it dates the built-in groups alone. */
  kubernetes?: true;
}

const MINOR = /^v?(\d+)\.(\d+)/;

export function releaseStep(from: string | undefined, to: string | undefined, kubernetes = false): ReleaseStep {
  const b = to ? MINOR.exec(to) : null;
  if (!to || !b) return {};
  const a = from ? MINOR.exec(from) : null;
  const step = a && a[1] === b[1] ? Number(b[2]) - Number(a[2]) : undefined;
  return { ...(step === 0 || step === 1 ? { exact: to } : {}), by: to, ...(kubernetes ? { kubernetes: true } : {}) };
}

/**
 * The step as it applies to one group-version (`apps/v1`) or schema (`io.k8s.api.core.v1.PodSpec`): a Kubernetes
 * release tells nothing of when a CRD changed.
 */
export function stepFor(step: ReleaseStep, at: { groupVersion?: string; schema?: string }): ReleaseStep {
  if (!step.kubernetes) return step;
  const builtin =
    at.groupVersion !== undefined
      ? isBuiltinGroup(at.groupVersion.includes('/') ? at.groupVersion.split('/')[0]! : '')
      : at.schema?.startsWith('io.k8s.') === true;
  return builtin ? step : {};
}

/** When something the newer side no longer serves went: the older side's note, or the step between the sides. */
export function removal(step: ReleaseStep, before: Deprecation | undefined): ReleaseOf {
  const exact = before?.removedIn ?? step.exact;
  if (exact) return { removedIn: exact };
  return step.by ? { removedBy: step.by } : {};
}

/** When a schema's fields changed: the step between the sides. */
export function fieldsChange(step: ReleaseStep): { changedIn?: string; changedBy?: string } {
  if (step.exact) return { changedIn: step.exact };
  return step.by ? { changedBy: step.by } : {};
}

/** When something became deprecated: the note's release, or the step between the sides. */
export function deprecation(step: ReleaseStep, note: Deprecation): Partial<DeprecationChange> {
  const out: Partial<DeprecationChange> = {};
  if (note.message) out.message = note.message;
  if (note.replacement) out.replacement = note.replacement;
  const exact = note.since ?? step.exact;
  if (exact) out.deprecatedIn = exact;
  else if (step.by) out.deprecatedBy = step.by;
  if (note.removedIn) out.removedIn = note.removedIn;
  return out;
}
