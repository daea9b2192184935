// Checks a CRD version's openAPIV3Schema the way the API server does before accepting a CRD: a structural
// schema (every node typed, unless it is int-or-string or preserves unknown fields), no $ref, consistent
// list and map markers. The first problem found is reported with its JSON pointer.
import { PointerAt as At, escapePointerToken } from '../../spec/errors.js';
import { isObject } from '../../spec/values.js';

type Fail = (pointer: string, detail: string) => never;

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const LIST_TYPES = new Set(['atomic', 'set', 'map']);
const MAP_TYPES = new Set(['atomic', 'granular']);
const FLAGS = [
  'nullable',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'uniqueItems',
] as const;
const JUNCTORS = ['allOf', 'anyOf', 'oneOf'] as const;

export function checkCrdSchema(schema: unknown, pointer: string, fail: Fail): void {
  if (!isObject(schema)) fail(pointer, 'must be a schema (a mapping)');
  const root = schema as Record<string, unknown>;
  if (root.type !== 'object')
    fail(
      `${pointer}/type`,
      `the root of a CRD schema must have type "object", got ${JSON.stringify(root.type ?? null)}`,
    );
  checkNode(root, pointer, fail, false);
  const metadata = isObject(root.properties) ? root.properties.metadata : undefined;
  if (isObject(metadata) && isObject(metadata.properties)) {
    for (const key of Object.keys(metadata.properties)) {
      if (key !== 'name' && key !== 'generateName')
        fail(
          `${pointer}/properties/metadata/properties/${escapePointerToken(key)}`,
          'a CRD schema may only constrain metadata.name and metadata.generateName',
        );
    }
  }
}

function checkNode(node: Record<string, unknown>, at: At | string, fail: Fail, inJunctor: boolean): void {
  if ('$ref' in node) fail(`${at}/$ref`, '$ref is not allowed in a CRD schema');
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const type = node.type;
  if (type !== undefined && (typeof type !== 'string' || !TYPES.has(type))) {
    fail(`${at}/type`, `must be one of ${[...TYPES].join(', ')}, got ${JSON.stringify(type)}`);
  }
  if (type === undefined && !inJunctor && !intOrString && !preserve) {
    fail(
      `${at}/type`,
      'missing: a structural schema gives every field a type (or x-kubernetes-int-or-string / x-kubernetes-preserve-unknown-fields)',
    );
  }
  if (intOrString && type !== undefined) fail(`${at}/type`, 'must be empty when x-kubernetes-int-or-string is true');
  // Indexed loops here and below: this walk runs mostly before V8 optimises it (a regeneration checks one manifest),
  // and an interpreted for-of pays for an iterator at every node.
  for (let i = 0; i < FLAGS.length; i++) {
    const flag = node[FLAGS[i]!];
    if (flag !== undefined && typeof flag !== 'boolean') fail(`${at}/${FLAGS[i]}`, 'must be true or false');
  }
  if (node['x-kubernetes-embedded-resource'] === true && type !== 'object')
    fail(`${at}/type`, 'must be "object" when x-kubernetes-embedded-resource is true');
  if (
    node.required !== undefined &&
    !(Array.isArray(node.required) && node.required.every((r) => typeof r === 'string'))
  ) {
    fail(`${at}/required`, 'must be a list of property names');
  }
  if (node.enum !== undefined && !Array.isArray(node.enum)) fail(`${at}/enum`, 'must be a list');
  if (node.description !== undefined && typeof node.description !== 'string')
    fail(`${at}/description`, 'must be a string');
  if (node.properties !== undefined && node.additionalProperties !== undefined && node.additionalProperties !== false) {
    fail(`${at}/additionalProperties`, 'properties and additionalProperties cannot both be set');
  }
  checkChildren(node, at, fail, inJunctor);
  checkListMarkers(node, at, fail);
}

function checkChildren(node: Record<string, unknown>, at: At | string, fail: Fail, inJunctor: boolean): void {
  if (node.properties !== undefined) {
    if (!isObject(node.properties)) fail(`${at}/properties`, 'must be a mapping of property names to schemas');
    const properties = node.properties as Record<string, unknown>;
    const names = Object.keys(properties);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const child = properties[name];
      const p = new At(at, ['properties', name]);
      if (!isObject(child)) fail(String(p), 'must be a schema (a mapping)');
      checkNode(child as Record<string, unknown>, p, fail, inJunctor);
    }
  }
  if (node.items !== undefined) {
    if (!isObject(node.items)) fail(`${at}/items`, 'must be a single schema (a mapping)');
    checkNode(node.items as Record<string, unknown>, new At(at, ['items']), fail, inJunctor);
  } else if (node.type === 'array' && !inJunctor) {
    fail(`${at}/items`, 'missing: an array must say what its items are');
  }
  const extra = node.additionalProperties;
  if (extra !== undefined && typeof extra !== 'boolean') {
    if (!isObject(extra)) fail(`${at}/additionalProperties`, 'must be true, false or a schema');
    checkNode(extra as Record<string, unknown>, new At(at, ['additionalProperties']), fail, inJunctor);
  }
  for (let j = 0; j < JUNCTORS.length; j++) {
    const key = JUNCTORS[j]!;
    const list = node[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`${at}/${key}`, 'must be a list of schemas');
    for (let i = 0; i < (list as unknown[]).length; i++) {
      const child = (list as unknown[])[i];
      if (!isObject(child)) fail(`${at}/${key}/${i}`, 'must be a schema (a mapping)');
      checkNode(child as Record<string, unknown>, new At(at, [key, i]), fail, true);
    }
  }
  if (node.not !== undefined) {
    if (!isObject(node.not)) fail(`${at}/not`, 'must be a schema (a mapping)');
    checkNode(node.not as Record<string, unknown>, new At(at, ['not']), fail, true);
  }
}

function checkListMarkers(node: Record<string, unknown>, at: At | string, fail: Fail): void {
  const listType = node['x-kubernetes-list-type'];
  if (listType !== undefined) {
    if (typeof listType !== 'string' || !LIST_TYPES.has(listType))
      fail(`${at}/x-kubernetes-list-type`, `must be atomic, set or map, got ${JSON.stringify(listType)}`);
    if (node.type !== 'array') fail(`${at}/x-kubernetes-list-type`, 'only allowed on arrays');
    const keys = node['x-kubernetes-list-map-keys'];
    if (listType === 'map') {
      if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'string')) {
        fail(`${at}/x-kubernetes-list-map-keys`, 'a list of type map must name its keys');
      }
      const items = node.items;
      if (isObject(items) && items.type !== 'object')
        fail(`${at}/items/type`, 'the items of a list of type map must be objects');
    } else if (keys !== undefined) {
      fail(`${at}/x-kubernetes-list-map-keys`, 'only allowed with x-kubernetes-list-type: map');
    }
  }
  const mapType = node['x-kubernetes-map-type'];
  if (mapType !== undefined && (typeof mapType !== 'string' || !MAP_TYPES.has(mapType))) {
    fail(`${at}/x-kubernetes-map-type`, `must be atomic or granular, got ${JSON.stringify(mapType)}`);
  }
}
