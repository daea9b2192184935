// The scale subresource: an autoscaling/v1 Scale read from and written to the parent object
// (spec.replicas for built-in workloads, a custom resource's scale paths for CRDs).
import { sendJson, type Call } from '../http/context.js';
import { patchObject } from '../storage/mutation.js';
import { storageKey, type ServedResource } from '../api/registry.js';
import { decodeObject } from '../http/request.js';
import { badRequest, conflict, notFound, staleObject } from '../http/status.js';
import type { KubeObject } from '../storage/store.js';
import { commitUpdate, parseJsonPatch, patchKindOf } from './write.js';

interface ScalePaths {
  spec: string[];
  status: string[];
  selector?: string[];
}

function pathsOf(r: ServedResource): ScalePaths {
  const split = (p: string) => p.replace(/^\./, '').split('.');
  const s = r.custom?.scale;
  if (s)
    return {
      spec: split(s.specReplicasPath),
      status: split(s.statusReplicasPath),
      selector: s.labelSelectorPath ? split(s.labelSelectorPath) : undefined,
    };
  return { spec: ['spec', 'replicas'], status: ['status', 'replicas'] };
}

function read(o: unknown, path: string[]): unknown {
  let cur = o;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

function write(o: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = o;
  for (const p of path.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

/** A label selector as the string form Scale.status.selector carries. */
function selectorString(sel: unknown): string | undefined {
  if (!sel || typeof sel !== 'object') return undefined;
  const s = sel as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  if (!s.matchLabels && !s.matchExpressions)
    return Object.entries(sel as Record<string, string>)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

export function scaleOf(r: ServedResource, obj: KubeObject): KubeObject {
  const paths = pathsOf(r);
  const m = obj.metadata!;
  const selector = paths.selector ? read(obj, paths.selector) : selectorString(read(obj, ['spec', 'selector']));
  const status: Record<string, unknown> = { replicas: read(obj, paths.status) ?? 0 };
  if (typeof selector === 'string' && selector) status.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: read(obj, paths.spec) ?? 0 },
    status,
  };
}

function stored(call: Call): KubeObject {
  const { resource: r, info } = call;
  const obj = call.state.store.get(storageKey(r), info.namespace ?? '', info.name!);
  if (!obj) throw notFound(r.group, r.plural, info.name!);
  return obj;
}

export function getScale(call: Call): void {
  sendJson(call.res, 200, scaleOf(call.resource, stored(call)));
}

/** PUT or PATCH of the Scale: the new spec.replicas goes to the parent, which is committed as an update. */
export function writeScale(call: Call, body: Buffer): void {
  const r = call.resource;
  const current = stored(call);
  let scale: KubeObject;
  if (call.req.method === 'PUT') {
    scale = decodeObject(body, call.req.headers['content-type'] ?? '') as KubeObject;
  } else {
    const kind = patchKindOf(call);
    if (kind === 'apply') throw badRequest('apply patches on the scale subresource are not supported by this server');
    const patch = kind === 'json' ? parseJsonPatch(body) : decodeObject(body, 'application/json');
    scale = patchObject(kind, r, scaleOf(r, current), patch);
  }
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== current.metadata!.resourceVersion) throw conflict(r.group, r.plural, call.info.name!, staleObject);
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(`spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
  }
  const next = structuredClone(current);
  write(next, pathsOf(r).spec, replicas);
  commitUpdate(call, current, next, true, (obj) => scaleOf(r, obj));
}
