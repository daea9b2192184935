// Kubernetes protobuf request bodies, as kubectl's typed commands send them: `create namespace|configmap|secret|
// serviceaccount|deployment|job|cronjob|service|ingress|quota|role|clusterrole|rolebinding|clusterrolebinding|
// priorityclass|pdb|token`, `create job --from`, `debug --copy-to`, `autoscale`, `drain`, `certificate approve`, the
// reviews of `kubectl auth`. The `k8s\0` envelope wraps a runtime.Unknown holding the apiVersion, kind and the typed
// message. Other kinds are refused with 415 so clients send JSON; so is a field this server cannot read.
import {
  bool,
  bool0,
  bytes,
  inline,
  int,
  int0,
  intOrString,
  message,
  messages,
  quantity,
  str,
  strs,
  time,
  labelSelector,
  objectMeta,
  type Field,
  type FieldType,
  type Message,
} from './meta.js';
import {
  configMap,
  cronJobSpec,
  deploymentSpec,
  jobSpec,
  namespaceSpec,
  namespaceStatus,
  pod,
  resourceQuotaSpec,
  secret,
  serviceAccount,
  serviceSpec,
} from './core.js';
import { badRequest, StatusError, unsupportedMediaType } from '../http/status.js';

const metadata = message('metadata', objectMeta);

/** An object with metadata (1), a spec (2) and a status (3: its layout, `{}` for one the server sets itself, or absent). */
function withSpec(spec: Message, status: Message | false = {}): Message {
  const layout: Message = { 1: metadata, 2: message('spec', spec) };
  if (status) layout[3] = message('status', status);
  return layout;
}

const ingressServiceBackend: Message = { 1: str('name'), 2: message('port', { 1: str('name'), 2: int0('number') }) };
const ingressBackend: Message = { 4: message('service', ingressServiceBackend) };
const httpIngressPath: Message = { 1: str('path'), 2: message('backend', ingressBackend), 3: str('pathType') };
const ingressRule: Message = {
  1: str('host'),
  2: inline('ingressRuleValue', { 1: message('http', { 1: messages('paths', httpIngressPath) }) }),
};
const ingressSpec: Message = {
  1: message('defaultBackend', ingressBackend),
  2: messages('tls', { 1: strs('hosts'), 2: str('secretName') }),
  3: messages('rules', ingressRule),
  4: str('ingressClassName'),
};

const resourceAttributes: Message = {
  1: str('namespace'),
  2: str('verb'),
  3: str('group'),
  4: str('version'),
  5: str('resource'),
  6: str('subresource'),
  7: str('name'),
};
const accessReviewSpec: Message = {
  1: message('resourceAttributes', resourceAttributes),
  2: message('nonResourceAttributes', { 1: str('path'), 2: str('verb') }),
  3: str('user'),
  4: strs('groups'),
  6: str('uid'),
};

/** A review: metadata, a spec (if `spec` is given) and a status the server fills in. */
function review(spec: Message | undefined): Message {
  return spec ? { 1: metadata, 2: message('spec', spec) } : { 1: metadata };
}

const boundObjectReference: Message = { 1: str('kind'), 2: str('apiVersion'), 3: str('name'), 4: str('uid') };
const policyRule: Message = {
  1: strs('verbs'),
  2: strs('apiGroups'),
  3: strs('resources'),
  4: strs('resourceNames'),
  5: strs('nonResourceURLs'),
};
const subject: Message = { 1: str('kind'), 2: str('apiGroup'), 3: str('name'), 4: str('namespace') };
const binding: Message = {
  1: metadata,
  2: messages('subjects', subject),
  3: message('roleRef', { 1: str('apiGroup'), 2: str('kind'), 3: str('name') }),
};
const scaleTargetRef: Message = { 1: str('kind'), 2: str('name'), 3: str('apiVersion') };
const metricTarget: Message = {
  1: str('type'),
  2: quantity('value'),
  3: quantity('averageValue'),
  4: int('averageUtilization'),
};
const resourceMetric = (extra: Record<number, Field> = {}): Message => ({
  1: str('name'),
  2: message('target', metricTarget),
  ...extra,
});
const metricSpec: Message = {
  1: str('type'),
  4: message('resource', resourceMetric()),
  7: message('containerResource', resourceMetric({ 3: str('container') })),
};

const deleteOptions: Message = {
  1: int('gracePeriodSeconds'),
  2: message('preconditions', { 1: str('uid'), 2: str('resourceVersion') }),
  3: bool('orphanDependents'),
  4: str('propagationPolicy'),
  5: strs('dryRun'),
};

const csrCondition: Message = {
  1: str('type'),
  2: str('reason'),
  3: str('message'),
  4: time('lastUpdateTime'),
  5: time('lastTransitionTime'),
  6: str('status'),
};
const csrSpec: Message = {
  1: bytes('request'),
  2: str('username'),
  3: str('uid'),
  4: strs('groups'),
  5: strs('usages'),
  7: str('signerName'),
  8: int('expirationSeconds'),
};

