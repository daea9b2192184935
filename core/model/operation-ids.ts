// operationIds are the model's keys for operations, so each must be unique. kube-apiserver derives a CRD's ids from
// its group with every `.` and `-` dropped, so `a-b.example.com` and `a.b.example.com` publish the same ids although
// both groups can be served side by side: such ids are qualified with their group-version instead of refused.
import { SpecError } from '../spec/errors.js';
import type { NonResourceEndpoint, Operation } from './types.js';

/** The operations, ids shared across group-versions qualified (`listX@a.b.example.com/v1`); other repeats throw. */
export function distinctOperationIds(operations: Operation[], nonResource: NonResourceEndpoint[]): Operation[] {
  const byId = new Map<string, Operation[]>();
  for (const op of operations) byId.set(op.operationId, [...(byId.get(op.operationId) ?? []), op]);
  const out = operations.map((op) => {
    const sharing = byId.get(op.operationId)!;
    if (sharing.length === 1 || !acrossGroupVersions(sharing)) return op;
    return { ...op, operationId: `${op.operationId}@${apiVersionOf(op)}` };
  });
  checkUnique(out, nonResource);
  return out;
}

/** True when no two of the operations share a group-version: within one, a repeated id is the spec's own mistake. */
function acrossGroupVersions(ops: Operation[]): boolean {
  return new Set(ops.map(apiVersionOf)).size === ops.length;
}

const apiVersionOf = (op: Operation): string => (op.apiGroup ? `${op.apiGroup}/${op.version}` : op.version);

/** Emitters and the server find operations by id: two operations with one id would collide. */
function checkUnique(operations: Operation[], nonResource: NonResourceEndpoint[]): void {
  const seen = new Map<string, { origin: { file: string; pointer: string } }>();
  for (const op of [...operations, ...nonResource]) {
    if (op.operationId === undefined) continue;
    const first = seen.get(op.operationId);
    if (first) {
      throw new SpecError(
        op.origin.file,
        `${op.origin.pointer}/operationId`,
        `operationId "${op.operationId}" is already used at ${first.origin.file}#${first.origin.pointer}`,
      );
    }
    seen.set(op.operationId, op);
  }
}
