// One request, start to finish: faults, authentication, routing to a resource and verb, the answer;
// any failure becomes the Status kube-apiserver would send, and leaves stored state untouched.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { authenticate, authorize, resourceAttributes, type AuthOptions, type UserInfo } from '../auth/authenticate.js';
import { sendStatus, type Call, type ServerState } from './context.js';
import { notFoundPage, serveNonResource, type VersionInfo } from './nonresource.js';
import type { ServedResource } from '../api/registry.js';
import { parseAccept, parseResourcePath, readBody, type ResourceRequest } from './request.js';
import {
  asStatusError,
  badRequest,
  internalError,
  methodNotAllowed,
  notFound,
  resourceNotFound,
  serviceUnavailable,
  StatusError,
  tooManyRequests,
} from './status.js';
import type { KubeObject } from '../storage/store.js';
import { storageKey } from '../api/registry.js';
import { getObject, listObjects } from '../verbs/read.js';
import { createObject, patchObjectCall, updateObject } from '../verbs/write.js';
import { deleteCollection, deleteObject } from '../verbs/delete.js';
import { watchObjects } from '../verbs/watch.js';
import { impersonate } from '../auth/impersonation.js';
import { serveEviction } from '../verbs/eviction.js';
import { serveReview } from '../auth/reviews.js';
import { serveTokenRequest } from '../auth/tokenrequest.js';
import { getScale, writeScale } from '../verbs/scale.js';
import type { Fault } from './faults.js';

/** What a connect subresource handler (exec, attach, portforward, log) gets besides the raw request. */
export interface ConnectContext {
  resource: ServedResource;
  request: ResourceRequest;
  query: URLSearchParams;
  user: UserInfo;
  /** The parent object (the Pod) as stored. */
  object: KubeObject;
}

