// create, update and patch (of an object or its status subresource): checks, metadata, validation,
// managedFields, dry runs, and the commit that gives the object its new resourceVersion.
import { admissionForbidden } from '../admission/forbidden.js';
import { admitCreate } from '../admission/index.js';
import { applyDefaults, defaultOnUpdate, prepareForCreate } from '../api/builtin.js';
import { sendJson, writeWarnings, type Call, type ServerState } from '../http/context.js';
import {
  applyObject,
  patchObject,
  trackUpdate,
  validateObject,
  type FieldValidation,
  type PatchKind,
  type ValidationContext,
} from '../storage/mutation.js';
import {
  asVersion,
  carryOver,
  checkBody,
  checkName,
  generateName,
  isTerminating,
  nextGeneration,
  sameContent,
  stampNew,
} from '../storage/objects.js';
import { apiVersionOf, storageKey, type ServedResource } from '../api/registry.js';
import { kindSchema } from '../patch/schema.js';
import { dropUnknownFields } from '../validate/unknown.js';
import { decodeObject, jsonSyntaxReason, mediaType } from '../http/request.js';
import { duplicateFields } from '../validate/duplicates.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  methodNotAllowed,
  notFound,
  staleObject,
  unsupportedMediaType,
} from '../http/status.js';
import type { KubeObject } from '../storage/store.js';
import { canonicalizeQuantities } from '../storage/quantities.js';
import { respondObject } from './read.js';

export function isDryRun(call: Call): boolean {
  const values = call.query.getAll('dryRun');
  for (const v of values)
    if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return values.length > 0;
}

export function fieldValidation(call: Call): FieldValidation {
  const v = call.query.get('fieldValidation') ?? 'Warn';
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore')
    throw badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
  return v;
}

function validation(call: Call, old?: KubeObject): ValidationContext {
  const { validator } = call.state;
  const mode = fieldValidation(call);
  return {
    validator,
    mode,
    warnings: call.warnings,
    ...(call.duplicates ? { duplicates: call.duplicates } : {}),
    ...(old ? { old } : {}),
  };
}

/** The field manager: the query parameter, else the User-Agent's product name as kube-apiserver derives it. */
export function fieldManager(call: Call): string {
  const explicit = call.query.get('fieldManager');
  if (explicit) return explicit;
  const agent = call.req.headers['user-agent'] ?? 'unknown';
  return agent.split('/')[0]!.slice(0, 128) || 'unknown';
}

function hasStatus(r: ServedResource): boolean {
  return r.subresources.some((s) => s.name === 'status');
}

/**
 * A namespaced object may only be created in a namespace that exists and is not being deleted (the NamespaceLifecycle
 * admission plugin, which names the object as the request sent it, before any generated name).
 */
export function requireNamespace(call: Call, namespace: string, name = call.info.name ?? ''): void {
  const ns = call.state.store.get('/namespaces', '', namespace);
  if (!ns) throw notFound('', 'namespaces', namespace);
  if (isTerminating(ns)) {
    throw admissionForbidden(
      call.resource,
      name,
      `unable to create new content in namespace ${namespace} because it is being terminated`,
      [
        {
          reason: 'NamespaceTerminating',
          message: `namespace ${namespace} is being terminated`,
          field: 'metadata.namespace',
        },
      ],
    );
  }
}

/** Notes the fields a JSON or YAML body repeats, unless field validation is off. */
function noteDuplicates(call: Call, body: Buffer, contentType: string): void {
  const type = mediaType(contentType);
  if (fieldValidation(call) === 'Ignore' || !(type.includes('json') || type.includes('yaml'))) return;
  call.duplicates = duplicateFields(body, type.includes('yaml'));
}

export function createObject(call: Call, body: Buffer): void {
  const { resource: r, info } = call;
  if (r.namespaced && !info.namespace) throw methodNotAllowed();
  const obj = decodeObject(body, call.req.headers['content-type'] ?? '') as KubeObject;
  noteDuplicates(call, body, call.req.headers['content-type'] ?? '');
  const meta = checkBody(r, obj, { namespace: info.namespace });
  const requestedName = meta.name ?? '';
  if (!meta.name) {
    if (!meta.generateName) {
      throw invalid(r.group, r.kind, '', [
        {
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
          field: 'metadata.name',
        },
      ]);
    }
    meta.name = generateName(meta.generateName);
  }
  checkName(r, meta.name);
  if (r.namespaced) requireNamespace(call, meta.namespace!, requestedName);
  const bucket = storageKey(r);
  stampNew(r, obj);
  if (hasStatus(r) && r.custom) delete obj.status;
  canonicalizeQuantities(r, obj);
  applyDefaults(r, obj);
  validateObject(r, obj, validation(call));
  trackUpdate(r, undefined, obj, fieldManager(call));
  admitCreate(call.state.store, r, obj, requestedName);
  prepareForCreate(call.state.store, r, obj, call.user);
  if (call.state.store.get(bucket, meta.namespace ?? '', meta.name)) throw alreadyExists(r.group, r.plural, meta.name);
  finishCreate(call, obj);
}

