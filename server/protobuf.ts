// Kubernetes protobuf request bodies for the kinds kubectl's `create <kind>` commands send that way
// (Namespace, ConfigMap, Secret, ServiceAccount, Deployment, Job, CronJob, Service, Ingress, ResourceQuota, Role,
// ClusterRole, their bindings, PriorityClass, PodDisruptionBudget), the reviews and token requests `kubectl auth`
// and `kubectl create token` send, and what `kubectl autoscale`, `drain` and `certificate approve` send. The `k8s\0`
// envelope wraps a runtime.Unknown holding the apiVersion, kind and the typed message. Other kinds are
// refused with 415 so clients send JSON.
import { badRequest, StatusError, unsupportedMediaType } from './status.js';

type FieldType = 'string' | 'bytes' | 'int' | 'bool' | 'time' | 'intOrString' | 'quantity' | 'rawJson' | { message: Message } | { inline: Message } | { map: 'string' | 'bytes' | 'quantity' };
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
  17: {
    name: 'managedFields',
    repeated: true,
    type: {
      message: {
        1: { name: 'manager', type: 'string' },
        2: { name: 'operation', type: 'string' },
        3: { name: 'apiVersion', type: 'string' },
        4: { name: 'time', type: 'time' },
        6: { name: 'fieldsType', type: 'string' },
        7: { name: 'fieldsV1', type: 'rawJson' },
        8: { name: 'subresource', type: 'string' },
      },
    },
  },
};

const localObjectReference: Message = { 1: { name: 'name', type: 'string' } };
const objectReference: Message = { 1: { name: 'kind', type: 'string' }, 2: { name: 'namespace', type: 'string' }, 3: { name: 'name', type: 'string' } };

const labelSelector: Message = {
  1: { name: 'matchLabels', type: { map: 'string' } },
  2: { name: 'matchExpressions', type: { message: { 1: { name: 'key', type: 'string' }, 2: { name: 'operator', type: 'string' }, 3: { name: 'values', type: 'string', repeated: true } } }, repeated: true },
};

const container: Message = {
  1: { name: 'name', type: 'string' },
  2: { name: 'image', type: 'string' },
  3: { name: 'command', type: 'string', repeated: true },
  4: { name: 'args', type: 'string', repeated: true },
  5: { name: 'workingDir', type: 'string' },
  6: {
    name: 'ports',
    repeated: true,
    type: { message: { 1: { name: 'name', type: 'string' }, 2: { name: 'hostPort', type: 'int' }, 3: { name: 'containerPort', type: 'int' }, 4: { name: 'protocol', type: 'string' }, 5: { name: 'hostIP', type: 'string' } } },
  },
  7: { name: 'env', repeated: true, type: { message: { 1: { name: 'name', type: 'string' }, 2: { name: 'value', type: 'string' } } } },
  8: { name: 'resources', type: { message: {} } },
  13: { name: 'terminationMessagePath', type: 'string' },
  14: { name: 'imagePullPolicy', type: 'string' },
  16: { name: 'stdin', type: 'bool' },
  17: { name: 'stdinOnce', type: 'bool' },
  18: { name: 'tty', type: 'bool' },
  20: { name: 'terminationMessagePolicy', type: 'string' },
};

const podSpec: Message = {
  2: { name: 'containers', type: { message: container }, repeated: true },
  3: { name: 'restartPolicy', type: 'string' },
  4: { name: 'terminationGracePeriodSeconds', type: 'int' },
  5: { name: 'activeDeadlineSeconds', type: 'int' },
  6: { name: 'dnsPolicy', type: 'string' },
  7: { name: 'nodeSelector', type: { map: 'string' } },
  8: { name: 'serviceAccountName', type: 'string' },
  9: { name: 'serviceAccount', type: 'string' },
  10: { name: 'nodeName', type: 'string' },
  11: { name: 'hostNetwork', type: 'bool' },
  12: { name: 'hostPID', type: 'bool' },
  13: { name: 'hostIPC', type: 'bool' },
  15: { name: 'imagePullSecrets', type: { message: localObjectReference }, repeated: true },
  16: { name: 'hostname', type: 'string' },
  17: { name: 'subdomain', type: 'string' },
  19: { name: 'schedulerName', type: 'string' },
  20: { name: 'initContainers', type: { message: container }, repeated: true },
  24: { name: 'priorityClassName', type: 'string' },
};

