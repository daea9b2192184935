// Object metadata as the server manages it: names, uids, timestamps, generation, and the checks a
// body must pass against the request path before anything is stored.
import { randomBytes, randomUUID } from 'node:crypto';
import { apiVersionOf, type ServedResource } from '../api/registry.js';
import { badRequest, invalid } from '../http/status.js';
import type { KubeObject, ObjectMeta } from './store.js';
import { compareStrings } from '../../core/spec/values.js';

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` plus five characters from the alphabet kube-apiserver uses. */
export function generateName(base: string): string {
  const bytes = randomBytes(5);
  let suffix = '';
  for (const b of bytes) suffix += nameAlphabet[b % nameAlphabet.length];
  return `${base.length > 58 ? base.slice(0, 58) : base}${suffix}`;
}

const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose names must be RFC 1123 labels rather than subdomains. */
const labelNamed = new Set(['Namespace', 'Service']);

export function checkName(r: ServedResource, name: string): void {
  const asLabel = labelNamed.has(r.kind) && !r.custom;
  const ok = asLabel ? label.test(name) && name.length <= 63 : subdomain.test(name) && name.length <= 253;
  if (ok) return;
  const rule = asLabel
    ? `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
    : `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  throw invalid(r.group, r.kind, name, [
    { reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${rule}`, field: 'metadata.name' },
  ]);
}

/**
 * Checks a body against the path it was sent to (kind, apiVersion, namespace, name) and fills in what the
 * path implies. Returns the body's metadata.
 */
export function checkBody(
  r: ServedResource,
  body: KubeObject,
  path: { namespace?: string; name?: string },
): ObjectMeta {
  const expected = apiVersionOf(r);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    const sameGroup = typeof body.apiVersion === 'string' && groupOf(body.apiVersion) === r.group;
    if (!sameGroup || !r.custom) {
      throw badRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`,
      );
    }
  }
  if (body.kind !== undefined && body.kind !== r.kind) {
    throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${r.kind})`);
  }
  if (r.custom && (body.apiVersion === undefined || body.kind === undefined)) {
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body).slice(0, 200)}'`);
  }
  body.apiVersion = expected;
  body.kind = r.kind;
  if (body.metadata === undefined || body.metadata === null) body.metadata = {};
  if (typeof body.metadata !== 'object' || Array.isArray(body.metadata)) {
    throw badRequest('metadata: must be an object');
  }
  const meta = body.metadata;
  if (r.namespaced) {
    if (meta.namespace && path.namespace && meta.namespace !== path.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (path.namespace) meta.namespace = path.namespace;
  } else {
    delete meta.namespace;
  }
  if (path.name !== undefined && meta.name !== undefined && meta.name !== path.name) {
    throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${path.name})`);
  }
  if (path.name !== undefined && meta.name === undefined) meta.name = path.name;
  return meta;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Whether a kind tracks `metadata.generation` (changes to anything but metadata and status bump it). */
export function tracksGeneration(r: ServedResource): boolean {
  if (r.custom) return true;
  const schema = r.schema ? r.schemas[r.schema]?.schema : undefined;
  return Boolean(schema?.properties?.spec);
}

/** The parts of an object that count for `generation`: everything but metadata and status. */
function specPart(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

/** JSON with every object's keys sorted: equal for values a server decoding into typed structs would not tell apart. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => compareStrings(a, b)))
      : v,
  );
}

/** Sets the server-owned metadata of a new object. */
export function stampNew(r: ServedResource, obj: KubeObject): void {
  const meta = obj.metadata!;
  meta.uid = randomUUID();
  meta.creationTimestamp = now();
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (tracksGeneration(r)) meta.generation = 1;
  else delete meta.generation;
}

/** Carries the server-owned metadata of the stored object over to its replacement (generation: see nextGeneration). */
export function carryOver(_r: ServedResource, stored: KubeObject, next: KubeObject): void {
  const from = stored.metadata!;
  const meta = next.metadata!;
  meta.uid = from.uid;
  meta.creationTimestamp = from.creationTimestamp;
  meta.namespace = from.namespace;
  if (from.deletionTimestamp) meta.deletionTimestamp = from.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (from.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = from.deletionGracePeriodSeconds;
  if (meta.generateName === undefined && from.generateName !== undefined) meta.generateName = from.generateName;
}

/** The object as a client of `version` sees it (storage is shared across a group's versions). */
export function asVersion(r: ServedResource, obj: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion: apiVersionOf(r), kind: r.kind, ...rest };
}

/**
 * Sets `generation` on a replacement, once it is defaulted: the stored one, plus one when anything but metadata and
 * status changed — key order aside, so a PUT of the same object (as `kubectl replace` sends) bumps nothing.
 */
export function nextGeneration(r: ServedResource, stored: KubeObject, next: KubeObject): void {
  if (!tracksGeneration(r)) {
    delete next.metadata!.generation;
    return;
  }
  const changed = canonicalJson(specPart(stored)) !== canonicalJson(specPart(next));
  next.metadata!.generation = (stored.metadata!.generation ?? 1) + (changed ? 1 : 0);
}

/**
 * True when two objects differ only in resourceVersion and managedFields timestamps: a no-op write
 * (a change of ownership alone is stored, as the real server does).
 */
export function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { resourceVersion: _rv, managedFields, ...meta } = o.metadata ?? {};
    const owners = Array.isArray(managedFields)
      ? managedFields.map((e) => ({ ...(e as Record<string, unknown>), time: undefined }))
      : undefined;
    return canonicalJson({ ...o, metadata: { ...meta, managedFields: owners } });
  };
  return strip(a) === strip(b);
}

/** Whether a namespace is being deleted: marked for deletion, or in the Terminating phase. */
export function isTerminating(ns: KubeObject): boolean {
  return (
    Boolean(ns.metadata?.deletionTimestamp) || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating'
  );
}
