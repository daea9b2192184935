// Kubernetes protobuf request bodies for the few kinds kubectl's `create <kind>` commands send that way
// (Namespace, ConfigMap, Secret, ServiceAccount). The `k8s\0` envelope wraps a runtime.Unknown holding
// the apiVersion, kind and the typed message. Other kinds are refused with 415 so clients send JSON.
import { badRequest, unsupportedMediaType } from './status.js';

type FieldType = 'string' | 'bytes' | 'int' | 'bool' | 'time' | { message: Message } | { map: 'string' | 'bytes' };
interface Field {
  name: string;
  type: FieldType;
  repeated?: boolean;
}
type Message = Record<number, Field>;

const ownerReference: Message = {
  1: { name: 'kind', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
  5: { name: 'apiVersion', type: 'string' },
  6: { name: 'controller', type: 'bool' },
  7: { name: 'blockOwnerDeletion', type: 'bool' },
};

const objectMeta: Message = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  5: { name: 'uid', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  7: { name: 'generation', type: 'int' },
  8: { name: 'creationTimestamp', type: 'time' },
  9: { name: 'deletionTimestamp', type: 'time' },
  10: { name: 'deletionGracePeriodSeconds', type: 'int' },
  11: { name: 'labels', type: { map: 'string' } },
  12: { name: 'annotations', type: { map: 'string' } },
  13: { name: 'ownerReferences', type: { message: ownerReference }, repeated: true },
  14: { name: 'finalizers', type: 'string', repeated: true },
};

const localObjectReference: Message = { 1: { name: 'name', type: 'string' } };
const objectReference: Message = { 1: { name: 'kind', type: 'string' }, 2: { name: 'namespace', type: 'string' }, 3: { name: 'name', type: 'string' } };

/** Message layouts by `apiVersion/kind`, with kube's generated.proto field numbers. */
const kinds: Record<string, Message> = {
  'v1/Namespace': {
    1: { name: 'metadata', type: { message: objectMeta } },
    2: { name: 'spec', type: { message: { 1: { name: 'finalizers', type: 'string', repeated: true } } } },
    3: { name: 'status', type: { message: { 1: { name: 'phase', type: 'string' } } } },
  },
  'v1/ConfigMap': {
    1: { name: 'metadata', type: { message: objectMeta } },
    2: { name: 'data', type: { map: 'string' } },
    3: { name: 'binaryData', type: { map: 'bytes' } },
    4: { name: 'immutable', type: 'bool' },
  },
  'v1/Secret': {
    1: { name: 'metadata', type: { message: objectMeta } },
    2: { name: 'data', type: { map: 'bytes' } },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: { map: 'string' } },
    5: { name: 'immutable', type: 'bool' },
  },
  'v1/ServiceAccount': {
    1: { name: 'metadata', type: { message: objectMeta } },
    2: { name: 'secrets', type: { message: objectReference }, repeated: true },
    3: { name: 'imagePullSecrets', type: { message: localObjectReference }, repeated: true },
    4: { name: 'automountServiceAccountToken', type: 'bool' },
  },
};

const unknown: Message = {
  1: { name: 'typeMeta', type: { message: { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } } } },
  2: { name: 'raw', type: 'bytes' },
};

export const protobufContentType = 'application/vnd.kubernetes.protobuf';

/** Decodes a `k8s\0`-enveloped object into its JSON form; 415 for kinds this server cannot read as protobuf. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\u0000') throw badRequest('provided protobuf is missing the k8s envelope prefix');
  const envelope = decode(body.subarray(4), unknown, true);
  const typeMeta = (envelope.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const layout = kinds[`${typeMeta.apiVersion}/${typeMeta.kind}`];
  if (!layout) throw unsupportedMediaType(protobufContentType, ['application/json', 'application/yaml']);
  const raw = envelope.raw instanceof Buffer ? envelope.raw : Buffer.alloc(0);
  return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...decode(raw, layout, false) };
}

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw badRequest('protobuf: truncated varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    if (this.pos + len > this.buf.length) throw badRequest('protobuf: truncated field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

function decode(buf: Buffer, layout: Message, keepBytes: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (r.pos < buf.length) {
    const tag = Number(r.varint());
    const field = layout[tag >> 3];
    const wire = tag & 7;
    if (wire === 0) {
      const v = r.varint();
      if (field) set(out, field, field.type === 'bool' ? v !== 0n : Number(BigInt.asIntN(64, v)));
    } else if (wire === 2) {
      const data = r.bytes();
      if (field) set(out, field, value(field.type, data, keepBytes));
    } else if (wire === 1) r.pos += 8;
    else if (wire === 5) r.pos += 4;
    else throw badRequest(`protobuf: unsupported wire type ${wire}`);
  }
  return out;
}

function value(type: FieldType, data: Buffer, keepBytes: boolean): unknown {
  if (type === 'string') return data.toString('utf8');
  if (type === 'bytes') return keepBytes ? data : data.toString('base64');
  if (type === 'time') {
    const t = decode(data, { 1: { name: 'seconds', type: 'int' }, 2: { name: 'nanos', type: 'int' } }, false);
    return t.seconds ? new Date(Number(t.seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  }
  if (typeof type === 'object' && 'message' in type) return decode(data, type.message, false);
  if (typeof type === 'object' && 'map' in type) {
    const entry = decode(data, { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: type.map } }, false);
    return [String(entry.key ?? ''), entry.value ?? ''];
  }
  return undefined;
}

/** Sets a decoded field the way Go's JSON encoding would show it: zero scalars left out. */
function set(out: Record<string, unknown>, field: Field, v: unknown): void {
  if (typeof field.type === 'object' && 'map' in field.type) {
    const [k, val] = v as [string, unknown];
    ((out[field.name] ??= {}) as Record<string, unknown>)[k] = val;
    return;
  }
  if (field.repeated) {
    ((out[field.name] ??= []) as unknown[]).push(v);
    return;
  }
  if (v === undefined || v === '' || v === 0 || v === false) return;
  out[field.name] = v;
}