function finishCreate(call: Call, obj: KubeObject): void {
  const r = call.resource;
  const stored = isDryRun(call) ? obj : call.state.store.commit('ADDED', storageKey(r), obj);
  if (!isDryRun(call) && isCrd(r)) call.state.onCrdChange?.(stored, false);
  writeWarnings(call);
  respondObject(call, 201, asVersion(r, stored));
}

export function updateObject(call: Call, body: Buffer): void {
  const { resource: r, info } = call;
  const obj = decodeObject(body, call.req.headers['content-type'] ?? '') as KubeObject;
  noteDuplicates(call, body, call.req.headers['content-type'] ?? '');
  const meta = checkBody(r, obj, { namespace: info.namespace, name: info.name });
  const stored = call.state.store.get(storageKey(r), info.namespace ?? '', info.name!);
  if (!stored) throw notFound(r.group, r.plural, info.name!);
  if (meta.resourceVersion && meta.resourceVersion !== stored.metadata!.resourceVersion)
    throw conflict(r.group, r.plural, info.name!, staleObject);
  if (!meta.resourceVersion && r.custom) {
    throw invalid(r.group, r.kind, info.name!, [
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: 0x0: must be specified for an update',
        field: 'metadata.resourceVersion',
      },
    ]);
  }
  commitUpdate(call, stored, shapeForSubresource(call, stored, obj));
}

/** Status writes change only status; main-resource writes leave status alone when it is a subresource. */
function shapeForSubresource(call: Call, stored: KubeObject, next: KubeObject): KubeObject {
  const r = call.resource;
  if (call.info.subresource === 'status') {
    return {
      ...structuredClone(stored),
      status: next.status,
      metadata: { ...structuredClone(stored.metadata!), resourceVersion: next.metadata?.resourceVersion },
    };
  }
  if (!call.info.subresource && hasStatus(r)) {
    if (stored.status === undefined) delete next.status;
    else next.status = structuredClone(stored.status);
  }
  return next;
}

/** Validates, records the manager, and commits an update (or finishes a deletion whose finalizers are gone). */
export function commitUpdate(
  call: Call,
  stored: KubeObject,
  next: KubeObject,
  managed = true,
  present?: (o: KubeObject) => KubeObject,
): void {
  const r = call.resource;
  canonicalizeQuantities(r, next);
  carryOver(r, stored, next);
  defaultOnUpdate(call.state.store, r, stored, next);
  nextGeneration(r, stored, next);
  validateObject(r, next, validation(call, stored));
  if (managed) trackUpdate(r, stored, next, fieldManager(call), call.info.subresource);
  const dryRun = isDryRun(call);
  const bucket = storageKey(r);
  let result: KubeObject;
  if (next.metadata!.deletionTimestamp && finalized(r, next)) {
    result = dryRun ? next : commitDeletion(call.state, r, next);
  } else if (sameContent(stored, next)) {
    result = stored;
  } else {
    result = dryRun ? next : call.state.store.commit('MODIFIED', bucket, next);
    if (!dryRun && isCrd(r)) call.state.onCrdChange?.(result, false);
  }
  writeWarnings(call);
  if (present) sendJson(call.res, 200, present(result));
  else respondObject(call, 200, asVersion(r, result));
}

function isCrd(r: ServedResource): boolean {
  return r.group === 'apiextensions.k8s.io' && r.plural === 'customresourcedefinitions';
}

/** Removes a stored object for good, however its deletion ends (at once, or as its last finalizer goes); a CRD takes its API with it. */
export function commitDeletion(state: ServerState, r: ServedResource, obj: KubeObject): KubeObject {
  const gone = state.store.commit('DELETED', storageKey(r), obj);
  if (isCrd(r)) state.onCrdChange?.(gone, true);
  return gone;
}

/**
 * Whether an object being deleted has nothing left holding it once updated: no finalizers, and for a namespace none in
 * its spec either (kube-apiserver deletes a namespace on update only once the namespace controller has finalized it).
 */
