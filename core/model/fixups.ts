// Known bugs of Kubernetes' published OpenAPI, fixed in one place (as k8s-openapi keeps its table of fix-ups)
// instead of special cases in emitters. Each fix-up says why it exists, and checks the spec still has the bug,
// so that it becomes a no-op on a release that fixed it.
import type { Operation, Parameter, Schema } from './types.js';
import { statusRecord } from '../spec/values.js';

export interface Fixup {
  name: string;
  why: string;
  /** Returns the operation fixed, or the same object when the bug is absent. */
  apply(op: Operation): Operation;
}

export const fixups: Fixup[] = [
  {
    name: 'scalar-unique-items',
    why: 'kube-openapi marks every parameter `uniqueItems: true`, which means nothing on a string, integer or boolean',
    apply: (op) =>
      mapParams(
        op,
        () => true,
        (s) => (s.uniqueItems !== undefined && s.type !== 'array' ? without(s, 'uniqueItems') : s),
      ),
  },
  {
    name: 'exec-command-is-repeated',
    why: 'pods/exec reads `command` as the argv list, one query parameter per argument (as kubectl sends it), but the spec types it as one string',
    apply: (op) =>
      mapParams(op, (p) => op.subresource === 'exec' && op.resource === 'pods' && p.name === 'command', arrayOf),
  },
  {
    name: 'portforward-ports-is-repeated',
    why: 'pods/portforward reads `ports` as a list (one query parameter per port), but the spec types it as one integer',
    apply: (op) =>
      mapParams(op, (p) => op.subresource === 'portforward' && op.resource === 'pods' && p.name === 'ports', arrayOf),
  },
];

export function applyFixups(op: Operation): Operation {
  return fixups.reduce((acc, f) => f.apply(acc), op);
}

const STATUS_SCHEMA = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';

/**
 * The spec types the answer of a delete and of a deletecollection as a Status alone, while kube-apiserver answers a
 * delete with the object itself whenever it is not gone at once (finalizers, a Foreground or Orphan delete) and a
 * deletecollection with the list of what it deleted. Their Status answers become `Status | Kind` and
 * `Status | KindList`, the kind and list taken from the resource's own get and list answers. Resources whose delete
 * already answers with the object (pods, services) are left as they are.
 */
export function fixDeleteAnswers(operations: Operation[]): Operation[] {
  const key = (op: Operation) => `${op.apiGroup}\0${op.version}\0${op.resource}`;
  const answers = new Map<string, Schema>();
  for (const op of operations) {
    const ok = op.responses['200']?.schema;
    if (!op.subresource && !op.legacyWatch && ok?.$ref && (op.verb === 'get' || op.verb === 'list'))
      answers.set(`${op.verb}\0${key(op)}`, ok);
  }
  return operations.map((op) => {
    if (op.subresource || (op.verb !== 'delete' && op.verb !== 'deletecollection')) return op;
    const object = answers.get(`${op.verb === 'delete' ? 'get' : 'list'}\0${key(op)}`);
    if (!object) return op;
    let changed = false;
    const responses: Operation['responses'] = statusRecord();
    for (const [code, answer] of Object.entries(op.responses)) {
      const isStatus =
        code.startsWith('2') &&
        typeof answer.schema?.$ref === 'string' &&
        answer.schema.$ref.endsWith(`/${STATUS_SCHEMA}`);
      responses[code] = isStatus ? { ...answer, schema: { oneOf: [answer.schema!, object] } } : answer;
      changed ||= isStatus;
    }
    return changed ? { ...op, responses } : op;
  });
}

/** A scalar parameter type as a list of that type; lists are left alone. */
function arrayOf(s: Schema): Schema {
  if (s.type === 'array') return s;
  const { description, ...item } = s;
  const out: Schema = { type: 'array', items: item };
  if (description !== undefined) out.description = description;
  return out;
}

function without(s: Schema, key: string): Schema {
  // Copied key by key: a `delete` would turn the copy into a slow dictionary object that every later stage reads.
  const copy: Schema = {};
  for (const k in s) if (k !== key) copy[k] = s[k];
  return copy;
}

/** Rewrites the schemas of the query parameters `which` selects, without touching shared input objects. */
function mapParams(op: Operation, which: (p: Parameter) => boolean, fix: (s: Schema) => Schema): Operation {
  const pathParams = fixEach(op.pathParams, which, fix);
  const queryParams = fixEach(op.queryParams, which, fix);
  return pathParams === op.pathParams && queryParams === op.queryParams ? op : { ...op, pathParams, queryParams };
}

/** The parameters fixed, or the same list when none changes (every fix-up sees every operation). */
function fixEach(params: Parameter[], which: (p: Parameter) => boolean, fix: (s: Schema) => Schema): Parameter[] {
  let out: Parameter[] | undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (!which(p)) continue;
    const schema = fix(p.schema);
    if (schema === p.schema) continue;
    out ??= [...params];
    out[i] = { ...p, schema };
  }
  return out ?? params;
}
