// What the newer side deprecates that the older did not, read from the models' deprecation notes: a whole
// group-version (its resources then go without saying), a resource (its kind; its operations go without saying),
// an operation, a field of a kind or another schema. `/watch/` paths are deprecated in every release: never news.
import type { ApiModel, Deprecation } from '../../core/model/types.js';
import { compareStrings } from '../../core/spec/values.js';
import { kindLabel } from './fields.js';
import { deprecation, stepFor, type ReleaseStep } from './releases.js';
import type { DeprecationChange } from './types.js';

type Found = Omit<DeprecationChange, 'message' | 'replacement' | 'deprecatedIn' | 'deprecatedBy' | 'removedIn'>;

/** Every deprecation a model notes, each with what identifies it. */
export function deprecatedIn(model: ApiModel): Array<{ at: Found; note: Deprecation }> {
  const out: Array<{ at: Found; note: Deprecation }> = [];
  const covered = new Set<string>();
  for (const group of model.groups) {
    for (const gv of group.versions) {
      if (gv.deprecated) out.push({ at: { scope: 'group-version', groupVersion: gv.apiVersion }, note: gv.deprecated });
      for (const r of gv.resources) {
        if (!r.deprecated) continue;
        for (const id of r.operations) covered.add(id);
        if (gv.deprecated) continue;
        const at: Found = { scope: 'resource', groupVersion: gv.apiVersion, resource: r.plural, kind: r.kind };
        out.push({ at, note: r.deprecated });
      }
    }
  }
  for (const op of model.operations) {
    if (!op.deprecated || op.legacyWatch || covered.has(op.operationId)) continue;
    const groupVersion = op.apiGroup ? `${op.apiGroup}/${op.version}` : op.version;
    const at: Found = { scope: 'operation', groupVersion, resource: op.resource, operationId: op.operationId };
    out.push({ at, note: op.deprecated });
  }
  for (const name of Object.keys(model.schemas).sort(compareStrings)) {
    const named = model.schemas[name]!;
    const kind = kindLabel(named);
    for (const [field, note] of Object.entries(named.deprecatedFields ?? {}))
      out.push({ at: { scope: 'field', schema: name, ...(kind ? { kind } : {}), field }, note });
  }
  return out;
}

/**
 * The newer side's deprecations the older side did not have, with the release that made each when known; fields of
 * the schemas `skip` names are not compared.
 */
export function newDeprecations(
  a: ApiModel,
  b: ApiModel,
  step: ReleaseStep,
  skip: (schema: string) => boolean,
): DeprecationChange[] {
  const before = new Set(deprecatedIn(a).map(({ at }) => identity(at)));
  return deprecatedIn(b)
    .filter(({ at }) => !before.has(identity(at)) && !(at.schema && skip(at.schema)))
    .map(({ at, note }) => ({ ...at, ...deprecation(stepFor(step, at), note) }));
}

/** What a deprecation is of, whatever its words: a kind label may differ between sides, a schema name may not. */
function identity(at: Found): string {
  const { kind: _, ...rest } = at;
  return JSON.stringify(rest);
}