export interface ConnectHandler {
  /** A plain HTTP request (pods/log; exec or attach without an upgrade). */
  request?(ctx: ConnectContext, req: IncomingMessage, res: ServerResponse): void | Promise<void>;
  /** An HTTP upgrade (WebSocket exec, attach, portforward). */
  upgrade?(ctx: ConnectContext, req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface HandlerOptions {
  auth?: AuthOptions;
  version: VersionInfo;
  /** Connect handlers by `resource/subresource` (`pods/exec`). */
  connect: Map<string, ConnectHandler>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Applies a fault before the request is handled; returns true when the fault answered (or dropped) it. */
async function injectFault(fault: Fault | undefined, res: ServerResponse): Promise<boolean> {
  if (!fault) return false;
  switch (fault.type) {
    case 'delay':
      await sleep(fault.ms);
      return false;
    case 'throttle':
      sendStatus(res, tooManyRequests(fault.retryAfterSeconds ?? 1));
      return true;
    case 'error':
      sendStatus(
        res,
        fault.code === 500
          ? internalError(fault.message ?? 'injected fault')
          : fault.code === 503
            ? serviceUnavailable(fault.message)
            : new StatusError(fault.code, 'InternalError', fault.message ?? 'injected fault'),
      );
      return true;
    case 'drop':
      res.socket?.destroy();
      return true;
    default:
      return false;
  }
}

export async function handleRequest(
  state: ServerState,
  options: HandlerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const info = parseResourcePath(method, url.pathname, url.searchParams);
  const fault = state.faults.take({ method, path: url.pathname, verb: info?.verb, resource: info?.resource });
  if (await injectFault(fault, res)) return;
  const accept = parseAccept(req.headers.accept);
  try {
    const user = requestUser(state, options, req);
    if (!info) {
      authorize({ user, verb: method.toLowerCase(), path: url.pathname }, options.auth);
      if (!serveNonResource(state, options.version, req, res, url.pathname, accept)) notFoundPage(res);
      return;
    }
    authorize(resourceAttributes(user, info), options.auth);
    const resource = route(state, info, res);
    if (!resource) return;
    const call: Call = { state, req, res, info, resource, query: url.searchParams, accept, user, warnings: [] };
    await dispatch(call, options, fault);
  } catch (err) {
    sendStatus(res, asStatusError(err));
  }
}

/** Who the request acts as: its credentials' user, or the user it impersonates. */
function requestUser(state: ServerState, options: HandlerOptions, req: IncomingMessage): UserInfo {
  const authenticated = authenticate(req, options.auth, (token) => state.serviceAccountTokens.authenticate(token));
  return impersonate(req, authenticated, options.auth);
}

/** The served resource a request names; answers 404 itself when the group-version is unknown. */
function route(state: ServerState, info: ResourceRequest, res: ServerResponse): ServedResource | undefined {
  if (!state.registry.hasGroupVersion(info.group, info.version)) {
    notFoundPage(res);
    return undefined;
  }
  const r = state.registry.lookup(info.group, info.version, info.resource);
  if (!r) throw resourceNotFound();
  if (!r.namespaced && info.namespace !== undefined && !(r.kind === 'Namespace' && r.group === ''))
    throw resourceNotFound();
  if (r.kind === 'Namespace' && r.group === '' && info.namespace !== undefined) {
    // `namespaces/{name}` and `namespaces/{name}/status` parse with the name in the namespace slot.
    info.name = info.namespace;
    info.namespace = undefined;
    if (info.verb === 'list') info.verb = 'get';
    if (info.verb === 'deletecollection') info.verb = 'delete';
  }
  if (info.subresource && !r.subresources.some((s) => s.name === info.subresource)) throw resourceNotFound();
  return r;
}

async function dispatch(call: Call, options: HandlerOptions, fault: Fault | undefined): Promise<void> {
  const { info, resource: r } = call;
  const sub = info.subresource ? r.subresources.find((s) => s.name === info.subresource) : undefined;
  const connect = options.connect.get(`${r.plural}/${info.subresource ?? ''}`);
  if (sub && (connect || sub.verbs.includes('connect') || info.subresource === 'log')) {
    await serveConnect(call, connect);
    return;
  }
  if ((info.verb === 'update' || info.verb === 'patch') && !info.name) throw methodNotAllowed();
  const verbs = sub ? sub.verbs : r.verbs;
  if (!verbs.includes(info.verb) && !(info.verb === 'watch' && !sub && r.verbs.includes('list')))
    throw methodNotAllowed();
  const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(call.req.method ?? '')
    ? await readBody(call.req)
    : Buffer.alloc(0);
  if (serveReview(call, body, options.auth) || serveTokenRequest(call, body) || serveEviction(call, body)) return;
  if (info.subresource === 'scale') {
    if (info.verb === 'get') getScale(call);
    else writeScale(call, body);
    return;
  }
  switch (info.verb) {
    case 'get':
      return getObject(call);
    case 'list':
      return listObjects(call);
    case 'watch':
      return watchObjects(call, fault);
    case 'create':
      if (sub) throw methodNotAllowed();
      return createObject(call, body);
    case 'update':
      return updateObject(call, body);
    case 'patch':
      return patchObjectCall(call, body);
    case 'delete':
      return deleteObject(call, body);
    case 'deletecollection':
      return deleteCollection(call, body);
    default:
      throw methodNotAllowed();
  }
}

async function serveConnect(call: Call, handler: ConnectHandler | undefined): Promise<void> {
  const ctx = connectContext(call);
  if (!handler?.request)
    throw badRequest(
      `${call.info.subresource} is not available for ${call.resource.kind} "${call.info.name}" on this server`,
    );
  await handler.request(ctx, call.req, call.res);
}

function connectContext(call: Call): ConnectContext {
  const { resource: r, info } = call;
  const object = call.state.store.get(storageKey(r), info.namespace ?? '', info.name ?? '');
  if (!object) throw notFound(r.group, r.plural, info.name ?? '');
  return { resource: r, request: info, query: call.query, user: call.user, object };
}

/** An HTTP upgrade (WebSocket) to a connect subresource; anything else is refused with a Status. */
export function handleUpgrade(
  state: ServerState,
  options: HandlerOptions,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const info = parseResourcePath(req.method ?? 'GET', url.pathname, url.searchParams);
  const refuse = (err: StatusError) => {
    const body = JSON.stringify(err.toStatus());
    socket.end(
      `HTTP/1.1 ${err.code} ${err.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
  try {
    const user = requestUser(state, options, req);
    if (!info?.subresource) throw badRequest('upgrade is only supported for connect subresources');
    authorize(resourceAttributes(user, { ...info, verb: 'create' }), options.auth);
    const r = state.registry.lookup(info.group, info.version, info.resource);
    if (!r) throw resourceNotFound();
    const handler = options.connect.get(`${r.plural}/${info.subresource}`);
    if (!handler?.upgrade) throw badRequest(`${info.subresource} is not available on this server`);
    const object = state.store.get(storageKey(r), info.namespace ?? '', info.name ?? '');
    if (!object) throw notFound(r.group, r.plural, info.name ?? '');
    handler.upgrade({ resource: r, request: info, query: url.searchParams, user, object }, req, socket, head);
  } catch (err) {
    refuse(asStatusError(err));
  }
}