const podTemplateSpec: Message = { 1: { name: 'metadata', type: { message: objectMeta } }, 2: { name: 'spec', type: { message: podSpec } } };

const jobSpec: Message = {
  1: { name: 'parallelism', type: 'int' },
  2: { name: 'completions', type: 'int' },
  3: { name: 'activeDeadlineSeconds', type: 'int' },
  4: { name: 'selector', type: { message: labelSelector } },
  6: { name: 'template', type: { message: podTemplateSpec } },
  7: { name: 'backoffLimit', type: 'int' },
};

const serviceBackend: Message = {
  1: { name: 'name', type: 'string' },
  2: { name: 'port', type: { message: { 1: { name: 'name', type: 'string' }, 2: { name: 'number', type: 'int' } } } },
};

const ingressPath: Message = {
  1: { name: 'path', type: 'string' },
  2: { name: 'backend', type: { message: { 4: { name: 'service', type: { message: serviceBackend } } } } },
  3: { name: 'pathType', type: 'string' },
};

const resourceAttributes: Message = {
  1: { name: 'namespace', type: 'string' },
  2: { name: 'verb', type: 'string' },
  3: { name: 'group', type: 'string' },
  4: { name: 'version', type: 'string' },
  5: { name: 'resource', type: 'string' },
  6: { name: 'subresource', type: 'string' },
  7: { name: 'name', type: 'string' },
};

const accessReviewSpec: Message = {
  1: { name: 'resourceAttributes', type: { message: resourceAttributes } },
  2: { name: 'nonResourceAttributes', type: { message: { 1: { name: 'path', type: 'string' }, 2: { name: 'verb', type: 'string' } } } },
  3: { name: 'user', type: 'string' },
  4: { name: 'groups', type: 'string', repeated: true },
  6: { name: 'uid', type: 'string' },
};

/** A review: metadata, a spec (if `spec` is given) and a status the server fills in. */
function review(spec: Message | undefined): Message {
  const layout: Message = { 1: { name: 'metadata', type: { message: objectMeta } } };
  if (spec) layout[2] = { name: 'spec', type: { message: spec } };
  return layout;
}

const policyRule: Message = {
  1: { name: 'verbs', type: 'string', repeated: true },
  2: { name: 'apiGroups', type: 'string', repeated: true },
  3: { name: 'resources', type: 'string', repeated: true },
  4: { name: 'resourceNames', type: 'string', repeated: true },
  5: { name: 'nonResourceURLs', type: 'string', repeated: true },
};

const binding: Message = {
  1: { name: 'metadata', type: { message: objectMeta } },
  2: { name: 'subjects', repeated: true, type: { message: { 1: { name: 'kind', type: 'string' }, 2: { name: 'apiGroup', type: 'string' }, 3: { name: 'name', type: 'string' }, 4: { name: 'namespace', type: 'string' } } } },
  3: { name: 'roleRef', type: { message: { 1: { name: 'apiGroup', type: 'string' }, 2: { name: 'kind', type: 'string' }, 3: { name: 'name', type: 'string' } } } },
};

const scaleTargetRef: Message = { 1: { name: 'kind', type: 'string' }, 2: { name: 'name', type: 'string' }, 3: { name: 'apiVersion', type: 'string' } };

const metricTarget: Message = {
  1: { name: 'type', type: 'string' },
  2: { name: 'value', type: 'quantity' },
  3: { name: 'averageValue', type: 'quantity' },
  4: { name: 'averageUtilization', type: 'int' },
};

const deleteOptions: Message = {
  1: { name: 'gracePeriodSeconds', type: 'int' },
  2: { name: 'preconditions', type: { message: { 1: { name: 'uid', type: 'string' }, 2: { name: 'resourceVersion', type: 'string' } } } },
  3: { name: 'orphanDependents', type: 'bool' },
  4: { name: 'propagationPolicy', type: 'string' },
  5: { name: 'dryRun', type: 'string', repeated: true },
};