/** Message layouts by `apiVersion/kind`, with kube's generated.proto field numbers. */
const kinds: Record<string, Message> = {
  'v1/Namespace': withSpec(namespaceSpec, namespaceStatus),
  'v1/ConfigMap': configMap,
  'v1/Secret': secret,
  'v1/ServiceAccount': serviceAccount,
  'v1/Pod': pod,
  'v1/Service': withSpec(serviceSpec),
  'v1/ResourceQuota': withSpec(resourceQuotaSpec),
  'apps/v1/Deployment': withSpec(deploymentSpec),
  'batch/v1/Job': withSpec(jobSpec),
  'batch/v1/CronJob': withSpec(cronJobSpec),
  'networking.k8s.io/v1/Ingress': withSpec(ingressSpec),
  'authorization.k8s.io/v1/SelfSubjectAccessReview': review(accessReviewSpec),
  'authorization.k8s.io/v1/SubjectAccessReview': review(accessReviewSpec),
  'authorization.k8s.io/v1/LocalSubjectAccessReview': review(accessReviewSpec),
  'authorization.k8s.io/v1/SelfSubjectRulesReview': review({ 1: str('namespace') }),
  'authentication.k8s.io/v1/SelfSubjectReview': review(undefined),
  'authentication.k8s.io/v1/TokenReview': review({ 1: str('token'), 2: strs('audiences') }),
  'authentication.k8s.io/v1/TokenRequest': review({
    1: strs('audiences'),
    3: message('boundObjectRef', boundObjectReference),
    4: int('expirationSeconds'),
  }),
  'rbac.authorization.k8s.io/v1/Role': { 1: metadata, 2: messages('rules', policyRule) },
  'rbac.authorization.k8s.io/v1/ClusterRole': {
    1: metadata,
    2: messages('rules', policyRule),
    3: message('aggregationRule', { 1: messages('clusterRoleSelectors', labelSelector) }),
  },
  'rbac.authorization.k8s.io/v1/RoleBinding': binding,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': binding,
  'scheduling.k8s.io/v1/PriorityClass': {
    1: metadata,
    2: int('value'),
    3: bool0('globalDefault'),
    4: str('description'),
    5: str('preemptionPolicy'),
  },
  'policy/v1/PodDisruptionBudget': withSpec({
    1: intOrString('minAvailable'),
    2: message('selector', labelSelector),
    3: intOrString('maxUnavailable'),
    4: str('unhealthyPodEvictionPolicy'),
  }),
  'policy/v1/Eviction': { 1: metadata, 2: message('deleteOptions', deleteOptions) },
  'meta.k8s.io/v1/DeleteOptions': deleteOptions,
  'v1/DeleteOptions': deleteOptions,
  'autoscaling/v2/HorizontalPodAutoscaler': withSpec({
    1: message('scaleTargetRef', scaleTargetRef),
    2: int('minReplicas'),
    3: int('maxReplicas'),
    4: messages('metrics', metricSpec),
  }),
  'autoscaling/v1/HorizontalPodAutoscaler': withSpec({
    1: message('scaleTargetRef', scaleTargetRef),
    2: int('minReplicas'),
    3: int('maxReplicas'),
    4: int('targetCPUUtilizationPercentage'),
  }),
  'certificates.k8s.io/v1/CertificateSigningRequest': withSpec(csrSpec, {
    1: messages('conditions', csrCondition),
    2: bytes('certificate'),
  }),
};

const unknown: Message = {
  1: {
    name: 'typeMeta',
    type: { message: { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } } },
  },
  2: { name: 'raw', type: 'bytes' },
};

export const protobufContentType = 'application/vnd.kubernetes.protobuf';

/** Decodes a `k8s\0`-enveloped object into its JSON form; 415 for kinds this server cannot read as protobuf. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\u0000')
    throw badRequest('provided protobuf is missing the k8s envelope prefix');
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
    return this.take(Number(this.varint()));
  }
  /** The 8 or 4 bytes of a fixed64 or fixed32 field (wire types 1 and 5). */
  fixed(wire: number): Buffer {
    return this.take(wire === 1 ? 8 : 4);
  }
  private take(len: number): Buffer {
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
      // No layout decodes a fixed-width field; an unknown one must be zero.
      const bytes = r.fixed(wire);
      if (!field && bytes.some((b) => b !== 0)) throw unreadable(tag >> 3, where);
    } else throw badRequest(`protobuf: unsupported wire type ${wire}`);
  }
  return out;
}

function unreadable(fieldNumber: number, where: string): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in protobuf, and this server cannot read field ${fieldNumber} of ${where || 'the object'} in that encoding; send it as JSON or YAML`,
    {},
  );
}

/** Whether bytes are empty, or a message whose every field is zero or empty in turn (not a non-empty string). */
function holdsOnlyZeros(data: Buffer): boolean {
  const r = new Reader(data);
  try {
    while (r.pos < data.length) {
      const wire = Number(r.varint()) & 7;
      const zero =
        wire === 0
          ? r.varint() === 0n
          : wire === 2
            ? holdsOnlyZeros(r.bytes())
            : wire === 1 || wire === 5
              ? r.fixed(wire).every((b) => b === 0)
              : false;
      if (!zero) return false;
    }
    return true;
  } catch {
    // Not a message at all: a non-empty string or bytes.
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
    const v = decode(
      data,
      { 1: { name: 'type', type: 'int' }, 2: { name: 'intVal', type: 'int' }, 3: { name: 'strVal', type: 'string' } },
      false,
      where,
    );
    return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
  }
  if (typeof type === 'object' && 'message' in type) return decode(data, type.message, false, where);
  if (typeof type === 'object' && 'inline' in type) return decode(data, type.inline, false, where);
  if (typeof type === 'object' && 'map' in type) {
    const entry = decode(
      data,
      { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: type.map } },
      false,
      where,
    );
    return [String(entry.key ?? ''), entry.value ?? ''];
  }
  return undefined;
}

/** Sets a decoded field the way Go's JSON encoding would show it. */
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
  // Empty strings are never meant; zero numbers and false only where the field is a plain one (see `omitZero`).
  if (v === undefined || v === '' || (field.omitZero && (v === 0 || v === false))) return;
  out[field.name] = v;
}
