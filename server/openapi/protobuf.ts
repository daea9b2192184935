// /openapi/v2 in the protobuf encoding kube-apiserver offers beside JSON (the gnostic `openapi.v2.Document`
// message, content type application/com.github.proto-openapi.spec.v2@v1.0+protobuf). kubectl asks for nothing
// else when it reads /openapi/v2: to check which query parameters an endpoint takes and to validate kinds that
// /openapi/v3 does not describe, such as a `List` of objects given to `kubectl create -f`.
// Every value that is free JSON (defaults, examples, enums, `x-` extensions) travels as YAML text in an `Any`;
// JSON is YAML, so it is written as JSON.

/** The types a client may ask for; the answer is labelled with the second, which (unlike `@`) parses as a media type. */
export const openApiV2ProtobufTypes = [
  'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
  'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
];

type Json = Record<string, unknown>;

/** How one JSON member is written: its field number and how its value is encoded. */
type Kind =
  | 'string'
  | 'strings'
  | 'bool'
  | 'double'
  | 'int'
  | 'any'
  | 'anys'
  | { message: Layout }
  | { messages: Layout }
  | { encode: (value: unknown) => Buffer | undefined; repeated?: boolean };

interface Layout {
  fields: Record<string, [number, Kind]>;
  /** The field of the repeated `NamedAny` that holds the object's `x-` members. */
  vendor?: number;
}

export function encodeOpenApiV2(doc: Json): Buffer {
  return message(documentLayout, doc);
}

// ---- the wire format ----

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

const tag = (field: number, wire: number) => varint(field * 8 + wire);
const delimited = (field: number, bytes: Buffer) => Buffer.concat([tag(field, 2), varint(bytes.length), bytes]);

function message(layout: Layout, value: unknown): Buffer {
  if (!isObject(value)) return Buffer.alloc(0);
  const parts: { field: number; bytes: Buffer }[] = [];
  for (const [key, [field, kind]] of Object.entries(layout.fields)) {
    const v = value[key];
    if (v !== undefined && v !== null) parts.push({ field, bytes: member(field, kind, v) });
  }
  if (layout.vendor !== undefined)
    parts.push({ field: layout.vendor, bytes: pairs(value, any, layout.vendor, isExtension) });
  // Fields in number order, as protobuf encoders write them.
  return Buffer.concat(parts.sort((a, b) => a.field - b.field).map((p) => p.bytes));
}

function member(field: number, kind: Kind, v: unknown): Buffer {
  switch (kind) {
    case 'string':
      return delimited(field, Buffer.from(String(v), 'utf8'));
    case 'strings':
      return Buffer.concat(asList(v).map((s) => delimited(field, Buffer.from(String(s), 'utf8'))));
    case 'bool':
      return v === true ? Buffer.concat([tag(field, 0), varint(1)]) : Buffer.alloc(0);
    case 'int':
      return typeof v === 'number' && v > 0 ? Buffer.concat([tag(field, 0), varint(Math.trunc(v))]) : Buffer.alloc(0);
    case 'double': {
      if (typeof v !== 'number') return Buffer.alloc(0);
      const b = Buffer.alloc(8);
      b.writeDoubleLE(v);
      return Buffer.concat([tag(field, 1), b]);
    }
    case 'any':
      return delimited(field, any(v));
    case 'anys':
      return Buffer.concat(asList(v).map((x) => delimited(field, any(x))));
    default:
      if ('message' in kind) return delimited(field, message(kind.message, v));
      if ('messages' in kind) return Buffer.concat(asList(v).map((x) => delimited(field, message(kind.messages, x))));
      if (kind.repeated) return Buffer.concat(asList(v).map((x) => encoded(field, kind.encode(x))));
      return encoded(field, kind.encode(v));
  }
}

const encoded = (field: number, bytes: Buffer | undefined) => (bytes ? delimited(field, bytes) : Buffer.alloc(0));

/** An `Any` whose `yaml` (field 2) holds the value. */
const any = (v: unknown) => delimited(2, Buffer.from(JSON.stringify(v), 'utf8'));
const isExtension = (name: string) => name.startsWith('x-');

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** A JSON object as the repeated (name, value) pairs gnostic writes for a map, each in `field`. */
function pairs(
  value: unknown,
  layoutOf: (value: unknown) => Buffer,
  field = 1,
  keep: (name: string) => boolean = () => true,
): Buffer {
  return Buffer.concat(
    Object.entries(isObject(value) ? value : {})
      .filter(([name]) => keep(name))
      .map(([name, v]) =>
        delimited(field, Buffer.concat([delimited(1, Buffer.from(name, 'utf8')), delimited(2, layoutOf(v))])),
      ),
  );
}

/** A map member written as its own message (`Definitions`, `Properties`…), so its pairs sit in field 1 of it. */
const map = (layoutOf: (value: unknown) => Buffer): Kind => ({ encode: (v) => pairs(v, layoutOf) });