function finalized(r: ServedResource, obj: KubeObject): boolean {
  if ((obj.metadata!.finalizers ?? []).length > 0) return false;
  const isNamespace = r.group === '' && r.kind === 'Namespace';
  return !isNamespace || ((obj.spec as { finalizers?: unknown[] } | undefined)?.finalizers ?? []).length === 0;
}

const patchKinds: Record<string, PatchKind | 'apply'> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

export function patchKindOf(call: Call): PatchKind | 'apply' {
  const type = mediaType(call.req.headers['content-type']);
  const kind = patchKinds[type];
  const accepted = Object.keys(patchKinds).filter((t) => !(call.resource.custom && t.includes('strategic')));
  if (!kind || (kind === 'strategic' && call.resource.custom)) throw unsupportedMediaType(type, accepted);
  return kind;
}

export function patchObjectCall(call: Call, body: Buffer): void {
  const { resource: r, info } = call;
  const kind = patchKindOf(call);
  const stored = call.state.store.get(storageKey(r), info.namespace ?? '', info.name!);
  if (kind === 'apply') {
    applyCall(call, body, stored);
    return;
  }
  if (!stored) throw notFound(r.group, r.plural, info.name!);
  const patch = kind === 'json' ? parseJsonPatch(body) : decodeObject(body, 'application/json');
  if (kind !== 'json') noteDuplicates(call, body, 'application/json');
  const next = patchObject(kind, r, stored, patch);
  const meta = checkBody(r, next, { namespace: info.namespace, name: info.name });
  if (meta.resourceVersion && meta.resourceVersion !== stored.metadata!.resourceVersion)
    throw conflict(r.group, r.plural, info.name!, staleObject);
  commitUpdate(call, stored, shapeForSubresource(call, stored, next));
}

export function parseJsonPatch(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw badRequest(`error decoding patch: ${jsonSyntaxReason(err)}`);
  }
}

function applyCall(call: Call, body: Buffer, stored: KubeObject | undefined): void {
  const { resource: r, info } = call;
  const manager = call.query.get('fieldManager');
  if (!manager)
    throw badRequest(
      'PATCH, application/apply-patch+yaml requests must have a fieldManager; fieldManager: Required value: is required for apply patch',
    );
  const applied = decodeObject(body, 'application/apply-patch+yaml') as KubeObject;
  noteDuplicates(call, body, 'application/apply-patch+yaml');
  if (applied.apiVersion === undefined || applied.kind === undefined)
    throw badRequest('apiVersion and kind must be set in an apply configuration');
  const meta = checkBody(r, applied, { namespace: info.namespace, name: info.name });
  if (meta.managedFields !== undefined) throw badRequest('metadata.managedFields must be nil');
  refuseUndeclaredFields(r, applied, info.namespace);
  canonicalizeQuantities(r, applied);
  const force = call.query.get('force') === 'true';
  if (!stored) {
    if (call.info.subresource) throw notFound(r.group, r.plural, info.name!);
    if (r.namespaced) requireNamespace(call, info.namespace!);
    const obj = applyObject(r, undefined, applied, manager, force);
    checkBody(r, obj, { namespace: info.namespace, name: info.name });
    checkName(r, info.name!);
    stampNew(r, obj);
    if (hasStatus(r) && r.custom) delete obj.status;
    applyDefaults(r, obj);
    validateObject(r, obj, validation(call));
    admitCreate(call.state.store, r, obj, info.name!);
    prepareForCreate(call.state.store, r, obj, call.user);
    finishCreate(call, obj);
    return;
  }
  if (meta.resourceVersion && meta.resourceVersion !== stored.metadata!.resourceVersion)
    throw conflict(r.group, r.plural, info.name!, staleObject);
  const next = applyObject(r, stored, applied, manager, force, info.subresource);
  const shaped = shapeForSubresource(call, stored, next);
  shaped.metadata!.managedFields = next.metadata!.managedFields;
  commitUpdate(call, stored, shaped, false);
}

/** An apply configuration may only set declared fields: the real server cannot type it otherwise. */
function refuseUndeclaredFields(r: ServedResource, applied: KubeObject, namespace: string | undefined): void {
  const { walker, root } = kindSchema(r);
  if (!root) return;
  const unknown = dropUnknownFields(walker, root, structuredClone(applied));
  if (unknown.length === 0) return;
  const where = `${namespace ?? ''}/${applied.metadata?.name ?? ''}; ${apiVersionOf(r)}, Kind=${r.kind}`;
  throw badRequest(
    `failed to create typed patch object (${where}): ${unknown.map((f) => `.${f}: field not declared in schema`).join(', ')}`,
  );
}