/** An object with metadata (1), a spec (2) and a status (3: ignored unless its layout is given, or absent). */
function withSpec(spec: Message, status: Message | false = {}): Message {
  const layout: Message = { 1: { name: 'metadata', type: { message: objectMeta } }, 2: { name: 'spec', type: { message: spec } } };
  if (status) layout[3] = { name: 'status', type: { message: status } };
  return layout;
}

/** Message layouts by `apiVersion/kind`, with kube's generated.proto field numbers. */
const kinds: Record<string, Message> = {
  'v1/Namespace': withSpec({ 1: { name: 'finalizers', type: 'string', repeated: true } }, { 1: { name: 'phase', type: 'string' } }),
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
  'apps/v1/Deployment': withSpec({
    1: { name: 'replicas', type: 'int' },
    2: { name: 'selector', type: { message: labelSelector } },
    3: { name: 'template', type: { message: podTemplateSpec } },
    4: { name: 'strategy', type: { message: { 1: { name: 'type', type: 'string' } } } },
    5: { name: 'minReadySeconds', type: 'int' },
    7: { name: 'paused', type: 'bool' },
  }),
  'batch/v1/Job': withSpec(jobSpec),
  'batch/v1/CronJob': withSpec({
    1: { name: 'schedule', type: 'string' },
    3: { name: 'concurrencyPolicy', type: 'string' },
    4: { name: 'suspend', type: 'bool' },
    5: { name: 'jobTemplate', type: { message: { 1: { name: 'metadata', type: { message: objectMeta } }, 2: { name: 'spec', type: { message: jobSpec } } } } },
  }),
  'v1/Service': withSpec({
    1: {
      name: 'ports',
      repeated: true,
      type: { message: { 1: { name: 'name', type: 'string' }, 2: { name: 'protocol', type: 'string' }, 3: { name: 'port', type: 'int' }, 4: { name: 'targetPort', type: 'intOrString' }, 5: { name: 'nodePort', type: 'int' } } },
    },
    2: { name: 'selector', type: { map: 'string' } },
    3: { name: 'clusterIP', type: 'string' },
    4: { name: 'type', type: 'string' },
    7: { name: 'externalName', type: 'string' },
  }),
  'networking.k8s.io/v1/Ingress': withSpec({
    1: { name: 'defaultBackend', type: { message: { 4: { name: 'service', type: { message: serviceBackend } } } } },
    3: {
      name: 'rules',
      repeated: true,
      type: { message: { 1: { name: 'host', type: 'string' }, 2: { name: 'ingressRuleValue', type: { inline: { 1: { name: 'http', type: { message: { 1: { name: 'paths', type: { message: ingressPath }, repeated: true } } } } } } } } },
    },
    4: { name: 'ingressClassName', type: 'string' },
  }),
  'authorization.k8s.io/v1/SelfSubjectAccessReview': review(accessReviewSpec),
  'authorization.k8s.io/v1/SubjectAccessReview': review(accessReviewSpec),
  'authorization.k8s.io/v1/LocalSubjectAccessReview': review(accessReviewSpec),
  'authorization.k8s.io/v1/SelfSubjectRulesReview': review({ 1: { name: 'namespace', type: 'string' } }),
  'authentication.k8s.io/v1/SelfSubjectReview': review(undefined),
  'authentication.k8s.io/v1/TokenReview': review({ 1: { name: 'token', type: 'string' }, 2: { name: 'audiences', type: 'string', repeated: true } }),
  'authentication.k8s.io/v1/TokenRequest': review({
    1: { name: 'audiences', type: 'string', repeated: true },
    3: { name: 'boundObjectRef', type: { message: { 1: { name: 'kind', type: 'string' }, 2: { name: 'apiVersion', type: 'string' }, 3: { name: 'name', type: 'string' }, 4: { name: 'uid', type: 'string' } } } },
    4: { name: 'expirationSeconds', type: 'int' },
  }),
  'v1/ServiceAccount': {
    1: { name: 'metadata', type: { message: objectMeta } },
    2: { name: 'secrets', type: { message: objectReference }, repeated: true },
    3: { name: 'imagePullSecrets', type: { message: localObjectReference }, repeated: true },
    4: { name: 'automountServiceAccountToken', type: 'bool' },
  },
  // What kubectl's other typed commands send (create quota/role/…binding/priorityclass/pdb, autoscale, drain, certificate approve).
  'v1/ResourceQuota': withSpec({
    1: { name: 'hard', type: { map: 'quantity' } },
    2: { name: 'scopes', type: 'string', repeated: true },
    3: { name: 'scopeSelector', type: { message: { 1: { name: 'matchExpressions', repeated: true, type: { message: { 1: { name: 'scopeName', type: 'string' }, 2: { name: 'operator', type: 'string' }, 3: { name: 'values', type: 'string', repeated: true } } } } } } },
  }),
  'rbac.authorization.k8s.io/v1/Role': { 1: { name: 'metadata', type: { message: objectMeta } }, 2: { name: 'rules', type: { message: policyRule }, repeated: true } },
  'rbac.authorization.k8s.io/v1/ClusterRole': {
    1: { name: 'metadata', type: { message: objectMeta } },
    2: { name: 'rules', type: { message: policyRule }, repeated: true },
    3: { name: 'aggregationRule', type: { message: { 1: { name: 'clusterRoleSelectors', type: { message: labelSelector }, repeated: true } } } },
  },
  'rbac.authorization.k8s.io/v1/RoleBinding': binding,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': binding,
  'scheduling.k8s.io/v1/PriorityClass': {
    1: { name: 'metadata', type: { message: objectMeta } },
    2: { name: 'value', type: 'int' },
    3: { name: 'globalDefault', type: 'bool' },
    4: { name: 'description', type: 'string' },
    5: { name: 'preemptionPolicy', type: 'string' },
  },
  'policy/v1/PodDisruptionBudget': withSpec({
    1: { name: 'minAvailable', type: 'intOrString' },
    2: { name: 'selector', type: { message: labelSelector } },
    3: { name: 'maxUnavailable', type: 'intOrString' },
    4: { name: 'unhealthyPodEvictionPolicy', type: 'string' },
  }),
  'policy/v1/Eviction': { 1: { name: 'metadata', type: { message: objectMeta } }, 2: { name: 'deleteOptions', type: { message: deleteOptions } } },
  'meta.k8s.io/v1/DeleteOptions': deleteOptions,
  'v1/DeleteOptions': deleteOptions,
  'autoscaling/v2/HorizontalPodAutoscaler': withSpec({
    1: { name: 'scaleTargetRef', type: { message: scaleTargetRef } },
    2: { name: 'minReplicas', type: 'int' },
    3: { name: 'maxReplicas', type: 'int' },
    4: {
      name: 'metrics',
      repeated: true,
      type: {
        message: {
          1: { name: 'type', type: 'string' },
          4: { name: 'resource', type: { message: { 1: { name: 'name', type: 'string' }, 2: { name: 'target', type: { message: metricTarget } } } } },
          7: { name: 'containerResource', type: { message: { 1: { name: 'name', type: 'string' }, 2: { name: 'target', type: { message: metricTarget } }, 3: { name: 'container', type: 'string' } } } },
        },
      },
    },
  }),
  'autoscaling/v1/HorizontalPodAutoscaler': withSpec({
    1: { name: 'scaleTargetRef', type: { message: scaleTargetRef } },
    2: { name: 'minReplicas', type: 'int' },
    3: { name: 'maxReplicas', type: 'int' },
    4: { name: 'targetCPUUtilizationPercentage', type: 'int' },
  }),
  'certificates.k8s.io/v1/CertificateSigningRequest': withSpec({
    1: { name: 'request', type: 'bytes' },
    2: { name: 'username', type: 'string' },
    3: { name: 'uid', type: 'string' },
    4: { name: 'groups', type: 'string', repeated: true },
    5: { name: 'usages', type: 'string', repeated: true },
    7: { name: 'signerName', type: 'string' },
    8: { name: 'expirationSeconds', type: 'int' },
  }, {
    1: {
      name: 'conditions',
      repeated: true,
      type: {
        message: {
          1: { name: 'type', type: 'string' },
          2: { name: 'reason', type: 'string' },
          3: { name: 'message', type: 'string' },
          4: { name: 'lastUpdateTime', type: 'time' },
          5: { name: 'lastTransitionTime', type: 'time' },
          6: { name: 'status', type: 'string' },
        },
      },
    },
    2: { name: 'certificate', type: 'bytes' },
  }),
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

/**
 * Decodes one message by its layout. A field the layout does not know is refused unless it holds only zero values
 * (proto2 encoders write empty optional fields): dropping what a client sent would store less than it asked for.
 * `where` is the JSON path of the message, for the error.
 */
function decode(buf: Buffer, layout: Message, keepBytes: boolean, where = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (r.pos < buf.length) {
    const tag = Number(r.varint());
    const field = layout[tag >> 3];
    const wire = tag & 7;
    if (wire === 0) {
      const v = r.varint();
      if (field) set(out, field, field.type === 'bool' ? v !== 0n : Number(BigInt.asIntN(64, v)));
      else if (v !== 0n) throw unreadable(tag >> 3, where);
    } else if (wire === 2) {
      const data = r.bytes();
      if (field) set(out, field, value(field.type, data, keepBytes, where ? `${where}.${field.name}` : field.name));
      else if (!holdsOnlyZeros(data)) throw unreadable(tag >> 3, where);
    } else if (wire === 1 || wire === 5) {
      const width = wire === 1 ? 8 : 4;
      if (r.pos + width > buf.length) throw badRequest('protobuf: truncated field');
      if (!field && buf.subarray(r.pos, r.pos + width).some((b) => b !== 0)) throw unreadable(tag >> 3, where);
      r.pos += width;
    } else throw badRequest(`protobuf: unsupported wire type ${wire}`);
  }
  return out;
}

function unreadable(fieldNumber: number, where: string): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in protobuf, and this server cannot read field ${fieldNumber} of ${where || 'the object'} in that encoding; send it as JSON or YAML`, {});
}

/** Whether bytes are empty, or a message whose every field is zero or empty in turn (not a non-empty string). */
function holdsOnlyZeros(data: Buffer): boolean {
  const r = new Reader(data);
  try {
    while (r.pos < data.length) {
      const wire = Number(r.varint()) & 7;
      if (wire === 0 && r.varint() !== 0n) return false;
      if (wire === 2 && !holdsOnlyZeros(r.bytes())) return false;
      if (wire === 1 || wire === 5) {
        const width = wire === 1 ? 8 : 4;
        if (data.subarray(r.pos, r.pos + width).some((b) => b !== 0) || r.pos + width > data.length) return false;
        r.pos += width;
      }
      if (wire > 5 || wire === 3 || wire === 4) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function value(type: FieldType, data: Buffer, keepBytes: boolean, where: string): unknown {
  if (type === 'string') return data.toString('utf8');
  if (type === 'bytes') return keepBytes ? data : data.toString('base64');
  if (type === 'time') {
    const t = decode(data, { 1: { name: 'seconds', type: 'int' }, 2: { name: 'nanos', type: 'int' } }, false, where);
    return t.seconds ? new Date(Number(t.seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  }
  if (type === 'quantity') return decode(data, { 1: { name: 'string', type: 'string' } }, false, where).string ?? '0';
  if (type === 'rawJson') {
    const raw = decode(data, { 1: { name: 'raw', type: 'bytes' } }, true, where).raw;
    return raw instanceof Buffer && raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as unknown) : {};
  }
  if (type === 'intOrString') {
    const v = decode(data, { 1: { name: 'type', type: 'int' }, 2: { name: 'intVal', type: 'int' }, 3: { name: 'strVal', type: 'string' } }, false, where);
    return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
  }
  if (typeof type === 'object' && 'message' in type) return decode(data, type.message, false, where);
  if (typeof type === 'object' && 'inline' in type) return decode(data, type.inline, false, where);
  if (typeof type === 'object' && 'map' in type) {
    const entry = decode(data, { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: type.map } }, false, where);
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
  if (typeof field.type === 'object' && 'inline' in field.type) {
    Object.assign(out, v as Record<string, unknown>);
    return;
  }
  if (field.repeated) {
    ((out[field.name] ??= []) as unknown[]).push(v);
    return;
  }
  // An int-or-string is a pointer in Go: when it is sent at all, even 0 is meant (a budget's `minAvailable: 0`).
  if (v === undefined || (field.type !== 'intOrString' && (v === '' || v === 0 || v === false))) return;
  out[field.name] = v;
}