/** An object that mixes entries (`Paths`' paths, `Responses`' codes) with `x-` members: each kind in its own field. */
function entriesAndExtensions(layoutOf: (value: unknown) => Buffer, entryField: number, vendorField: number): Kind {
  return {
    encode: (v) =>
      Buffer.concat([
        pairs(v, layoutOf, entryField, (name) => !isExtension(name)),
        pairs(v, any, vendorField, isExtension),
      ]),
  };
}

// ---- the messages ----

const externalDocs: Layout = { fields: { description: [1, 'string'], url: [2, 'string'] }, vendor: 3 };
const jsonReference: Layout = { fields: { $ref: [1, 'string'], description: [2, 'string'] } };

/** A oneof of a `JsonReference` (field 2) when the value is a `$ref`, else the value itself (field 1). */
const refOr = (encode: (v: unknown) => Buffer) => (v: unknown) =>
  isObject(v) && typeof v.$ref === 'string' ? delimited(2, message(jsonReference, v)) : delimited(1, encode(v));

// The members every primitive (non-body) parameter and items object share, after their own leading fields.
function primitiveFields(first: number): Record<string, [number, Kind]> {
  const names: [string, Kind][] = [
    ['type', 'string'],
    ['format', 'string'],
    ['items', { encode: (v) => message(primitivesItems, v) }],
    ['collectionFormat', 'string'],
    ['default', 'any'],
    ['maximum', 'double'],
    ['exclusiveMaximum', 'bool'],
    ['minimum', 'double'],
    ['exclusiveMinimum', 'bool'],
    ['maxLength', 'int'],
    ['minLength', 'int'],
    ['pattern', 'string'],
    ['maxItems', 'int'],
    ['minItems', 'int'],
    ['uniqueItems', 'bool'],
    ['enum', 'anys'],
    ['multipleOf', 'double'],
  ];
  return Object.fromEntries(names.map(([name, kind], i) => [name, [first + i, kind]]));
}

const primitivesItems: Layout = { fields: primitiveFields(1), vendor: 18 };
const header: Layout = { fields: { ...primitiveFields(1), description: [18, 'string'] }, vendor: 19 };
const leading = {
  required: [1, 'bool'],
  in: [2, 'string'],
  description: [3, 'string'],
  name: [4, 'string'],
} satisfies Record<string, [number, Kind]>;
const withEmptyValue: Layout = {
  fields: { ...leading, allowEmptyValue: [5, 'bool'], ...primitiveFields(6) },
  vendor: 23,
};
const withoutEmptyValue: Layout = { fields: { ...leading, ...primitiveFields(5) }, vendor: 22 };

const schema: Layout = {
  fields: {
    $ref: [1, 'string'],
    format: [2, 'string'],
    title: [3, 'string'],
    description: [4, 'string'],
    default: [5, 'any'],
    multipleOf: [6, 'double'],
    maximum: [7, 'double'],
    exclusiveMaximum: [8, 'bool'],
    minimum: [9, 'double'],
    exclusiveMinimum: [10, 'bool'],
    maxLength: [11, 'int'],
    minLength: [12, 'int'],
    pattern: [13, 'string'],
    maxItems: [14, 'int'],
    minItems: [15, 'int'],
    uniqueItems: [16, 'bool'],
    maxProperties: [17, 'int'],
    minProperties: [18, 'int'],
    required: [19, 'strings'],
    enum: [20, 'anys'],
    // An `AdditionalPropertiesItem`: a schema (1) or a boolean (2), written even when false since it is a oneof.
    additionalProperties: [
      21,
      {
        encode: (v) =>
          typeof v === 'boolean' ? Buffer.concat([tag(2, 0), varint(v ? 1 : 0)]) : delimited(1, schemaOf(v)),
      },
    ],
    type: [22, { encode: (v) => member(1, 'strings', v) }],
    items: [23, { encode: (v) => Buffer.concat(asList(v).map((s) => delimited(1, schemaOf(s)))) }],
    allOf: [24, { encode: schemaOf, repeated: true }],
    properties: [25, map(schemaOf)],
    discriminator: [26, 'string'],
    readOnly: [27, 'bool'],
    xml: [
      28,
      {
        message: {
          fields: {
            name: [1, 'string'],
            namespace: [2, 'string'],
            prefix: [3, 'string'],
            attribute: [4, 'bool'],
            wrapped: [5, 'bool'],
          },
          vendor: 6,
        },
      },
    ],
    externalDocs: [29, { message: externalDocs }],
    example: [30, 'any'],
  },
  vendor: 31,
};

function schemaOf(v: unknown): Buffer {
  return message(schema, v);
}

function parameter(v: unknown): Buffer {
  if (!isObject(v)) return Buffer.alloc(0);
  if (v.in === 'body')
    return delimited(
      1,
      message(
        {
          fields: {
            description: [1, 'string'],
            name: [2, 'string'],
            in: [3, 'string'],
            required: [4, 'bool'],
            schema: [5, { encode: schemaOf }],
          },
          vendor: 6,
        },
        v,
      ),
    );
  const which = { header: 1, formData: 2, query: 3, path: 4 }[String(v.in)];
  if (which === undefined) return Buffer.alloc(0);
  const layout = v.in === 'query' || v.in === 'formData' ? withEmptyValue : withoutEmptyValue;
  return delimited(2, delimited(which, message(layout, v)));
}

