// get and list: selectors, pagination with continue tokens, resourceVersion semantics, and Table output.
import { sendJson, type Call } from '../http/context.js';
import { asVersion } from '../storage/objects.js';
import { apiVersionOf, storageKey, type ServedResource } from '../api/registry.js';
import { parseFieldSelector, parseLabelSelector, type Matcher } from '../storage/selectors.js';
import { badRequest, notFound, timeout } from '../http/status.js';
import type { KubeObject } from '../storage/store.js';
import { tableContentType, tableVersion, toTable } from '../printers/table.js';

export function getObject(call: Call): void {
  const { resource: r, info } = call;
  const obj = call.state.store.get(storageKey(r), info.namespace ?? '', info.name!);
  if (!obj) throw notFound(r.group, r.plural, info.name!);
  respondObject(call, 200, asVersion(r, obj));
}

/** Writes one object, as a Table when the client asks for one. */
export function respondObject(call: Call, code: number, obj: KubeObject): void {
  const table = tableVersion(call.accept);
  if (table) {
    const t = toTable(call.resource, [obj], table, call.query.get('includeObject'), {
      resourceVersion: obj.metadata?.resourceVersion ?? '',
    });
    sendJson(call.res, code, t, tableContentType(table));
    return;
  }
  sendJson(call.res, code, obj);
}

/** Label and field selectors of a list or watch, as one matcher. */
export function selectorOf(call: Call): Matcher {
  const labels = parseLabelSelector(call.query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(call.query.get('fieldSelector') ?? '', call.resource.kind, call.resource.plural);
  return (o) => labels(o) && fields(o);
}

interface ContinueToken {
  rv: number;
  start: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: string;
      rv?: number;
      start?: string;
    };
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string')
      throw new Error('bad');
    return { rv: parsed.rv, start: parsed.start };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

function objectKey(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** The objects a list sees and the resourceVersion they are consistent at. */
function snapshot(call: Call, bucket: string): { items: KubeObject[]; rv: number; start?: string } {
  const { store } = call.state;
  const q = call.query;
  const rvParam = q.get('resourceVersion') ?? '';
  const match = q.get('resourceVersionMatch') ?? '';
  const cont = q.get('continue') ?? '';
  const ns = call.info.namespace;
  if (match && !rvParam)
    throw badRequest(
      `resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided`,
    );
  if (match && match !== 'Exact' && match !== 'NotOlderThan')
    throw badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  if (cont) {
    if (rvParam && rvParam !== '0') throw badRequest('specifying resource version is not allowed when using continue');
    const token = decodeContinue(cont);
    const items = store.listAt(
      bucket,
      token.rv,
      ns,
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    );
    return { items, rv: token.rv, start: token.start };
  }
  if (rvParam === '' || rvParam === '0') return { items: store.list(bucket, ns), rv: store.resourceVersion };
  const rv = Number(rvParam);
  if (!Number.isInteger(rv) || rv < 0)
    throw badRequest(`resourceVersion: Invalid value: "${rvParam}": must be a non-negative integer`);
  if (rv > store.resourceVersion)
    throw timeout(`Too large resource version: ${rv}, current: ${store.resourceVersion}`, 1);
  if (match === 'Exact') {
    return { items: store.listAt(bucket, rv, ns, `The resourceVersion for the provided list is too old.`), rv };
  }
  return { items: store.list(bucket, ns), rv: store.resourceVersion };
}

export function listObjects(call: Call): void {
  const r = call.resource;
  const matcher = selectorOf(call);
  const { items, rv, start } = snapshot(call, storageKey(r));
  let selected = items.filter(matcher);
  if (start !== undefined) selected = selected.filter((o) => objectKey(o) > start);
  const limit = Number(call.query.get('limit') ?? 0);
  const meta: Record<string, unknown> = { resourceVersion: String(rv) };
  if (limit > 0 && selected.length > limit) {
    const remaining = selected.length - limit;
    selected = selected.slice(0, limit);
    meta.continue = encodeContinue(rv, objectKey(selected[selected.length - 1]!));
    if (!call.query.get('labelSelector') && !call.query.get('fieldSelector')) meta.remainingItemCount = remaining;
  }
  const table = tableVersion(call.accept);
  if (table) {
    const t = toTable(
      r,
      selected.map((o) => asVersion(r, o)),
      table,
      call.query.get('includeObject'),
      meta,
    );
    sendJson(call.res, 200, t, tableContentType(table));
    return;
  }
  sendJson(call.res, 200, {
    kind: r.listKind,
    apiVersion: apiVersionOf(r),
    metadata: meta,
    items: selected.map((o) => listItem(r, o)),
  });
}

/** Built-in lists carry items without apiVersion and kind, as the real server's typed lists do; custom ones keep them. */
function listItem(r: ServedResource, o: KubeObject): KubeObject {
  if (r.custom) return asVersion(r, o);
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}
