// Small self-written schemas that exercise every path of the engine: a CRD with one field per keyword
// and rule feature, and a two-kind OpenAPI v2 document in the shape of the built-in definitions.
import type { OpenAPIDocument, Schema } from '../../validation/index.ts';

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });

export const widgetSchema: Schema = {
  type: 'object',
  properties: {
    apiVersion: str(),
    kind: str(),
    metadata: { type: 'object', properties: { name: str({ maxLength: 20 }) } },
    spec: {
      type: 'object',
      required: ['size'],
      'x-kubernetes-validations': [
        {
          rule: 'has(self.minReplicas) == has(self.maxReplicas)',
          message: "Both 'minReplicas' and 'maxReplicas' must be set together",
        },
        {
          rule: '!has(self.maxReplicas) || self.maxReplicas >= self.minReplicas',
          messageExpression: "'maxReplicas ' + string(self.maxReplicas) + ' is below minReplicas'",
          fieldPath: '.maxReplicas',
        },
        {
          rule: "self.mode != 'locked' || !has(self.owner)",
          message: 'owner is not allowed when locked',
          reason: 'FieldValueForbidden',
          fieldPath: '.owner',
        },
        { rule: 'self.size == oldSelf.size', message: 'size is immutable' },
        {
          rule: "!oldSelf.hasValue() || oldSelf.value().mode != 'locked' || self.mode == 'locked'",
          message: 'a locked widget stays locked',
          optionalOldSelf: true,
        },
      ],
      properties: {
        size: { type: 'integer', format: 'int32', minimum: 1, maximum: 10 },
        ratio: { type: 'number', exclusiveMinimum: true, minimum: 0, multipleOf: 0.5 },
        mode: str({ enum: ['open', 'locked'], default: 'open' }),
        owner: str(),
        minReplicas: { type: 'integer' },
        maxReplicas: { type: 'integer' },
        color: str({ pattern: '^#[0-9a-f]{6}$' }),
        code: str({ minLength: 2, maxLength: 4 }),
        slug: str({ maxLength: 8, pattern: '^[a-z]+$' }),
        when: str({ format: 'date-time' }),
        timeout: str({ format: 'duration' }),
        port: { 'x-kubernetes-int-or-string': true },
        note: str({ nullable: true }),
        tags: { type: 'array', items: str(), maxItems: 3, minItems: 1, 'x-kubernetes-list-type': 'set' },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: str(), number: { type: 'integer' }, 'x-protocol': str({ default: 'TCP' }) },
            'x-kubernetes-validations': [
              { rule: "self.x__dash__protocol in ['TCP', 'UDP']", message: 'protocol must be TCP or UDP' },
              { rule: 'self.number == oldSelf.number', message: 'a port number is immutable' },
            ],
          },
        },
        labels: {
          type: 'object',
          additionalProperties: str({ maxLength: 5 }),
          maxProperties: 2,
          'x-kubernetes-validations': [
            { rule: "self.all(k, k.startsWith('w-'))", message: 'label keys start with w-' },
          ],
        },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          'x-kubernetes-preserve-unknown-fields': true,
          'x-kubernetes-validations': [{ rule: "self.kind != 'Secret'", message: 'templates may not be Secrets' }],
        },
        anyOfValue: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
        oneOfValue: {
          type: 'object',
          oneOf: [{ required: ['a'] }, { required: ['b'] }],
          properties: { a: str(), b: str() },
        },
        namespace: str(),
        refs: {
          type: 'array',
          items: { type: 'object', properties: { namespace: str(), name: str() } },
          'x-kubernetes-validations': [
            {
              rule: "(self.size() > 0 ? (has(self[0].__namespace__) ? self[0].__namespace__ != '' : true) : true)",
              message: 'the first ref names no empty namespace',
            },
          ],
        },
      },
    },
  },
};

/** A namespaced CRD of the group example.com serving one version, v1, with this schema. */
export function exampleCRD(kind: string, plural: string, schema: Schema) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { kind, plural },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }],
    },
  };
}

export const widgetCRD = exampleCRD('Widget', 'widgets', widgetSchema);

/** A valid Widget; tests change one thing at a time. */
export function widget(
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = { name: 'w1', namespace: 'default' },
) {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata, spec: { size: 3, ...spec } };
}

const meta = '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export const builtinDoc: OpenAPIDocument = {
  swagger: '2.0',
  paths: {
    '/api/v1/namespaces/{namespace}/configmaps': {
      get: { 'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: 'ConfigMap' } },
    },
    '/api/v1/namespaces': {
      get: { 'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: 'Namespace' } },
    },
  },
  definitions: {
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
      type: 'object',
      properties: {
        name: str(),
        generateName: str(),
        namespace: str(),
        labels: { type: 'object', additionalProperties: str() },
        annotations: { type: 'object', additionalProperties: str() },
      },
    },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
    'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object' },
    'io.k8s.api.core.v1.ConfigMap': {
      type: 'object',
      properties: {
        apiVersion: str(),
        kind: str(),
        metadata: { $ref: meta },
        data: { type: 'object', additionalProperties: str() },
        limit: { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' },
        target: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
        raw: { $ref: '#/definitions/io.k8s.apimachinery.pkg.runtime.RawExtension' },
        replicas: { type: 'integer', format: 'int32' },
        stamp: str({ format: 'date-time' }),
        payload: str({ format: 'byte' }),
      },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'ConfigMap' }],
    },
    'io.k8s.api.core.v1.Namespace': {
      type: 'object',
      properties: { apiVersion: str(), kind: str(), metadata: { allOf: [{ $ref: meta }], default: {} } },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Namespace' }],
    },
  },
};