const parametersItem = refOr(parameter);

const response: Layout = {
  fields: {
    description: [1, 'string'],
    // A `SchemaItem`: the schema in field 1 (a file schema, field 2, is not used by Kubernetes).
    schema: [2, { encode: (v) => delimited(1, schemaOf(v)) }],
    headers: [3, map((h) => message(header, h))],
    examples: [4, map(any)],
  },
  vendor: 5,
};

const responseValue = refOr((v) => message(response, v));

/** A `SecurityRequirement`: scheme name → scopes (a `StringArray`). */
const securityRequirement = (v: unknown) => pairs(v, (scopes) => member(1, 'strings', scopes ?? []));

const operation: Layout = {
  fields: {
    tags: [1, 'strings'],
    summary: [2, 'string'],
    description: [3, 'string'],
    externalDocs: [4, { message: externalDocs }],
    operationId: [5, 'string'],
    produces: [6, 'strings'],
    consumes: [7, 'strings'],
    parameters: [8, { encode: parametersItem, repeated: true }],
    responses: [9, entriesAndExtensions(responseValue, 1, 2)],
    schemes: [10, 'strings'],
    deprecated: [11, 'bool'],
    security: [12, { encode: securityRequirement, repeated: true }],
  },
  vendor: 13,
};

const pathItem: Layout = {
  fields: {
    $ref: [1, 'string'],
    get: [2, { message: operation }],
    put: [3, { message: operation }],
    post: [4, { message: operation }],
    delete: [5, { message: operation }],
    options: [6, { message: operation }],
    head: [7, { message: operation }],
    patch: [8, { message: operation }],
    parameters: [9, { encode: parametersItem, repeated: true }],
  },
  vendor: 10,
};

function securityScheme(v: unknown): Buffer {
  if (!isObject(v)) return Buffer.alloc(0);
  const common = { type: [1, 'string'] } satisfies Record<string, [number, Kind]>;
  const scopes: [number, Kind] = [3, map((s) => Buffer.from(String(s), 'utf8'))];
  switch (v.type) {
    case 'basic':
      return delimited(1, message({ fields: { ...common, description: [2, 'string'] }, vendor: 3 }, v));
    case 'apiKey':
      return delimited(
        2,
        message(
          { fields: { ...common, name: [2, 'string'], in: [3, 'string'], description: [4, 'string'] }, vendor: 5 },
          v,
        ),
      );
    case 'oauth2': {
      const flow = { implicit: 3, password: 4, application: 5, accessCode: 6 }[String(v.flow)];
      if (flow === undefined) return Buffer.alloc(0);
      const urls: Record<string, [number, Kind]> =
        flow === 6
          ? { authorizationUrl: [4, 'string'], tokenUrl: [5, 'string'] }
          : flow === 3
            ? { authorizationUrl: [4, 'string'] }
            : { tokenUrl: [4, 'string'] };
      const last = flow === 6 ? 6 : 5;
      return delimited(
        flow,
        message(
          {
            fields: { ...common, flow: [2, 'string'], scopes, ...urls, description: [last, 'string'] },
            vendor: last + 1,
          },
          v,
        ),
      );
    }
    default:
      return Buffer.alloc(0);
  }
}

const documentLayout: Layout = {
  fields: {
    swagger: [1, 'string'],
    info: [
      2,
      {
        message: {
          fields: {
            title: [1, 'string'],
            version: [2, 'string'],
            description: [3, 'string'],
            termsOfService: [4, 'string'],
            contact: [
              5,
              { message: { fields: { name: [1, 'string'], url: [2, 'string'], email: [3, 'string'] }, vendor: 4 } },
            ],
            license: [6, { message: { fields: { name: [1, 'string'], url: [2, 'string'] }, vendor: 3 } }],
          },
          vendor: 7,
        },
      },
    ],
    host: [3, 'string'],
    basePath: [4, 'string'],
    schemes: [5, 'strings'],
    consumes: [6, 'strings'],
    produces: [7, 'strings'],
    // `Paths`: the path items in field 2, its `x-` members in field 1.
    paths: [8, entriesAndExtensions((p) => message(pathItem, p), 2, 1)],
    definitions: [9, map(schemaOf)],
    parameters: [10, map(parameter)],
    responses: [11, map((r) => message(response, r))],
    security: [12, { encode: securityRequirement, repeated: true }],
    securityDefinitions: [13, map(securityScheme)],
    tags: [
      14,
      {
        messages: {
          fields: { name: [1, 'string'], description: [2, 'string'], externalDocs: [3, { message: externalDocs }] },
          vendor: 4,
        },
      },
    ],
    externalDocs: [15, { message: externalDocs }],
  },
  vendor: 16,
};
