// How each operation of a resource becomes a client method: its name, positional arguments, the transport
// call it makes, and the paths it may use. Pure functions of the model.
import type { Operation, Resource, Subresource } from '../../core/model/types.js';
import { compareStrings } from '../../core/spec/values.js';

/** `request` (JSON), `stream` (bytes: logs, proxy), `watch` (events), `connect` (exec/attach/port-forward), `patch`. */
export type CallKind = 'request' | 'stream' | 'watch' | 'connect' | 'patch';

/** Positional arguments before the options: the object's name, the body, both, or neither. */
export type Args = '' | 'n' | 'b' | 'nb';

export interface MethodPlan {
  /** Method name: `get`, `list`, `deleteCollection`, `connect`, `post`… */
  name: string;
  call: CallKind;
  verb: string;
  method: Operation['method'];
  args: Args;
  /** Path templates, the preferred first (namespaced before all-namespaces, `{path}` before none). */
  ops: Operation[];
}

/** Subresources spoken over WebSocket channels. */
const CHANNEL_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);
/** Query parameters meaningful only on a watch. */
const WATCH_ONLY = new Set(['watch', 'allowWatchBookmarks', 'sendInitialEvents']);

const VERB_METHOD: Record<string, string> = { deletecollection: 'deleteCollection' };

export function resourceMethods(resource: Resource, ops: Operation[]): MethodPlan[] {
  const plans: MethodPlan[] = [];
  const byVerb = groupBy(ops, (o) => o.verb);
  const list = byVerb.get('list') ?? [];
  for (const [verb, group] of byVerb) {
    if (verb === 'watch') continue; // below: a watch is the list path with `watch=true`
    plans.push(verbPlan(verb, group));
  }
  const watch = byVerb.get('watch') ?? [];
  const watchable =
    list.length > 0 &&
    (resource.verbs.includes('watch') || list.some((o) => o.queryParams.some((p) => p.name === 'watch')));
  if (watchable) {
    plans.push({ name: 'watch', call: 'watch', verb: 'watch', method: 'GET', args: '', ops: sortPaths(list) });
  } else if (watch.length) {
    // Only the deprecated `/watch/` paths: use them as they are.
    const collection = watch.filter((o) => !o.path.includes('{name}'));
    const ops = collection.length ? collection : watch;
    plans.push({
      name: 'watch',
      call: 'watch',
      verb: 'watch',
      method: 'GET',
      args: collection.length ? '' : 'n',
      ops: sortPaths(ops),
    });
  }
  return plans.sort((a, b) => compareStrings(a.name, b.name));
}

export function subresourceMethods(sub: Subresource, ops: Operation[]): MethodPlan[] {
  const plans: MethodPlan[] = [];
  for (const [verb, group] of groupBy(ops, (o) => o.verb)) {
    if (verb !== 'connect') {
      plans.push(verbPlan(verb, group));
    } else if (CHANNEL_SUBRESOURCES.has(sub.name)) {
      // One WebSocket upgrade (a GET) serves every method the spec lists for exec, attach and portforward.
      const get = group.filter((o) => o.method === 'GET');
      plans.push({
        name: 'connect',
        call: 'connect',
        verb,
        method: 'GET',
        args: 'n',
        ops: sortPaths(get.length ? get : group),
      });
    } else {
      for (const [method, byMethod] of groupBy(group, (o) => o.method)) {
        const args = byMethod[0]!.path.includes('{name}') ? 'n' : '';
        plans.push({ name: method.toLowerCase(), call: 'stream', verb, method, args, ops: sortPaths(byMethod) });
      }
    }
  }
  return plans.sort((a, b) => compareStrings(a.name, b.name));
}

function verbPlan(verb: string, ops: Operation[]): MethodPlan {
  const sorted = sortPaths(ops);
  const first = sorted[0]!;
  const named = first.path.includes('{name}');
  const hasBody = first.requestBody !== undefined && verb !== 'delete' && verb !== 'deletecollection';
  const args = ((named ? 'n' : '') + (hasBody ? 'b' : '')) as Args;
  let call: CallKind = 'request';
  if (verb === 'patch') call = 'patch';
  else if (verb === 'get' && isText(first)) call = 'stream';
  const name = VERB_METHOD[verb] ?? verb;
  return { name, call, verb, method: first.method, args, ops: sorted };
}

/** A `get` whose success answer is a plain string (pod logs): read as a stream of bytes. */
function isText(op: Operation): boolean {
  const ok = op.responses['200']?.schema;
  return ok?.type === 'string' && !ok.$ref;
}

/** Query parameters of a method: the union over its operations, by name (first wins). */
export function queryParams(plan: MethodPlan): Operation['queryParams'] {
  const seen = new Map<string, Operation['queryParams'][number]>();
  for (const op of plan.ops) {
    for (const p of op.queryParams) {
      if (plan.name === 'list' && WATCH_ONLY.has(p.name)) continue;
      if (plan.call === 'watch' && p.name === 'watch') continue;
      if (!seen.has(p.name))
        seen.set(p.name, {
          ...p,
          required: p.required && plan.ops.every((o) => o.queryParams.some((q) => q.name === p.name && q.required)),
        });
    }
  }
  return [...seen.values()].sort((a, b) => compareStrings(a.name, b.name));
}

/** Path parameters besides `namespace` and `name` (a proxy's `path`), which the options carry. */
export function extraPathParams(plan: MethodPlan): string[] {
  const names = new Set<string>();
  for (const op of plan.ops)
    for (const p of op.pathParams) if (p.name !== 'name' && p.name !== 'namespace') names.add(p.name);
  return [...names].sort();
}

/** Namespaced before cluster-wide, longer (more parameters) before shorter, then by path. */
function sortPaths(ops: Operation[]): Operation[] {
  const rank = (o: Operation) => (o.allNamespaces ? 1 : 0);
  return [...ops].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.path.length - a.path.length ||
      compareStrings(a.path, b.path) ||
      compareStrings(a.method, b.method),
  );
}

function groupBy<T, K>(xs: T[], key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return new Map([...out].sort(([a], [b]) => compareStrings(String(a), String(b))));
}
